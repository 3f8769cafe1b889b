import { describe, expect, it } from 'vitest';
import { db, queries } from '../db';
import { cycleCompliance } from './compliance-data';
import { decideRenewal, regulatorLicence, searchLicences } from './licences';
import { readEvidence } from '../cpd/evidence';
import { addActivity, decide } from '../cpd/ledger';
import { DomainError, Forbidden } from '../errors';
import { addEntries, day, licensedWorker, makeRule, PDF } from '../../../../tests/helpers/licensing';
import { makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { fromDate, knownDay } from '$lib/calendar-day';

const ORIGIN = 'http://credo.test';
const activity = {
	title: 'Safeguarding workshop',
	providerName: 'Somewhere',
	activityDate: knownDay('2026-03-03'),
	credits: 2,
	category: 'ethics',
	activityType: 'in-person' as const,
	hours: null
};

describe('compliance data', () => {
	it('computing compliance issues the same number of queries for a worker with 5 entries and with 500', async () => {
		const a = await licensedWorker();
		await addEntries(a.user.id, a.j.id, a.provider.id, 5);
		const b = await licensedWorker();
		await addEntries(b.user.id, b.j.id, b.provider.id, 500);
		const count = async (licenceId: string) => {
			const before = queries.count;
			const r = await cycleCompliance(licenceId);
			return { n: queries.count - before, entries: r!.verdict.entries.length };
		};
		const small = await count(a.licence.id);
		const large = await count(b.licence.id);
		expect(small.entries).toBe(5);
		expect(large.entries).toBe(500);
		expect(large.n).toBe(small.n);
	});
});

describe('who sees what', () => {
	it("a regulator of one jurisdiction cannot see another jurisdiction's licences", async () => {
		const a = await licensedWorker();
		const b = await licensedWorker();
		await expect(regulatorLicence(a.regulator, b.licence.number)).rejects.toMatchObject({ status: 404 });
		expect(await searchLicences(a.regulator, b.licence.number)).toEqual([]);
		expect((await searchLicences(b.regulator, b.licence.number)).map((l) => l.number)).toEqual([b.licence.number]);
	});

	it("a learner cannot see another worker's evidence (403); the reviewer can, and the view is logged", async () => {
		const a = await licensedWorker();
		const entry = await addActivity(
			a.learner,
			{ ...activity, providerOrgId: a.provider.id },
			new File([PDF], 'cert.pdf')
		);
		const other = await sessionUserOf((await makeUser([{ role: 'LEARNER' }])).id);
		await expect(readEvidence(other, entry.evidenceFileId!, '1.2.3.4')).rejects.toMatchObject({ status: 403 });
		const file = await readEvidence(a.providerAdmin, entry.evidenceFileId!, '1.2.3.4');
		expect(file.contentType).toBe('application/pdf');
		expect(
			await db.auditEvent.count({
				where: { action: 'evidence.viewed', subjectId: entry.evidenceFileId!, actorId: a.providerAdmin.id }
			})
		).toBe(1);
		await readEvidence(a.learner, entry.evidenceFileId!, '1.2.3.4'); // the owner's own views are not logged
		expect(await db.auditEvent.count({ where: { action: 'evidence.viewed', subjectId: entry.evidenceFileId! } })).toBe(
			1
		);
	});
});

describe('evidence files', () => {
	it('refuses an executable renamed .pdf, and an oversized file, storing nothing', async () => {
		const a = await licensedWorker();
		const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]);
		await expect(addActivity(a.learner, activity, new File([exe], 'certificate.pdf'))).rejects.toMatchObject({
			fields: { evidence: expect.stringMatching(/PDF, PNG or JPEG/) }
		});
		await expect(
			addActivity(a.learner, activity, new File([Buffer.alloc(5 * 1024 * 1024 + 1)], 'big.pdf'))
		).rejects.toMatchObject({ fields: { evidence: expect.stringMatching(/5 MB/) } });
		expect(await db.cpdEntry.count({ where: { userId: a.user.id } })).toBe(0);
		expect(await db.evidenceFile.count({ where: { ownerId: a.user.id } })).toBe(0);
	});
});

