// The only PrismaClient. Server code imports `db` from here; nothing else opens connections (pg-boss, later, reuses
// the same DATABASE_URL).
import { PrismaPg } from '@prisma/adapter-pg';
import { building } from '$app/environment';
import { PrismaClient } from './generated/prisma/client';

function databaseUrl(): string {
	const url = process.env.DATABASE_URL;
	if (building) return 'postgresql://building.invalid/none'; // the build analyses modules; it never queries
	if (!url) throw new Error('DATABASE_URL is not set: start Credo with `npm start`, which provides one.');
	return url;
}

const globalForDb = globalThis as unknown as { credoDb?: PrismaClient };

export const db: PrismaClient =
	globalForDb.credoDb ??
	(globalForDb.credoDb = new PrismaClient({
		adapter: new PrismaPg({ connectionString: databaseUrl(), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000 })
	}));

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type Db = PrismaClient | Tx;
