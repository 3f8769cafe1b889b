// A double-submitted form (same idempotency key from the same person) is applied once: sequentially, concurrently,
// through the domain functions that claim the key in their own transaction and through formAction's generic path.
import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { db } from './db';
import { AlreadyApplied, sweepKeys, type Once } from './idempotency';
import { formAction } from './http';
import { DomainError } from './errors';
import { addActivity } from './cpd/ledger';
import { logHours } from './practicum/hours';
import { signedPlacement } from '../../../tests/helpers/practicum';
import { licensedWorker, PDF } from '../../../tests/helpers/licensing';
import { makeUser } from '../../../tests/helpers/db';
import { knownDay } from '$lib/calendar-day';

const activity = {
	title: 'Safeguarding workshop',
	providerName: 'Somewhere',
	activityDate: knownDay('2026-03-03'),
	credits: 2,
	category: 'ethics',
	activityType: 'in-person' as const,
	hours: null
};
const onceFor = (userId: string, action = '/(app)/cpd?/add'): Once => ({ userId, key: randomUUID(), action });
const pdf = () => new File([PDF], 'cert.pdf');
const keysOf = (userId: string) => db.idempotencyKey.count({ where: { userId } });

describe('the same idempotency key twice', () => {
	it('adding a CPD activity: the second submission is refused as already applied, one entry, one key', async () => {
		const a = await licensedWorker();
		const once = onceFor(a.user.id);
		await addActivity(a.learner, activity, pdf(), once);
		await expect(addActivity(a.learner, activity, pdf(), once)).rejects.toBeInstanceOf(AlreadyApplied);
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(1);
		expect(await db.evidenceFile.count({ where: { ownerId: a.user.id } })).toBe(1);
		expect(await keysOf(a.user.id)).toBe(1);
		// a new form (a new key) is a new activity
		await addActivity(a.learner, activity, pdf(), onceFor(a.user.id));
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(2);
	});

	it('two identical submissions at the same moment (Promise.all): one entry', async () => {
		const a = await licensedWorker();
		const once = onceFor(a.user.id);
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, () => addActivity(a.learner, activity, pdf(), once))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AlreadyApplied);
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(1);
		expect(await db.auditEvent.count({ where: { actorId: a.user.id, action: 'cpd.submitted' } })).toBe(1);
	});

	it('a refused submission does not use its key up: the corrected form with the same key is applied', async () => {
		const a = await licensedWorker();
		const once = onceFor(a.user.id);
		const exe = new File([Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(100)])], 'cert.pdf');
		await expect(addActivity(a.learner, activity, exe, once)).rejects.toMatchObject({ status: 400 });
		expect(await keysOf(a.user.id)).toBe(0);
		await addActivity(a.learner, activity, pdf(), once);
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(1);
	});

	it('a second submission waiting longer than 5 s on the first one still ends well (was a transaction timeout, a 500)', async () => {
		const a = await licensedWorker();
		const once = onceFor(a.user.id);
		// the first submission, slow: its transaction holds the key for 6 s, then fails (rolls back)
		const first = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await first.connect();
		try {
			await first.query('begin');
			await first.query('insert into idempotency_keys (user_id, key, action) values ($1, $2, $3)', [
				once.userId,
				once.key,
				once.action
			]);
			const second = addActivity(a.learner, activity, pdf(), once);
			await new Promise((r) => setTimeout(r, 6_000));
			await first.query('rollback');
			await second; // waited for the first, found the key free, and saved the activity
		} finally {
			await first.end();
		}
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(1);
		expect(await keysOf(a.user.id)).toBe(1);
	}, 20_000);

	it('keys belong to one person: the same key from someone else is their own submission', async () => {
		const a = await licensedWorker();
		const b = await licensedWorker();
		const key = randomUUID();
		await addActivity(a.learner, activity, pdf(), { userId: a.user.id, key, action: 'x' });
		await addActivity(b.learner, activity, pdf(), { userId: b.user.id, key, action: 'x' });
		expect(await db.cpdEntry.count({ where: { userId: { in: [a.user.id, b.user.id] } } })).toBe(2);
	});

	it('logging practicum hours twice at once with one key: one entry', async () => {
		const { student, placement } = await signedPlacement();
		const once = onceFor(student.id, '/(app)/practicum/placements/[placement=uuid]?/log');
		const hours = { date: knownDay('2026-03-02'), hours: 6, activity: 'Home visits', competencies: [] };
		const results = await Promise.allSettled([
			logHours(student, placement.id, hours, once),
			logHours(student, placement.id, hours, once)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await db.practicumLog.count({ where: { placementId: placement.id } })).toBe(1);
	});
});