describe('reviews', () => {
	it('only the provider of the course or the regulator decides; two decisions at once give one', async () => {
		const a = await licensedWorker();
		const entry = await addActivity(
			a.learner,
			{ ...activity, providerOrgId: a.provider.id },
			new File([PDF], 'cert.pdf')
		);
		const stranger = await licensedWorker();
		await expect(
			decide(stranger.providerAdmin, { entryId: entry.id, decision: 'approve', reason: undefined }, ORIGIN)
		).rejects.toBeInstanceOf(Forbidden);
		const results = await Promise.allSettled([
			decide(a.providerAdmin, { entryId: entry.id, decision: 'approve', reason: undefined }, ORIGIN),
			decide(a.regulator, { entryId: entry.id, decision: 'reject', reason: 'No signature' }, ORIGIN)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(loser.reason).toBeInstanceOf(DomainError);
		expect(loser.reason.status).toBe(409);
		expect(
			await db.auditEvent.count({ where: { subjectId: entry.id, action: { in: ['cpd.approved', 'cpd.rejected'] } } })
		).toBe(1);
	});

	it('an entry counts in the cycle of its activity date, not of its approval', async () => {
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const entry = await addActivity(
			a.learner,
			{ ...activity, activityDate: '2025-12-20', providerOrgId: a.provider.id },
			new File([PDF], 'c.pdf')
		);
		await decide(a.providerAdmin, { entryId: entry.id, decision: 'approve', reason: undefined }, ORIGIN);
		const v = (await cycleCompliance(a.licence.id))!.verdict;
		expect(v.entries.find((e) => e.id === entry.id)?.why).toBe('outside-cycle');
	});
});

describe('renewal decisions', () => {
	it('renewing a compliant cycle opens the next under the newest rule version; the old cycle keeps its own', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await db.cpdEntry.create({
			data: {
				userId: a.user.id,
				jurisdictionId: a.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'APPROVED',
				title: 't',
				providerOrgId: a.provider.id,
				activityDate: day('2025-05-05'),
				credits: 10,
				category: 'ethics'
			}
		});
		const v2 = await makeRule(a.j.id, { totalCredits: 15 });
		await decideRenewal(
			a.regulator,
			{ cycleId: a.cycle.id, version: 1, decision: 'renew', reason: 'All requirements met' },
			ORIGIN,
			new Date('2026-01-10T10:00:00Z')
		);
		const cycles = await db.licenceCycle.findMany({ where: { licenceId: a.licence.id }, orderBy: { startsOn: 'asc' } });
		expect(cycles.map((c) => [c.outcome, c.ruleId])).toEqual([
			['RENEWED', a.rule.id],
			['OPEN', v2.id]
		]);
		expect(fromDate(cycles[1].startsOn)).toBe('2026-01-01');
		expect(fromDate(cycles[1].endsOn)).toBe('2026-12-31');
		const ev = await db.auditEvent.findFirstOrThrow({ where: { action: 'licence.renewed', subjectId: a.licence.id } });
		expect(ev.reason).toBe('All requirements met');
	});

	it('a non-compliant cycle cannot be renewed: grace first, then lapse once grace has ended', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const after = new Date('2026-01-05T10:00:00Z');
		await expect(
			decideRenewal(a.regulator, { cycleId: a.cycle.id, version: 1, decision: 'renew', reason: 'x' }, ORIGIN, after)
		).rejects.toMatchObject({ status: 400 });
		await expect(
			decideRenewal(a.regulator, { cycleId: a.cycle.id, version: 1, decision: 'lapse', reason: 'x' }, ORIGIN, after)
		).rejects.toMatchObject({ status: 400 });
		await decideRenewal(
			a.regulator,
			{ cycleId: a.cycle.id, version: 1, decision: 'grace', reason: 'Short by 10 credits' },
			ORIGIN,
			after
		);
		await expect(
			decideRenewal(
				a.regulator,
				{ cycleId: a.cycle.id, version: 2, decision: 'lapse', reason: 'x' },
				ORIGIN,
				new Date('2026-01-20T10:00:00Z')
			)
		).rejects.toMatchObject({ status: 400 });
		await decideRenewal(
			a.regulator,
			{ cycleId: a.cycle.id, version: 2, decision: 'lapse', reason: 'Grace ended without the credits' },
			ORIGIN,
			new Date('2026-02-05T10:00:00Z')
		);
		const licence = await db.licence.findUniqueOrThrow({ where: { id: a.licence.id } });
		expect(licence.status).toBe('LAPSED');
		// the lapsed cycle is shown as its decision recorded it: credits missing (the licence was active then)
		const lapsed = (await cycleCompliance(a.licence.id))!;
		expect(lapsed.decided).not.toBeNull();
		expect(lapsed.verdict.status).toBe('not-met');
		const other = await licensedWorker();
		await expect(
			decideRenewal(other.regulator, { cycleId: a.cycle.id, version: 3, decision: 'renew', reason: 'x' }, ORIGIN)
		).rejects.toMatchObject({ status: 404 });
	});
});

