// Issue 18: a decided cycle stands on the snapshot of its decision — changing an accreditation, a module's credits or
// the rule afterwards moves the open cycle, never the decided one; make-up credits of a grace count once.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { cycleCompliance } from './compliance-data';
import { decideRenewal } from './licences';
import { setModule, setProvider } from './accreditation';
import { snapshotDecidedCycles, type DecisionSnapshot } from './snapshots';
import { day, licensedWorker } from '../../../../tests/helpers/licensing';
import { knownDay } from '$lib/calendar-day';

const ORIGIN = 'http://credo.test';

async function entry(
	w: Awaited<ReturnType<typeof licensedWorker>>,
	date: string,
	over: { credits?: number; category?: string; module?: string } = {}
) {
	return db.cpdEntry.create({
		data: {
			userId: w.user.id,
			jurisdictionId: w.j.id,
			source: over.module ? 'MODULE' : 'EXTERNAL',
			activityType: over.module ? 'e-learning' : 'in-person',
			status: over.module ? 'RECORDED' : 'APPROVED',
			moduleId: over.module ?? null,
			providerOrgId: over.module ? null : w.provider.id,
			title: `${over.module ?? 'Workshop'} ${date}`,
			activityDate: day(date),
			credits: over.credits ?? 2,
			category: over.category ?? 'ethics'
		}
	});
}

