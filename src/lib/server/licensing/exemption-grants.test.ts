import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError } from '../errors';
import { exemptionsOf, grantExemption, licenceExemptions, revokeExemption } from './exemption-grants';
import { exemptionEffect } from './exemptions';
import { licensedWorker, makeRule, PDF, day } from '../../../../tests/helpers/licensing';
import { makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { knownDay } from '$lib/calendar-day';

const ORIGIN = 'http://credo.test';
const grant = (
	over: Partial<{ kind: 'WAIVER' | 'REDUCTION'; fromOn: string; toOn: string; reason: string; version: number }> = {}
) => ({
	kind: over.kind ?? ('REDUCTION' as const),
	fromOn: knownDay(over.fromOn ?? '2026-03-01'),
	toOn: knownDay(over.toOn ?? '2026-05-31'),
	reason: over.reason ?? 'Documented sick leave, certificate on file',
	version: over.version ?? 1
});
const pdf = () => new File([PDF], 'certificate.pdf', { type: 'application/pdf' });

/** The field a refusal names, or its message when it names none. */
async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { status: e.status, fields: Object.keys(e.fields), message: e.message };
		throw e;
	}
	throw new Error('expected a refusal');
}

describe('granting an exemption', () => {
	it('the regulator grants a reduction with evidence: stored, audited, the holder notified and the evidence theirs', async () => {
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const row = await grantExemption(a.regulator, { licenceId: a.licence.id, ...grant() }, pdf(), ORIGIN);
		const saved = await db.licenceExemption.findUniqueOrThrow({ where: { id: row.id } });
		expect(saved).toMatchObject({ kind: 'REDUCTION', grantedById: a.regulator.id, revokedAt: null });
		expect(saved.fromOn).toEqual(day('2026-03-01'));
		expect(saved.toOn).toEqual(day('2026-05-31'));
		// the holder can read the evidence from their CPD page
		const file = await db.evidenceFile.findUniqueOrThrow({ where: { id: saved.evidenceFileId! } });
		expect(file).toMatchObject({ ownerId: a.user.id, jurisdictionId: a.j.id });
		expect((await db.licence.findUniqueOrThrow({ where: { id: a.licence.id } })).version).toBe(2);
		expect(await db.auditEvent.count({ where: { action: 'licence.exemption_granted', subjectId: a.licence.id } })).toBe(
			1
		);
		const notes = await db.notification.findMany({ where: { userId: a.user.id, kind: 'licence-exemption' } });
		expect(notes).toHaveLength(1);
		expect(notes[0].body).toContain('Reduction');
		expect(notes[0].body).toContain('Documented sick leave');
		// what it does to the cycle: 92 days of 365 (1 March to 31 May)
		const listed = await exemptionsOf([a.licence.id]);
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({ fromOn: '2026-03-01', toOn: '2026-05-31', grantedBy: expect.any(String) });
		expect(exemptionEffect({ from: knownDay('2026-01-01'), to: knownDay('2026-12-31') }, listed)).toEqual({
			waived: false,
			exemptDays: 92,
			ids: [row.id]
		});
	});

	it('a waiver of the whole cycle, without evidence', async () => {
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const row = await grantExemption(
			a.regulator,
			{ licenceId: a.licence.id, ...grant({ kind: 'WAIVER', fromOn: '2026-01-01', toOn: '2026-12-31' }) },
			null,
			ORIGIN
		);
		const listed = await exemptionsOf([a.licence.id]);
		expect(listed[0].evidenceFileId).toBeNull();
		expect(exemptionEffect({ from: knownDay('2026-01-01'), to: knownDay('2026-12-31') }, listed)).toEqual({
			waived: true,
			exemptDays: 365,
			ids: [row.id]
		});
		expect((await licenceExemptions(a.licence.id)).exemptionsAllowed).toBe(true);
	});

	it('bad input is refused beside its field and changes nothing', async () => {
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const id = a.licence.id;
		// the last day before the first
		expect(
			await refusal(
				grantExemption(
					a.regulator,
					{ licenceId: id, ...grant({ fromOn: '2026-06-01', toOn: '2026-05-01' }) },
					null,
					ORIGIN
				)
			)
		).toMatchObject({ status: 400, fields: ['toOn'] });
		// a period outside every cycle of the licence
		expect(
			await refusal(
				grantExemption(
					a.regulator,
					{ licenceId: id, ...grant({ fromOn: '2025-06-01', toOn: '2026-02-01' }) },
					null,
					ORIGIN
				)
			)
		).toMatchObject({ status: 400, fields: ['fromOn'] });
		expect(
			await refusal(
				grantExemption(
					a.regulator,
					{ licenceId: id, ...grant({ fromOn: '2026-12-01', toOn: '2027-02-01' }) },
					null,
					ORIGIN
				)
			)
		).toMatchObject({ status: 400, fields: ['toOn'] });
		// evidence that is not a PDF, PNG or JPEG
		const exe = new File([Buffer.from('MZ\x90\x00not a document')], 'x.pdf', { type: 'application/pdf' });
		expect(await refusal(grantExemption(a.regulator, { licenceId: id, ...grant() }, exe, ORIGIN))).toMatchObject({
			status: 400,
			fields: ['evidence']
		});
		// someone changed the licence since the form was rendered
		expect(
			await refusal(grantExemption(a.regulator, { licenceId: id, ...grant({ version: 7 }) }, null, ORIGIN))
		).toMatchObject({ status: 409 });
		// the rule does not allow exemptions
		await db.renewalRule.update({ where: { id: a.rule.id }, data: { exemptionsAllowed: false } });
		expect(await refusal(grantExemption(a.regulator, { licenceId: id, ...grant() }, null, ORIGIN))).toMatchObject({
			status: 400,
			fields: ['kind']
		});
		expect((await licenceExemptions(id)).exemptionsAllowed).toBe(false);
		expect(await db.licenceExemption.count({ where: { licenceId: id } })).toBe(0);
		expect(await db.evidenceFile.count({ where: { ownerId: a.user.id } })).toBe(0);
		expect((await db.licence.findUniqueOrThrow({ where: { id } })).version).toBe(1);
		expect(await db.auditEvent.count({ where: { action: 'licence.exemption_granted', subjectId: id } })).toBe(0);
		expect(await db.notification.count({ where: { userId: a.user.id, kind: 'licence-exemption' } })).toBe(0);
	});

	it('a decided cycle is never altered: a period that covers one is refused', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await db.licenceCycle.update({ where: { id: a.cycle.id }, data: { outcome: 'RENEWED' } });
		const next = await makeRule(a.j.id);
		await db.licenceCycle.create({
			data: {
				licenceId: a.licence.id,
				jurisdictionId: a.j.id,
				ruleId: next.id,
				startsOn: day('2026-01-01'),
				endsOn: day('2026-12-31')
			}
		});
		expect(
			await refusal(
				grantExemption(
					a.regulator,
					{ licenceId: a.licence.id, ...grant({ fromOn: '2025-11-01', toOn: '2026-02-28' }) },
					null,
					ORIGIN
				)
			)
		).toMatchObject({ status: 400, fields: ['fromOn'] });
		// the open cycle alone is fine
		await grantExemption(
			a.regulator,
			{ licenceId: a.licence.id, ...grant({ fromOn: '2026-01-01', toOn: '2026-02-28' }) },
			null,
			ORIGIN
		);
		expect(await db.licenceExemption.count({ where: { licenceId: a.licence.id } })).toBe(1);
	});

	it("another jurisdiction's regulator gets a 404, a learner too", async () => {
		const a = await licensedWorker();
		const b = await licensedWorker();
		expect(
			await refusal(grantExemption(b.regulator, { licenceId: a.licence.id, ...grant() }, null, ORIGIN))
		).toMatchObject({ status: 404 });
		expect(
			await refusal(grantExemption(a.learner, { licenceId: a.licence.id, ...grant() }, null, ORIGIN))
		).toMatchObject({ status: 404 });
		expect(await db.licenceExemption.count({ where: { licenceId: a.licence.id } })).toBe(0);
	});
});