describe("rules and accreditation are the regulator's data", () => {
	it('saving a rule writes a new version; running cycles keep theirs; minimums above the total are refused', async () => {
		const { saveRule } = await import('./rules');
		const a = await licensedWorker();
		const base = {
			cadreKey: '*' as const,
			cycleMonths: 24,
			totalCredits: 40,
			graceDays: 90,
			selfReportedCounts: false,
			proRateFirstCycle: true,
			leaveReducesProRata: true,
			moduleRepeatCounts: false,
			caps: {}
		};
		const v2 = await saveRule(a.regulator, { ...base, minimums: { ethics: 5 } } as never);
		expect(v2.version).toBe(2);
		expect((await db.licenceCycle.findUniqueOrThrow({ where: { id: a.cycle.id } })).ruleId).toBe(a.rule.id);
		await expect(
			saveRule(a.regulator, { ...base, totalCredits: 4, minimums: { ethics: 5 } } as never)
		).rejects.toMatchObject({ fields: { totalCredits: expect.any(String) } });
		expect(await db.renewalRule.count({ where: { jurisdictionId: a.j.id } })).toBe(2);
	});

	it('a module counts only for activity inside its accreditation, with the credits and category of that period', async () => {
		const { setModule } = await import('./accreditation');
		const a = await licensedWorker();
		const entry = (date: string, title: string) =>
			db.cpdEntry.create({
				data: {
					userId: a.user.id,
					jurisdictionId: a.j.id,
					source: 'MODULE',
					activityType: 'e-learning',
					status: 'RECORDED',
					moduleId: 'jus-diversion',
					title,
					activityDate: day(date),
					credits: 2,
					category: 'child-protection'
				}
			});
		const april = await entry('2026-04-04', 'Diversion (April)');
		const why = async () =>
			Object.fromEntries((await cycleCompliance(a.licence.id))!.verdict.entries.map((e) => [e.id, e]));
		expect((await why())[april.id].why).toBe('unaccredited');
		const grant = (from: string, credits: number, accredit: 'yes' | 'no' = 'yes') =>
			setModule(a.regulator, {
				moduleId: 'jus-diversion',
				credits,
				category: 'ethics',
				accredit,
				from: knownDay(from)
			});

		// accredited from a day after the completion: the completion does not count
		await grant('2026-04-05', 2.5);
		expect((await why())[april.id].why).toBe('unaccredited');
		// a change slipped in before an existing period is refused beside the date, and changes nothing
		await expect(grant('2026-03-01', 2.5)).rejects.toMatchObject({ status: 400, fields: { from: expect.any(String) } });
		expect(await db.moduleAccreditation.count({ where: { jurisdictionId: a.j.id } })).toBe(1);

		// a new value from 1 June: earlier activity keeps the value of its period, later activity gets the new one
		const may = await entry('2026-05-10', 'Diversion (May)');
		const july = await entry('2026-07-01', 'Diversion (July)');
		await grant('2026-06-01', 1);
		let v = await why();
		expect(v[may.id]).toMatchObject({ counted: 2.5, category: 'ethics', why: 'counted' });
		expect(v[july.id]).toMatchObject({ counted: 1, why: 'counted' });
		// the same value again changes nothing
		await expect(grant('2026-08-01', 1)).rejects.toMatchObject({ status: 400 });

		// ended from 1 September: activity from then on does not count, earlier activity still does
		const october = await entry('2026-10-01', 'Diversion (October)');
		await grant('2026-09-01', 1, 'no');
		v = await why();
		expect(v[october.id].why).toBe('unaccredited');
		expect(v[july.id].counted).toBe(1);
		const periods = await db.moduleAccreditation.findMany({
			where: { jurisdictionId: a.j.id },
			orderBy: { accreditedOn: 'asc' }
		});
		expect(periods.map((p) => [fromDate(p.accreditedOn), p.validTo && fromDate(p.validTo), Number(p.credits)])).toEqual(
			[
				['2026-04-05', '2026-05-31', 2.5],
				['2026-06-01', '2026-08-31', 1]
			]
		);
	});

	it('a provider accreditation counts external activity only inside its periods', async () => {
		const { setProvider } = await import('./accreditation');
		const a = await licensedWorker(); // the provider is accredited from 2025-01-01
		const external = (date: string) =>
			db.cpdEntry.create({
				data: {
					userId: a.user.id,
					jurisdictionId: a.j.id,
					source: 'EXTERNAL',
					activityType: 'in-person',
					status: 'APPROVED',
					title: `Workshop ${date}`,
					providerOrgId: a.provider.id,
					activityDate: day(date),
					credits: 3,
					category: 'ethics'
				}
			});
		// a rule that does not count self-reported activity: only the accredited provider's activity counts
		await db.renewalRule.update({ where: { id: a.rule.id }, data: { selfReportedCounts: false } });
		const before = await external('2026-03-01');
		const after = await external('2026-08-01');
		await setProvider(a.regulator, { organisationId: a.provider.id, accredit: 'no', from: knownDay('2026-07-01') });
		const v = Object.fromEntries((await cycleCompliance(a.licence.id))!.verdict.entries.map((e) => [e.id, e.why]));
		expect(v[before.id]).toBe('counted');
		expect(v[after.id]).toBe('self-reported');
		await expect(
			setProvider(a.regulator, { organisationId: a.provider.id, accredit: 'no', from: knownDay('2026-09-01') })
		).rejects.toMatchObject({ status: 400, fields: { from: expect.any(String) } });
	});
});

