import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { recordOutcome } from './audits';
import { renewalQueue } from './licences';
import { cycleCompliance } from './compliance-data';
import { snapshotOf } from './snapshots';
import { DomainError } from '../errors';
import { addEntries, licensedWorker, day } from '../../../../tests/helpers/licensing';

const ORIGIN = 'http://credo.test';
const NOW = new Date('2026-06-01T09:00:00Z');
const REASON = 'No certificate for the ethics courses';

/** An audit sample of one licence's cycle, answered by the worker. */
async function auditItem(w: Awaited<ReturnType<typeof licensedWorker>>, cycleId: string) {
	const sample = await db.auditSample.create({
		data: {
			jurisdictionId: w.j.id,
			percent: 10,
			windowStart: day('2025-01-01'),
			windowEnd: day('2026-12-31'),
			seed: 'seed',
			population: [w.licence.id],
			request: 'Send your certificates',
			createdById: w.regulator.id
		}
	});
	return db.auditSampleItem.create({
		data: { sampleId: sample.id, licenceId: w.licence.id, cycleId, status: 'SUBMITTED', response: 'Attached' }
	});
}

const fail = (itemId: string) => ({ itemId, outcome: 'FAILED' as const, note: REASON });

describe('an audit FAILED changes the record', () => {
	it("disallows the open cycle's counted external entries, puts the cycle in the queue, notifies the holder once", async () => {
		const w = await licensedWorker(); // cycle 2026, still running on 1 June
		await addEntries(w.user.id, w.j.id, w.provider.id, 3);
		const pending = await db.cpdEntry.create({
			data: {
				userId: w.user.id,
				jurisdictionId: w.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'PENDING',
				title: 'Waiting for review',
				activityDate: day('2026-04-01'),
				credits: 2,
				category: 'ethics'
			}
		});
		const item = await auditItem(w, w.cycle.id);
		expect((await renewalQueue(w.regulator, NOW)).map((c) => c.id)).not.toContain(w.cycle.id);

		await recordOutcome(w.regulator, fail(item.id), ORIGIN, NOW);

		const entries = await db.cpdEntry.findMany({ where: { userId: w.user.id }, orderBy: { title: 'asc' } });
		const disallowed = entries.filter((e) => e.disallowedAt);
		expect(disallowed.map((e) => e.title)).toEqual(['Activity 0', 'Activity 1', 'Activity 2']);
		for (const e of disallowed) expect([e.disallowedReason, e.disallowedByAuditItemId]).toEqual([REASON, item.id]);
		expect(entries.find((e) => e.id === pending.id)!.disallowedAt).toBeNull();

		const queue = await renewalQueue(w.regulator, NOW);
		expect(queue.find((c) => c.id === w.cycle.id)?.reopenedAt).toEqual(NOW);
		const licence = await db.licence.findUniqueOrThrow({ where: { id: w.licence.id } });
		expect(licence.version).toBe(2);
		const notices = await db.notification.findMany({ where: { userId: w.user.id, kind: 'audit-failed' } });
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatchObject({ link: '/cpd', subject: `audit-failed:${w.cycle.id}` });
		expect(notices[0].body).toContain('Activity 0; Activity 1; Activity 2');
		expect(notices[0].body).toContain(REASON);
		const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'audit.failed', subjectId: w.licence.id } });
		expect(event.reason).toBe(REASON);
		expect((event.data as { disallowed: string[] }).disallowed).toHaveLength(3);
	});

	it("leaves a renewed cycle's entries, decision and snapshot alone and puts the running cycle in the queue", async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await db.cpdEntry.create({
			data: {
				userId: w.user.id,
				jurisdictionId: w.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'APPROVED',
				title: 'Ethics in practice',
				providerOrgId: w.provider.id,
				activityDate: day('2025-05-15'),
				credits: 10,
				category: 'ethics'
			}
		});
		const decidedAt = new Date('2026-01-05T10:00:00Z');
		const snapshot = JSON.parse(
			JSON.stringify(await snapshotOf(db, (await cycleCompliance(w.licence.id, w.cycle.id))!, decidedAt))
		);
		expect(snapshot.verdict.status).toBe('met');
		await db.licenceCycle.update({
			where: { id: w.cycle.id },
			data: { outcome: 'RENEWED', decidedAt, decidedById: w.regulator.id, decisionReason: 'Met' }
		});
		await db.cycleDecision.create({ data: { cycleId: w.cycle.id, outcome: 'RENEWED', decidedAt, snapshot } });
		const next = await db.licenceCycle.create({
			data: {
				licenceId: w.licence.id,
				jurisdictionId: w.j.id,
				ruleId: w.rule.id,
				startsOn: day('2026-01-01'),
				endsOn: day('2026-12-31')
			}
		});
		const item = await auditItem(w, w.cycle.id);

		await recordOutcome(w.regulator, fail(item.id), ORIGIN, NOW);

		expect(await db.cpdEntry.count({ where: { userId: w.user.id, disallowedAt: { not: null } } })).toBe(0);
		const renewed = await db.licenceCycle.findUniqueOrThrow({ where: { id: w.cycle.id } });
		expect([renewed.outcome, renewed.decidedAt, renewed.reopenedAt]).toEqual(['RENEWED', decidedAt, null]);
		const decisions = await db.cycleDecision.findMany({ where: { cycleId: w.cycle.id } });
		expect(decisions.map((d) => d.snapshot)).toEqual([snapshot]);
		expect((await renewalQueue(w.regulator, NOW)).map((c) => c.id)).toEqual([next.id]);
		expect(await db.notification.count({ where: { userId: w.user.id, kind: 'audit-failed' } })).toBe(1);
	});

	it('an item already decided is refused with a message and nothing changes', async () => {
		const w = await licensedWorker();
		await addEntries(w.user.id, w.j.id, w.provider.id, 2);
		const item = await auditItem(w, w.cycle.id);
		await recordOutcome(w.regulator, { itemId: item.id, outcome: 'PASSED', note: 'All in order' }, ORIGIN, NOW);

		const refused = await recordOutcome(w.regulator, fail(item.id), ORIGIN, NOW).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.status).toBe(409);
		expect(refused.message).toMatch(/already been decided/);
		const stored = await db.auditSampleItem.findUniqueOrThrow({ where: { id: item.id } });
		expect([stored.status, stored.outcomeNote]).toEqual(['PASSED', 'All in order']);
		expect(await db.cpdEntry.count({ where: { userId: w.user.id, disallowedAt: { not: null } } })).toBe(0);
		expect((await db.licenceCycle.findUniqueOrThrow({ where: { id: w.cycle.id } })).reopenedAt).toBeNull();
		expect(await db.notification.count({ where: { userId: w.user.id, kind: 'audit-failed' } })).toBe(0);
		expect(await db.auditEvent.count({ where: { subjectId: w.licence.id, action: { startsWith: 'audit.' } } })).toBe(1);
	});

	it("another jurisdiction's regulator cannot decide the item: not found", async () => {
		const w = await licensedWorker();
		const other = await licensedWorker();
		const item = await auditItem(w, w.cycle.id);
		await expect(recordOutcome(other.regulator, fail(item.id), ORIGIN, NOW)).rejects.toMatchObject({ status: 404 });
		expect((await db.auditSampleItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('SUBMITTED');
	});
});
