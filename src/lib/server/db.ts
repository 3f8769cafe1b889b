// The only PrismaClient. Server code imports `db` from here; nothing else opens connections (pg-boss reuses the same
// DATABASE_URL). The client is created on first use, so building the app or importing this module from a script
// never needs a database.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

const globalForDb = globalThis as unknown as { credoDb?: PrismaClient };
const counting = process.env.NODE_ENV === 'test';

/** Queries sent so far (tests only): lets a test prove a code path's query count does not grow with the data. */
export const queries = { count: 0 };

function client(): PrismaClient {
	if (globalForDb.credoDb) return globalForDb.credoDb;
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DATABASE_URL is not set: start Credo with `npm start`, which provides one.');
	const c = new PrismaClient({
		adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000 }),
		...(counting ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {})
	});
	if (counting) (c as unknown as { $on(e: 'query', f: () => void): void }).$on('query', () => void queries.count++);
	return (globalForDb.credoDb = c);
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
	get(_, prop) {
		const c = client();
		const value = Reflect.get(c, prop);
		return typeof value === 'function' ? value.bind(c) : value;
	}
});

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type Db = PrismaClient | Tx;
