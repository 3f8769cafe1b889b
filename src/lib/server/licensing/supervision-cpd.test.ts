// Issue 18: supervision received and field instruction given earn CPD where the renewal rule gives their type a rate —
// from confirmed sessions only, minutes once per session however many functions it had; the verdict names them.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { cycleCompliance } from './compliance-data';
import { decideRenewal } from './licences';
import { licenceRecord } from './licence-record';
import { day, licensedWorker, makeRule } from '../../../../tests/helpers/licensing';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { makeUser, sessionUserOf } from '../../../../tests/helpers/db';

const RATES = { 'supervision-received': 0.5, 'field-instruction': 0.5 };

async function session(
	supervisorId: string,
	jurisdictionId: string,
	superviseeId: string,
	over: { date?: string; minutes?: number; status?: 'PENDING' | 'CONFIRMED' | 'DISPUTED'; withdrawn?: boolean } = {}
) {
	return db.supervisionSession.create({
		data: {
			supervisorId,
			jurisdictionId,
			date: day(over.date ?? '2026-03-10'),
			minutes: over.minutes ?? 60,
			format: 'INDIVIDUAL',
			functions: ['administrative', 'educational', 'supportive'],
			withdrawnAt: over.withdrawn ? new Date() : null,
			attendees: { create: [{ superviseeId, status: over.status ?? 'CONFIRMED' }] }
		}
	});
}

/** A licence (and its open 2026 cycle under a rule with `rates`) for a person who already has an account. */
async function licenceFor(userId: string, jurisdictionId: string, rates: Record<string, number>) {
	const rule = await makeRule(jurisdictionId, { activityRates: rates, categoryMinimums: {} });
	const worker = await db.workerProfile.create({
		data: { jurisdictionId, userId, givenName: 'Field', familyName: 'Supervisor' }
	});
	const licence = await db.licence.create({
		data: {
			jurisdictionId,
			number: `S-${userId.slice(0, 6)}`,
			holderName: 'Field Supervisor',
			workerProfileId: worker.id,
			issuedOn: day('2020-01-01')
		}
	});
	await db.licenceCycle.create({
		data: {
			licenceId: licence.id,
			jurisdictionId,
			ruleId: rule.id,
			startsOn: day('2026-01-01'),
			endsOn: day('2026-12-31')
		}
	});
	return licence;
}

describe('supervision as CPD', () => {
	it('a confirmed 60-minute session with three functions earns 0.5 credits once; pending, disputed and withdrawn earn none', async () => {
		const w = await licensedWorker();
		await db.renewalRule.update({ where: { id: w.rule.id }, data: { activityRates: RATES } });
		const supervisor = await makeUser([{ role: 'SUPERVISOR', jurisdictionId: w.j.id }]);
		const confirmed = await session(supervisor.id, w.j.id, w.user.id);
		const pending = await session(supervisor.id, w.j.id, w.user.id, { status: 'PENDING' });
		const disputed = await session(supervisor.id, w.j.id, w.user.id, { status: 'DISPUTED' });
		const withdrawn = await session(supervisor.id, w.j.id, w.user.id, { withdrawn: true });

		const { verdict } = (await cycleCompliance(w.licence.id))!;
		const ids = verdict.entries.map((e) => e.id);
		expect(ids).toContain(`session-${confirmed.id}`);
		for (const s of [pending, disputed, withdrawn]) expect(ids).not.toContain(`session-${s.id}`);
		expect(verdict.entries.find((e) => e.id === `session-${confirmed.id}`)).toMatchObject({
			counted: 0.5,
			type: 'supervision-received',
			why: 'counted'
		});
		expect(verdict.earned.total).toBe(0.5);
		expect(verdict.earned.types).toEqual({ 'supervision-received': 0.5 });

		// the regulator's record names the session, never its id: "Supervision received — date, 60 min"
		const record = await licenceRecord(w.regulator, w.licence.number);
		expect(record.supervision).toEqual([
			{ id: `session-${confirmed.id}`, kind: 'received', date: '2026-03-10', minutes: 60 }
		]);
	});

	it('without a rate for its type the session is listed and does not count (not-in-rule)', async () => {
		const w = await licensedWorker();
		const supervisor = await makeUser([{ role: 'SUPERVISOR', jurisdictionId: w.j.id }]);
		const s = await session(supervisor.id, w.j.id, w.user.id);
		const { verdict } = (await cycleCompliance(w.licence.id))!;
		expect(verdict.entries.find((e) => e.id === `session-${s.id}`)).toMatchObject({
			counted: 0,
			type: 'supervision-received',
			why: 'not-in-rule'
		});
		expect(verdict.earned.total).toBe(0);
	});

	it("a supervisor earns field instruction for a confirmed session with their placement's student, not for another supervisee", async () => {
		const p = await signedPlacement(); // placement 2026-02-01 .. 2026-10-31
		const licence = await licenceFor(p.supervisor.id, p.j.id, RATES);
		const taught = await session(p.supervisor.id, p.j.id, p.student.id, { date: '2026-03-10', minutes: 90 });
		const before = await session(p.supervisor.id, p.j.id, p.student.id, { date: '2026-01-15' }); // before the placement
		const other = await makeUser([{ role: 'LEARNER', jurisdictionId: p.j.id }]);
		const colleague = await session(p.supervisor.id, p.j.id, other.id, { date: '2026-04-01' });

		const { verdict } = (await cycleCompliance(licence.id))!;
		expect(verdict.entries.map((e) => e.id)).toEqual([`instruction-${taught.id}`]);
		expect(verdict.entries[0]).toMatchObject({ counted: 0.75, type: 'field-instruction', why: 'counted' });
		for (const s of [before, colleague]) expect(verdict.entries.map((e) => e.id)).not.toContain(`instruction-${s.id}`);
		expect(verdict.earned.types).toEqual({ 'field-instruction': 0.75 });
	});

	it('a renewal resting on a supervision session keeps it in its snapshot, named', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await db.renewalRule.update({
			where: { id: w.rule.id },
			data: { activityRates: RATES, totalCredits: 1, categoryMinimums: {} }
		});
		const supervisor = await makeUser([{ role: 'SUPERVISOR', jurisdictionId: w.j.id }]);
		const s = await session(supervisor.id, w.j.id, w.user.id, { date: '2025-06-02', minutes: 120 });
		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 1, decision: 'renew', reason: 'Supervised' },
			'http://credo.test',
			new Date('2026-01-05T10:00:00Z')
		);
		const record = await licenceRecord(await sessionUserOf(w.regulator.id), w.licence.number, w.cycle.id);
		expect(record.decision).not.toBeNull();
		expect(record.verdict!.entries).toEqual([
			{ id: `session-${s.id}`, counted: 1, category: 'practice', type: 'supervision-received', why: 'counted' }
		]);
		expect(record.supervision).toEqual([{ id: `session-${s.id}`, kind: 'received', date: '2025-06-02', minutes: 120 }]);
	});
});
