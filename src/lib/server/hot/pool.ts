// A small plain `pg` pool for the hot paths (every signed-in request's session lookup, the module page, certificate
// verification), where Prisma's per-query cost was the larger part of the work: one parameterised statement, no ORM.
// Same database and settings as `db` (../db.ts), which closes it at shutdown.
import pg from 'pg';
import { createHash } from 'node:crypto';
import { connectionLost } from '../db';

const globalForHot = globalThis as unknown as { credoHot?: pg.Pool };

export function hotPool(): pg.Pool {
	if (globalForHot.credoHot) return globalForHot.credoHot;
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DATABASE_URL is not set: start Credo with `npm start`, which provides one.');
	const pool = new pg.Pool({
		connectionString: url,
		max: Number(process.env.DATABASE_HOT_POOL_SIZE ?? 4),
		keepAlive: true,
		idleTimeoutMillis: 30_000,
		connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
		// what this pool writes is the verification rate-limit counter: not waiting for the WAL flush on each count lets
		// concurrent lookups from one address proceed (a crash may lose the last few increments, nothing else). Its
		// statements are keyed lookups whose plan does not depend on the values: a named statement is planned once per
		// connection (force_generic_plan) — by default PostgreSQL plans the first five runs afresh and may keep doing so
		// (one worker's compliance: 2.2 ms of planning for 0.8 ms of work, p95 2.0× → 1.1× its floor). Set as startup
		// options, so no statement races the first query on a new connection.
		options: '-c synchronous_commit=off -c plan_cache_mode=force_generic_plan'
	});
	pool.on('error', connectionLost('hot path'));
	return (globalForHot.credoHot = pool);
}

export interface Named {
	name: string;
	text: string;
}

const byText = new Map<string, Named>();

/**
 * A named statement: each connection parses and plans it once (planning the progress query took 2 ms, running it
 * 0.3 ms). The name is made from the text, so one name never stands for two texts (pg refuses a known name with
 * another text) and two texts never share a plan.
 */
export function named(purpose: string, text: string): Named {
	let s = byText.get(text);
	if (!s) {
		s = { name: `${purpose}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text };
		byText.set(text, s);
	}
	return s;
}
