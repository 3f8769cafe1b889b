// Periodic housekeeping: retry undelivered mail, drop stale throttle rows, expired sessions and old idempotency keys,
// remind licence holders whose cycle ends, ask for waiting work that has no notice yet, apply evidence retention. Once a minute for the whole cluster (a pg-boss
// schedule, see jobs/queue.ts), whichever app server picks it up. pg-boss checks the schedules as it starts, so the
// first run (mail waiting since before a restart) comes within seconds. Every step is idempotent all the same.
import { db } from './db';
import { registerSchedule } from './jobs/queue';
import { flushOutbox } from './mail/outbox';
import { remindCyclesEnding } from './licensing/reminders';
import { remindEvaluationsDue } from './practicum/evaluations';
import { sweepKeys } from './idempotency';
import { retentionSweep } from './privacy/retention';
import { noticeWaitingWork } from './people/waiting';

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
	if (process.env.ORIGIN && (await remindEvaluationsDue(process.env.ORIGIN, now))) await flushOutbox();
	// work waiting on someone that came in without its notice (the demo data, imported history)
	if (process.env.ORIGIN && (await noticeWaitingWork(process.env.ORIGIN))) await flushOutbox();
	// evidence files past their jurisdiction's retention period: once a day, one audit event per run
	await retentionSweep(now).catch((e) => console.error('evidence retention run failed', e));
}

export const SWEEP_JOB = 'sweep';
registerSchedule(SWEEP_JOB, '* * * * *', () => sweep());