describe('what the compliance of the cycle makes of it (wired in compliance-data.ts)', () => {
	it('a reduction of 73 days lowers 10 credits to 8; a waiver of the whole cycle meets it; revoked, neither applies', async () => {
		const { cycleCompliance } = await import('./compliance-data');
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		expect((await cycleCompliance(a.licence.id))!.verdict).toMatchObject({
			status: 'not-met',
			required: { total: 10 }
		});
		// 1 March to 12 May: 31 + 30 + 12 = 73 days; (365 − 73) / 365 = 0.8
		await grantExemption(
			a.regulator,
			{ licenceId: a.licence.id, ...grant({ fromOn: '2026-03-01', toOn: '2026-05-12' }) },
			null,
			ORIGIN
		);
		expect((await cycleCompliance(a.licence.id))!.verdict.required.total).toBe(8);
		const waiver = await grantExemption(
			a.regulator,
			{ licenceId: a.licence.id, ...grant({ kind: 'WAIVER', fromOn: '2026-01-01', toOn: '2026-12-31', version: 2 }) },
			null,
			ORIGIN
		);
		expect((await cycleCompliance(a.licence.id))!.verdict).toMatchObject({ status: 'met', missing: [], waived: true });
		await revokeExemption(a.regulator, { exemptionId: waiver.id, version: 3, reason: 'Recovered early' }, ORIGIN);
		expect((await cycleCompliance(a.licence.id))!.verdict).toMatchObject({ status: 'not-met', waived: false });
	});
});