describe('notices and exemptions', () => {
	it('a worker is told once when the cycle ends within the notice window with credits missing', async () => {
		const { remindCyclesEnding } = await import('./reminders');
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const now = new Date('2026-12-10T08:00:00Z');
		await remindCyclesEnding('http://credo.test', now, 10_000);
		await remindCyclesEnding('http://credo.test', now, 10_000);
		const notes = await db.notification.findMany({ where: { userId: a.user.id, kind: 'cycle-ending' } });
		expect(notes).toHaveLength(1);
		expect(notes[0].body).toContain(a.licence.number);
		// in words, never a category id
		expect(notes[0].body).toContain('10 more credits in total');
		expect(notes[0].body).not.toMatch(/\((ethics|child-protection)\)/);
		expect(notes[0].locale).toBe('en');
	});

	it('documented leave recorded by the regulator reduces the requirement when the rule says so', async () => {
		const { recordLeave } = await import('./licences');
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		await db.renewalRule.update({ where: { id: a.rule.id }, data: { leaveReducesProRata: true } });
		await recordLeave(a.regulator, {
			cycleId: a.cycle.id,
			version: 1,
			leaveDays: 73,
			reason: 'Maternity leave, certificate on file'
		});
		expect((await cycleCompliance(a.licence.id))!.verdict.required.total).toBe(8);
		expect(await db.auditEvent.count({ where: { action: 'licence.leave_recorded', subjectId: a.licence.id } })).toBe(1);
	});
});

describe('licence status', () => {
	it('the regulator suspends a licence with a reason: audited, notified, and the cycle is no longer renewable', async () => {
		const { setLicenceStatus } = await import('./licences');
		const a = await licensedWorker();
		await setLicenceStatus(
			a.regulator,
			{ licenceId: a.licence.id, version: 1, status: 'SUSPENDED', reason: 'Disciplinary hearing pending' },
			ORIGIN
		);
		expect((await db.licence.findUniqueOrThrow({ where: { id: a.licence.id } })).statusReason).toBe(
			'Disciplinary hearing pending'
		);
		expect((await cycleCompliance(a.licence.id))!.verdict.status).toBe('not-renewable');
		expect(await db.auditEvent.count({ where: { action: 'licence.status_suspended', subjectId: a.licence.id } })).toBe(
			1
		);
		expect(await db.notification.count({ where: { userId: a.user.id, kind: 'licence-status' } })).toBe(1);
		const other = await licensedWorker();
		await expect(
			setLicenceStatus(other.regulator, { licenceId: a.licence.id, version: 2, status: 'ACTIVE', reason: 'x' }, ORIGIN)
		).rejects.toMatchObject({ status: 404 });
	});
});
