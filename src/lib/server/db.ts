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
const counting = process.env.NODE_ENV === 'test';

/** Queries sent so far (tests only): lets a test prove a code path's query count does not grow with the data. */
export const queries = { count: 0 };

function connect(): PrismaClient {
	const client = new PrismaClient({
		adapter: new PrismaPg({ connectionString: databaseUrl(), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000 }),
		...(counting ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {})
	});
	if (counting) (client as unknown as { $on(e: 'query', f: () => void): void }).$on('query', () => void queries.count++);
	return client;
}

export const db: PrismaClient = globalForDb.credoDb ?? (globalForDb.credoDb = connect());

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type Db = PrismaClient | Tx;
