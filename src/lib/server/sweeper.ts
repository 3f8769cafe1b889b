// Periodic housekeeping in each app server: retry undelivered mail, drop stale throttle rows and expired sessions.
// Every step is idempotent, so several servers running it at once do no harm.
import { db } from './db';
import { flushOutbox } from './mail/outbox';
import { remindCyclesEnding } from './licensing/reminders';
import { sweepKeys } from './idempotency';
import { retentionSweep } from './privacy/retention';

let timer: NodeJS.Timeout | null = null;

export async function sweep(now = new Date()) {
	await flushOutbox();
	await db.rateLimit.deleteMany({
		where: {
			windowStart: { lt: new Date(now.getTime() - 86_400_000) },
			OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }]
		}
	});
	await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
	await sweepKeys(now); // idempotency keys older than 7 days: a form is not resent after that long
	if (process.env.ORIGIN && (await remindCyclesEnding(process.env.ORIGIN, now))) await flushOutbox();
	// evidence files past their jurisdiction's retention period: once a day, one audit event per run
	await retentionSweep(now).catch((e) => console.error('evidence retention run failed', e));
}

export function startSweeper() {
	if (timer || process.env.NODE_ENV === 'test') return;
	timer = setInterval(() => sweep().catch((e) => console.error('sweep failed', e)), 60_000);
	timer.unref();
}
