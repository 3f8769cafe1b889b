// The only PrismaClient. Server code imports `db` from here; nothing else opens connections (pg-boss reuses the same
// DATABASE_URL). The client is created on first use, so building the app or importing this module from a script
// never needs a database.
//
// `replica` is a second client for report and export reads when DATABASE_REPLICA_URL names a read replica (a
// streaming standby of the primary); without it, `replica` is `db`. Writes, the job queue and anything that must
// read what was just written stay on `db`.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

const globalForDb = globalThis as unknown as {
	credoDb?: PrismaClient;
	credoReplica?: PrismaClient;
	credoHot?: pg.Pool; // the hot-path pool (hot/pool.ts), closed here with the others
};
const counting = process.env.NODE_ENV === 'test';

/** Queries sent so far (tests only): lets a test prove a code path's query count does not grow with the data. */
export const queries = { count: 0 };

/** Logs a lost connection once per outage rather than once per pooled connection (a restart drops them all). */
export function connectionLost(which: string) {
	let last = 0;
	return (e: Error) => {
		const now = Date.now();
		if (now - last < 30_000) return;
		last = now;
		console.error(`database (${which}): connection lost: ${e.message}`);
	};
}

/** How long a transaction may wait for a pooled connection, and how long it may last, unless it says otherwise. */
export const TRANSACTION_MAX_WAIT_MS = 10_000;
export const TRANSACTION_TIMEOUT_MS = 30_000;

function make(url: string, which: 'primary' | 'replica'): PrismaClient {
	const lost = connectionLost(which);
	const c = new PrismaClient({
		adapter: new PrismaPg(
			{
				connectionString: url,
				max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
				// while PostgreSQL is down or restarting a request fails within this time (→ 503) instead of waiting
				connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
				// a server that vanished without closing its sockets (a network cut, a failover) is noticed
				keepAlive: true,
				idleTimeoutMillis: 30_000
			},
			// An idle pooled connection whose server goes away emits 'error'; without a listener node would exit. The
			// pool drops such a connection and opens a new one on the next query, so logging is all there is to do.
			{ onPoolError: lost, onConnectionError: lost }
		),
		// Prisma's defaults (2 s to get a connection, 5 s per transaction) turned a busy moment into a 500: a double-
		// clicked form's second submission waits on the first one's idempotency key (idempotency.ts) and was killed
		// after 5 s, as was a transaction that waited for a pooled connection behind a burst of requests. Long work
		// (imports, erasure, publishing a figure) sets its own, longer limits.
		transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS },
		...(counting ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {})
	});
	if (counting) (c as unknown as { $on(e: 'query', f: () => void): void }).$on('query', () => void queries.count++);
	return c;
}

function client(): PrismaClient {
	if (globalForDb.credoDb) return globalForDb.credoDb;
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DATABASE_URL is not set: start Credo with `npm start`, which provides one.');
	return (globalForDb.credoDb = make(url, 'primary'));
}

function replicaClient(): PrismaClient {
	const url = process.env.DATABASE_REPLICA_URL;
	if (!url) return client();
	return (globalForDb.credoReplica ??= make(url, 'replica'));
}

function lazy(get: () => PrismaClient): PrismaClient {
	return new Proxy({} as PrismaClient, {
		get(_, prop) {
			const c = get();
			const value = Reflect.get(c, prop);
			return typeof value === 'function' ? value.bind(c) : value;
		}
	});
}

export const db: PrismaClient = lazy(client);

/** Read-only report and export queries: the replica when DATABASE_REPLICA_URL is set, else the primary. What it
 *  shows may trail the primary by the replica's replay delay (normally well under a second). */
export const replica: PrismaClient = lazy(replicaClient);

/** Closes the pools of the clients that were opened (at shutdown), so the process can end. */
export async function disconnectAll() {
	const open = [globalForDb.credoDb, globalForDb.credoReplica].filter((c): c is PrismaClient => !!c);
	await Promise.all([...open.map((c) => c.$disconnect().catch(() => {})), globalForDb.credoHot?.end().catch(() => {})]);
}

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type Db = PrismaClient | Tx;