describe('revoking an exemption', () => {
	it('keeps the row with who, when and why; audited, the holder notified; it then no longer applies', async () => {
		const a = await licensedWorker({ from: '2026-01-01', to: '2026-12-31' });
		const row = await grantExemption(
			a.regulator,
			{ licenceId: a.licence.id, ...grant({ kind: 'WAIVER', fromOn: '2026-01-01', toOn: '2026-12-31' }) },
			null,
			ORIGIN
		);
		// a second regulator of the jurisdiction revokes it
		const other = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: a.j.id }])).id);
		const now = new Date('2026-04-01T09:00:00Z');
		await revokeExemption(
			other,
			{ exemptionId: row.id, version: 2, reason: 'Granted on the wrong licence' },
			ORIGIN,
			now
		);
		const saved = await db.licenceExemption.findUniqueOrThrow({ where: { id: row.id } });
		expect(saved).toMatchObject({
			revokedAt: now,
			revokedById: other.id,
			revokeReason: 'Granted on the wrong licence'
		});
		expect(await db.auditEvent.count({ where: { action: 'licence.exemption_revoked', subjectId: a.licence.id } })).toBe(
			1
		);
		expect(await db.notification.count({ where: { userId: a.user.id, kind: 'licence-exemption' } })).toBe(2);
		const listed = await exemptionsOf([a.licence.id]);
		expect(listed[0].revokedBy).not.toBeNull();
		expect(exemptionEffect({ from: knownDay('2026-01-01'), to: knownDay('2026-12-31') }, listed)).toEqual({
			waived: false,
			exemptDays: 0,
			ids: []
		});
		// twice: refused, nothing changes
		expect(
			await refusal(revokeExemption(other, { exemptionId: row.id, version: 3, reason: 'Again' }, ORIGIN))
		).toMatchObject({ status: 400 });
		expect((await db.licenceExemption.findUniqueOrThrow({ where: { id: row.id } })).revokeReason).toBe(
			'Granted on the wrong licence'
		);
	});

	it("an unknown exemption or another jurisdiction's is a 404; a stale version a 409", async () => {
		const a = await licensedWorker();
		const b = await licensedWorker();
		const row = await grantExemption(a.regulator, { licenceId: a.licence.id, ...grant() }, null, ORIGIN);
		expect(
			await refusal(revokeExemption(b.regulator, { exemptionId: row.id, version: 2, reason: 'x' }, ORIGIN))
		).toMatchObject({ status: 404 });
		expect(
			await refusal(
				revokeExemption(
					a.regulator,
					{ exemptionId: '00000000-0000-4000-8000-000000000000', version: 2, reason: 'x' },
					ORIGIN
				)
			)
		).toMatchObject({ status: 404 });
		expect(
			await refusal(revokeExemption(a.regulator, { exemptionId: row.id, version: 1, reason: 'x' }, ORIGIN))
		).toMatchObject({ status: 409 });
		expect((await db.licenceExemption.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
	});
});
