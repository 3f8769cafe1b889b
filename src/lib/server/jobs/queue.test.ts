// Scheduled work runs once per cluster: two app servers (two pg-boss clients on one database, each set up by the same
// queue functions) with a job scheduled every minute run its handler once in that minute, not once each.
import { afterAll, describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { registerSchedule, setUp } from './queue';
import { SWEEP_JOB } from '../sweeper'; // registers the sweeper's schedule, as hooks.server.ts does

const schema = `pgboss_test_${randomUUID().slice(0, 8)}`;
const servers: PgBoss[] = [];
afterAll(async () => {
	await Promise.all(servers.map((b) => b.stop({ graceful: false, wait: true })));
	await db.$executeRawUnsafe(`drop schema if exists "${schema}" cascade`); // a name made above, not input
});

/** An app server's queue, checking its schedules every second instead of every 30 s. */
async function server() {
	const b = new PgBoss({
		connectionString: process.env.DATABASE_URL!,
		schema,
		max: 2,
		cronMonitorIntervalSeconds: 1,
		cronWorkerIntervalSeconds: 1
	});
	b.on('error', () => {});
	servers.push(b);
	await b.start();
	await setUp(b);
	return b;
}

describe('scheduled jobs', () => {
	it('a job scheduled every minute runs once in the minute with two servers, and the sweeper is scheduled', async () => {
		// a minute of pg-boss's schedule is a wall-clock minute: start early in one, so the test stays inside it
		const second = new Date().getUTCSeconds();
		if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
		const minute = Math.floor(Date.now() / 60_000);
		const runs: number[] = [];
		registerSchedule('test-tick', '* * * * *', async () => void runs.push(Math.floor(Date.now() / 60_000)));

		const expired = await db.user.create({
			data: { email: `${randomUUID()}@example.org`, name: 'Swept', passwordHash: 'x', emailVerifiedAt: new Date() }
		});
		const stale = await db.session.create({
			data: { id: randomUUID(), userId: expired.id, expiresAt: new Date(Date.now() - 1000) }
		});

		await Promise.all([server(), server()]);
		const until = Date.now() + 15_000;
		while (Date.now() < until && (runs.length === 0 || (await db.session.count({ where: { id: stale.id } })) > 0))
			await new Promise((r) => setTimeout(r, 500));
		await new Promise((r) => setTimeout(r, 4_000)); // both servers keep checking: a second run would come now

		expect(runs).toEqual([minute]);
		const [schedule] = await db.$queryRawUnsafe<{ name: string; cron: string }[]>(
			`select name, cron from "${schema}".schedule where name = $1`,
			SWEEP_JOB
		);
		expect(schedule).toEqual({ name: SWEEP_JOB, cron: '* * * * *' });
		// the sweeper's handler ran (once, like the other) and did its work: the expired session is gone
		expect(await db.session.count({ where: { id: stale.id } })).toBe(0);
	}, 60_000);
});