/** A request as formAction sees it: a signed-in person posting a form to `?/go`. */
function post(user: { id: string }, fields: Record<string, string>): RequestEvent {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const url = new URL('http://credo.test/things?/go');
	return {
		locals: { user },
		route: { id: '/things' },
		url,
		request: new Request(url, { method: 'POST', body })
	} as unknown as RequestEvent;
}

describe('formAction with an idempotencyKey', () => {
	const schema = z.object({ name: z.string().min(1) });

	it('runs once per key, sequentially and concurrently; a repeat answers alreadySaved (200)', async () => {
		const user = await makeUser();
		let runs = 0;
		const action = formAction({
			guard: () => user,
			schema: schema,
			run: async () => {
				runs++;
				await new Promise((r) => setTimeout(r, 50));
				return { made: runs };
			}
		});
		const key = randomUUID();
		expect(await action(post(user, { name: 'a', idempotencyKey: key }))).toEqual({ made: 1 });
		expect(await action(post(user, { name: 'a', idempotencyKey: key }))).toEqual({ alreadySaved: true });
		const other = randomUUID();
		const both = await Promise.all([
			action(post(user, { name: 'b', idempotencyKey: other })),
			action(post(user, { name: 'b', idempotencyKey: other }))
		]);
		expect(runs).toBe(2);
		expect(both).toContainEqual({ alreadySaved: true });
		expect(await db.idempotencyKey.findMany({ where: { userId: user.id }, select: { action: true } })).toEqual([
			{ action: '/things?/go' },
			{ action: '/things?/go' }
		]);
		// without a key (or with a malformed one) every post runs
		await action(post(user, { name: 'c' }));
		await action(post(user, { name: 'c', idempotencyKey: 'short' }));
		expect(runs).toBe(4);
	});

	it('a run that fails gives its key back, so the corrected form can be sent again', async () => {
		const user = await makeUser();
		let fail = true;
		const action = formAction({
			guard: () => user,
			schema: schema,
			run: async () => {
				if (fail) throw new DomainError('not yet', 400, { name: 'not yet' });
				return { made: true };
			}
		});
		const key = randomUUID();
		const refused = await action(post(user, { name: 'a', idempotencyKey: key }));
		expect(refused).toMatchObject({ status: 400 });
		fail = false;
		expect(await action(post(user, { name: 'a', idempotencyKey: key }))).toEqual({ made: true });
	});

	it('with claimsKey the run claims the key in its own transaction', async () => {
		const user = await makeUser();
		let made = 0;
		const action = formAction({
			guard: () => user,
			schema: schema,
			run: async ({ once }) => {
				await db.$transaction(async (tx) => {
					const { claimOnce } = await import('./idempotency');
					await claimOnce(tx, once);
					made++;
				});
				return { made };
			},
			claimsKey: true
		});
		const key = randomUUID();
		const results = await Promise.all([1, 2, 3].map(() => action(post(user, { name: 'a', idempotencyKey: key }))));
		expect(made).toBe(1);
		expect(results.filter((r) => 'alreadySaved' in (r as object))).toHaveLength(2);
	});
});

describe('the sweeper', () => {
	it('forgets keys older than 7 days', async () => {
		const user = await makeUser();
		const now = new Date('2026-06-10T12:00:00Z');
		await db.idempotencyKey.createMany({
			data: [
				{ userId: user.id, key: randomUUID(), action: 'old', createdAt: new Date('2026-06-02T12:00:00Z') },
				{ userId: user.id, key: randomUUID(), action: 'recent', createdAt: new Date('2026-06-04T12:00:00Z') }
			]
		});
		await sweepKeys(now);
		expect((await db.idempotencyKey.findMany({ where: { userId: user.id } })).map((k) => k.action)).toEqual(['recent']);
	});
});
