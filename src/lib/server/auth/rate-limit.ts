// Throttling state lives in PostgreSQL so every app server sees the same counts. A fixed window per key; reaching
// the limit locks the key until lockedUntil. `now` is a parameter so tests move the clock instead of waiting.
import { db } from '../db';

export interface Limit {
	limit: number;
	windowMs: number;
	lockMs: number;
}

export const ACCOUNT_LOGIN: Limit = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_LOGIN: Limit = {
	limit: Number(process.env.LOGIN_IP_LIMIT ?? 100),
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000
};

/** The time the key stays locked until, or null. */
export async function lockedUntil(key: string, now = new Date()): Promise<Date | null> {
	const row = await db.rateLimit.findUnique({ where: { key }, select: { lockedUntil: true } });
	return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one event against the key; returns the lock end when this event reached the limit. */
export async function hit(key: string, limit: Limit, now = new Date()): Promise<Date | null> {
	const windowStart = new Date(now.getTime() - limit.windowMs);
	const lockEnd = new Date(now.getTime() + limit.lockMs);
	const rows = await db.$queryRaw<{ count: number; locked_until: Date | null }[]>`
		insert into rate_limits (key, count, window_start) values (${key}, 1, ${now})
		on conflict (key) do update set
			count = case when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.count + 1 end,
			window_start = case when rate_limits.window_start <= ${windowStart} then ${now} else rate_limits.window_start end
		returning count, locked_until`;
	const { count } = rows[0];
	if (count < limit.limit) return null;
	await db.rateLimit.update({ where: { key }, data: { lockedUntil: lockEnd, count: 0, windowStart: now } });
	return lockEnd;
}

export async function clear(key: string): Promise<void> {
	await db.rateLimit.deleteMany({ where: { key } });
}
