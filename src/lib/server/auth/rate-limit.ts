// Throttling state lives in PostgreSQL so every app server sees the same counts. A fixed window per key; reaching
// the limit locks the key until lockedUntil. `now` is a parameter so tests move the clock instead of waiting.
import { db } from '../db';

export interface Limit {
	limit: number;
	windowMs: number;
	lockMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const envLimit = (name: string, fallback: number) => {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Wrong passwords for one account from one client address: 5 in 15 minutes pause that pair for 15 minutes. */
export const ACCOUNT_CLIENT_LOGIN: Limit = { limit: 5, windowMs: 15 * MIN, lockMs: 15 * MIN };
/** The looser ceiling for one account from all addresses together, against guessing from many machines. A stranger
 * cannot lock the owner out with 5 wrong passwords: the owner's own machine has not failed. */
export const ACCOUNT_LOGIN: Limit = {
	limit: envLimit('LOGIN_ACCOUNT_LIMIT', 50),
	windowMs: 15 * MIN,
	lockMs: 15 * MIN
};
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

// Forms that send mail or create an account, counted per typed address and per client address, whether or not the
// address has an account (so the limit itself tells nothing). The event that reaches a limit is still served; the
// next ones are refused until the lock ends.
/** Password-reset and verification mails to one address. */
export const ADDRESS_MAIL: Limit = { limit: envLimit('MAIL_ADDRESS_LIMIT', 5), windowMs: HOUR, lockMs: HOUR };
/** Password-reset and verification mails asked for from one client address. */
export const IP_MAIL: Limit = { limit: envLimit('MAIL_IP_LIMIT', 30), windowMs: HOUR, lockMs: HOUR };
/** Registrations with one address (each answered by a mail). */
export const ADDRESS_REGISTER: Limit = { limit: 3, windowMs: HOUR, lockMs: HOUR };
/** Registrations from one client address (each costs a password hash). */
export const IP_REGISTER: Limit = { limit: envLimit('REGISTER_IP_LIMIT', 20), windowMs: HOUR, lockMs: HOUR };
/** Entries a person may look up in the "add participants" form per hour (each is reported as found or not). */
export const PARTICIPANT_LOOKUPS: Limit = {
	limit: envLimit('PARTICIPANT_LOOKUP_LIMIT', 10_000),
	windowMs: HOUR,
	lockMs: HOUR
};

/**
 * Counts one event against each key unless one of them is locked. Returns null when the event may go ahead, else
 * when the last of the locks ends.
 */
export async function throttle(checks: [key: string, limit: Limit][], now = new Date()): Promise<Date | null> {
	const locks = (await Promise.all(checks.map(([key]) => lockedUntil(key, now)))).filter((d): d is Date => !!d);
	if (locks.length) return new Date(Math.max(...locks.map((d) => d.getTime())));
	await Promise.all(checks.map(([key, limit]) => hit(key, limit, now)));
	return null;
}

/**
 * Takes `amount` from the key's budget for the current window (`limit.limit` per `limit.windowMs`), all or nothing.
 * Returns null when taken, else the time the window ends and the budget is whole again.
 */
export async function spend(key: string, amount: number, limit: Limit, now = new Date()): Promise<Date | null> {
	const windowStart = new Date(now.getTime() - limit.windowMs);
	if (amount > limit.limit) return new Date(now.getTime() + limit.windowMs);
	const rows = await db.$queryRaw<{ count: number }[]>`
		insert into rate_limits (key, count, window_start) values (${key}, ${amount}, ${now})
		on conflict (key) do update set
			count = case when rate_limits.window_start <= ${windowStart} then excluded.count
				else rate_limits.count + excluded.count end,
			window_start = case when rate_limits.window_start <= ${windowStart} then excluded.window_start
				else rate_limits.window_start end
		where rate_limits.window_start <= ${windowStart} or rate_limits.count + excluded.count <= ${limit.limit}
		returning count`;
	if (rows.length) return null;
	const row = await db.rateLimit.findUnique({ where: { key }, select: { windowStart: true } });
	return new Date((row?.windowStart ?? now).getTime() + limit.windowMs);
}

/** Whole minutes until `until`, at least one (for messages). */
export const minutesUntil = (until: Date, now = new Date()) =>
	Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