describe('decision snapshots', () => {
	it('renewed: later changes to accreditation, module credits and the rule move the open cycle, never the decided one', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' }); // rule: 10 credits, 2 in ethics
		await db.renewalRule.update({
			where: { id: w.rule.id },
			data: { selfReportedCounts: false, moduleRepeatCounts: true }
		});
		await setModule(w.regulator, {
			moduleId: 'jus-diversion',
			credits: 4,
			category: 'ethics',
			accredit: 'yes',
			from: knownDay('2025-01-01')
		});
		await entry(w, '2025-03-01', { module: 'jus-diversion' });
		await entry(w, '2025-05-01', { credits: 6, category: 'child-protection' });
		const decided = (await cycleCompliance(w.licence.id, w.cycle.id))!;
		expect(decided.verdict).toMatchObject({ status: 'met', earned: { total: 10 } });

		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 1, decision: 'renew', reason: 'Compliant' },
			ORIGIN,
			new Date('2026-01-05T10:00:00Z')
		);
		const [decision] = await db.cycleDecision.findMany({ where: { cycleId: w.cycle.id } });
		const snapshot = decision.snapshot as unknown as DecisionSnapshot;
		expect(decision.outcome).toBe('RENEWED');
		expect(snapshot.rule).toMatchObject({ id: w.rule.id, version: 1, totalCredits: 10 });
		expect(snapshot.verdict).toEqual(decided.verdict);
		expect(snapshot.entries.map((e) => e.title).sort()).toEqual(['Workshop 2025-05-01', 'jus-diversion 2025-03-01']);

		// afterwards: the module is worth 1 credit from 2025-02-01, the provider loses its accreditation from
		// 2025-04-01, and the rule is raised to 20 credits
		await setModule(w.regulator, {
			moduleId: 'jus-diversion',
			credits: 1,
			category: 'ethics',
			accredit: 'yes',
			from: knownDay('2025-02-01')
		});
		await setProvider(w.regulator, { organisationId: w.provider.id, accredit: 'no', from: knownDay('2025-04-01') });
		await db.renewalRule.update({ where: { id: w.rule.id }, data: { totalCredits: 20 } });

		const after = (await cycleCompliance(w.licence.id, w.cycle.id))!;
		expect(after.decided).not.toBeNull();
		expect(after.verdict).toEqual(decided.verdict); // the decided cycle does not move
		expect((await db.cycleDecision.findFirstOrThrow({ where: { id: decision.id } })).snapshot).toEqual(
			decision.snapshot
		);

		// the open cycle (opened by the renewal) does: the same changes apply to its activity
		const next = await db.licenceCycle.findFirstOrThrow({ where: { licenceId: w.licence.id, outcome: 'OPEN' } });
		await entry(w, '2026-03-01', { module: 'jus-diversion' });
		const workshop = await entry(w, '2026-04-01', { credits: 3 });
		const open = (await cycleCompliance(w.licence.id, next.id))!;
		expect(open.decided).toBeNull();
		expect(open.verdict.earned.total).toBe(1); // the module at its new value
		// the provider is no longer accredited: its workshop reads as self-reported, which this rule does not count
		expect(open.verdict.entries.find((e) => e.id === workshop.id)?.why).toBe('self-reported');
	});

	it('grace: make-up credits cure the cycle in grace and do not count again in the next one', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await entry(w, '2025-06-01', { credits: 6 });
		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 1, decision: 'grace', reason: 'Short by 4 credits' },
			ORIGIN,
			new Date('2026-01-05T10:00:00Z')
		);
		const makeUp = await entry(w, '2026-01-20', { credits: 4 }); // inside the grace period
		const inGrace = (await cycleCompliance(w.licence.id, w.cycle.id))!;
		expect(inGrace.verdict.status).toBe('met');
		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 2, decision: 'renew', reason: 'Cured in grace' },
			ORIGIN,
			new Date('2026-01-25T10:00:00Z')
		);
		// the renewed cycle keeps its verdict (met, to the end of grace), not recomputed to its end date
		const renewed = (await cycleCompliance(w.licence.id, w.cycle.id))!;
		expect(renewed.verdict.status).toBe('met');
		expect(renewed.window).toEqual({ from: '2025-01-01', to: '2026-01-30' });
		// the next cycle starts on 2026-01-01, which the make-up activity falls in: it is not counted twice
		const next = await db.licenceCycle.findFirstOrThrow({ where: { licenceId: w.licence.id, outcome: 'OPEN' } });
		const nextState = (await cycleCompliance(w.licence.id, next.id))!;
		const made = nextState.verdict.entries.find((e) => e.id === makeUp.id)!;
		expect(made).toMatchObject({ counted: 0, why: 'counted-earlier' });
		expect(nextState.verdict.earned.total).toBe(0);
		// both decisions kept their snapshot: grace (not met then) and renewal (met)
		const decisions = await db.cycleDecision.findMany({
			where: { cycleId: w.cycle.id },
			orderBy: { decidedAt: 'asc' }
		});
		expect(decisions.map((d) => [d.outcome, (d.snapshot as unknown as DecisionSnapshot).verdict.status])).toEqual([
			['GRACE', 'not-met'],
			['RENEWED', 'met']
		]);
	});

	it('a cycle decided before snapshots gets one as it was decided (accreditation without dates), once', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		// a module accredited (in the old way) only after the activity: the old reading counted it
		await db.moduleAccreditation.create({
			data: {
				jurisdictionId: w.j.id,
				moduleId: 'jus-diversion',
				credits: 10,
				category: 'ethics',
				accreditedOn: day('2025-11-01')
			}
		});
		await entry(w, '2025-03-01', { module: 'jus-diversion' });
		await db.licenceCycle.update({
			where: { id: w.cycle.id },
			data: { outcome: 'RENEWED', decidedAt: new Date('2026-01-05T10:00:00Z'), decisionReason: 'Compliant' }
		});
		expect(await snapshotDecidedCycles()).toBeGreaterThanOrEqual(1);
		const [d] = await db.cycleDecision.findMany({ where: { cycleId: w.cycle.id } });
		expect(d.backfilled).toBe(true);
		expect((d.snapshot as unknown as DecisionSnapshot).verdict.status).toBe('met');
		expect((await cycleCompliance(w.licence.id, w.cycle.id))!.verdict.status).toBe('met');
		await snapshotDecidedCycles();
		expect(await db.cycleDecision.count({ where: { cycleId: w.cycle.id } })).toBe(1);
	});

	it('a renewal resting on a waiver keeps which exemption it was', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const waiver = await db.licenceExemption.create({
			data: {
				licenceId: w.licence.id,
				kind: 'WAIVER',
				fromOn: day('2025-01-01'),
				toOn: day('2025-12-31'),
				reason: 'Serious illness for the whole cycle',
				grantedById: w.regulator.id
			}
		});
		expect((await cycleCompliance(w.licence.id, w.cycle.id))!.verdict).toMatchObject({ status: 'met', waived: true });
		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 1, decision: 'renew', reason: 'Waived' },
			ORIGIN,
			new Date('2026-01-05T10:00:00Z')
		);
		const [d] = await db.cycleDecision.findMany({ where: { cycleId: w.cycle.id } });
		expect((d.snapshot as unknown as DecisionSnapshot).exemptionIds).toEqual([waiver.id]);
		// revoking the waiver afterwards does not touch the decided cycle
		await db.licenceExemption.update({ where: { id: waiver.id }, data: { revokedAt: new Date() } });
		expect((await cycleCompliance(w.licence.id, w.cycle.id))!.verdict.waived).toBe(true);
	});
});
