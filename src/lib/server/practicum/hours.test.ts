import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { signLearningAgreement } from './placements';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { decideHours, logHours, editHours, withdrawHours } from './hours';
import { DomainError, Forbidden } from '../errors';
import { knownDay } from '$lib/calendar-day';

const ORIGIN = 'http://credo.test';
const practicum = signedPlacement;

const entry = (over: Record<string, unknown> = {}) => ({
	date: knownDay('2026-03-02'),
	hours: 6,
	activity: 'Home visits with the case worker',
	competencies: ['CORE.CASE_MANAGEMENT'],
	...over
});

describe('practicum hours', () => {
	it('refuses invalid hours with a message: 0, 0.3, 13, a future date, outside the placement, a day over 12 h', async () => {
		const p = await practicum();
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ hours: 0 }, /above 0/],
			[{ hours: 0.3 }, /steps of 0.25/],
			[{ hours: 13 }, /At most 12 hours/],
			[{ date: '2099-01-01' }, /future/],
			[{ date: '2026-01-15' }, /within the placement/]
		];
		for (const [over, msg] of cases) {
			const e = await logHours(p.student, p.placement.id, entry(over)).catch((x) => x);
			expect(e, JSON.stringify(over)).toBeInstanceOf(DomainError);
			expect(Object.values(e.fields).join(' ') + e.message).toMatch(msg);
		}
		// the daily cap defaults to 12 hours (issue 18)
		await logHours(p.student, p.placement.id, entry({ hours: 8 }));
		await logHours(p.student, p.placement.id, entry({ hours: 3.75 }));
		const over = await logHours(p.student, p.placement.id, entry({ hours: 0.5 })).catch((x) => x);
		expect(over.fields.hours).toMatch(/daily limit: at most 0.25 more hours/);
		expect(await db.practicumLog.count({ where: { placementId: p.placement.id } })).toBe(2);
	});

	it('refuses hours before the learning agreement is signed by all three', async () => {
		const p = await practicum({ sign: false });
		await signLearningAgreement(p.student, p.placement.id, 'student');
		await signLearningAgreement(p.supervisor, p.placement.id, 'supervisor');
		const e = await logHours(p.student, p.placement.id, entry()).catch((x) => x);
		expect(e.message).toMatch(/learning agreement is signed/);
		await signLearningAgreement(p.coordinator, p.placement.id, 'coordinator');
		expect((await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).status).toBe('ACTIVE');
		await logHours(p.student, p.placement.id, entry());
	});

	it('a supervisor cannot approve entries of a student they do not supervise (403, nothing changed); a student cannot approve their own', async () => {
		const p = await practicum();
		const other = await practicum();
		const e = await logHours(p.student, p.placement.id, entry());
		await expect(decideHours(other.supervisor, [e.id], 'approve', undefined, ORIGIN)).rejects.toBeInstanceOf(Forbidden);
		await expect(decideHours(p.student, [e.id], 'approve', undefined, ORIGIN)).rejects.toBeInstanceOf(Forbidden);
		expect((await db.practicumLog.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('PENDING');
	});

	it('twenty concurrent approvals of one entry leave exactly one decision', async () => {
		const p = await practicum();
		const e = await logHours(p.student, p.placement.id, entry());
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, () => decideHours(p.supervisor, [e.id], 'approve', undefined, ORIGIN))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(
			results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 409)
		).toBe(true);
		expect(await db.auditEvent.count({ where: { subjectId: e.id, action: 'practicum.hours_approved' } })).toBe(1);
		expect(await db.notification.count({ where: { userId: p.student.id, kind: 'hours-approve' } })).toBe(1);
	});

	it('rejection needs a comment; the student corrects and resubmits; decided entries cannot be edited or withdrawn', async () => {
		const p = await practicum();
		const e = await logHours(p.student, p.placement.id, entry());
		await expect(decideHours(p.supervisor, [e.id], 'reject', undefined, ORIGIN)).rejects.toMatchObject({
			fields: { comment: expect.any(String) }
		});
		await decideHours(p.supervisor, [e.id], 'reject', 'Date is wrong: you were in class', ORIGIN);
		await editHours(p.student, e.id, entry({ date: '2026-03-03' }), ORIGIN);
		expect((await db.practicumLog.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('PENDING');
		await decideHours(p.supervisor, [e.id], 'approve', undefined, ORIGIN);
		await expect(editHours(p.student, e.id, entry(), ORIGIN)).rejects.toMatchObject({ status: 409 });
		await expect(withdrawHours(p.student, e.id)).rejects.toMatchObject({ status: 409 });
	});
});

describe('a decided entry amended goes back to the supervisor', () => {
	it('a rejected entry corrected is pending again, undecided, and the supervisor is told; approved hours stay as approved', async () => {
		const p = await practicum();
		const e = await logHours(p.student, p.placement.id, entry());
		await decideHours(p.supervisor, [e.id], 'reject', 'Only 4 hours that day', ORIGIN);
		await editHours(p.student, e.id, entry({ hours: 4 }), ORIGIN);
		const after = await db.practicumLog.findUniqueOrThrow({ where: { id: e.id } });
		expect(after).toMatchObject({ status: 'PENDING', decidedById: null, decidedAt: null });
		expect(await db.notification.count({ where: { userId: p.supervisor.id, kind: 'hours-amended' } })).toBe(1);
		expect(await db.auditEvent.count({ where: { subjectId: e.id, action: 'practicum.hours_amended' } })).toBe(1);
		// approved hours are never changed by the student: they count as the supervisor approved them
		await decideHours(p.supervisor, [e.id], 'approve', undefined, ORIGIN);
		await expect(editHours(p.student, e.id, entry({ hours: 12 }), ORIGIN)).rejects.toMatchObject({ status: 409 });
		expect(Number((await db.practicumLog.findUniqueOrThrow({ where: { id: e.id } })).hours)).toBe(4);
	});
});

describe('coordinator cohort', () => {
	it('is one query for a cohort of 5 and of 500', async () => {
		const { cohort } = await import('./cohort');
		const { queries } = await import('../db');
		const small = await practicum();
		const big = await practicum();
		const extra = await Promise.all(
			Array.from({ length: 499 }, async (_, i) => ({
				agreementId: big.placement.agreementId,
				universityId: big.uni.id,
				agencyId: big.placement.agencyId,
				jurisdictionId: big.j.id,
				studentId: big.student.id,
				supervisorId: big.supervisor.id,
				startsOn: big.placement.startsOn,
				endsOn: big.placement.endsOn,
				requiredHours: 100 + i,
				competencies: ['CORE.CASE_MANAGEMENT'],
				createdById: big.coordinator.id
			}))
		);
		await db.placement.createMany({ data: extra });
		for (let i = 0; i < 4; i++)
			await db.placement.create({
				data: {
					...extra[0],
					universityId: small.uni.id,
					agreementId: small.placement.agreementId,
					agencyId: small.placement.agencyId,
					jurisdictionId: small.j.id
				}
			});
		await logHours(big.student, big.placement.id, entry());
		const count = async (uni: string) => {
			const before = queries.count;
			const rows = await cohort(uni, 14);
			return { n: queries.count - before, rows: rows.length };
		};
		const a = await count(small.uni.id);
		const b = await count(big.uni.id);
		expect(a.rows).toBe(5);
		expect(b.rows).toBe(500);
		expect(b.n).toBe(a.n);
		expect(a.n).toBe(1);
	});
});

describe('evaluations', () => {
	it('the field supervisor rates each competency; final ratings become competency evidence; the student acknowledges', async () => {
		const { submitEvaluation, acknowledge } = await import('./evaluations');
		const p = await practicum();
		const ratings = { 'CORE.CASE_MANAGEMENT': { rating: 4, comment: 'Solid assessments' } };
		await expect(submitEvaluation(p.student, p.placement.id, 'FINAL', ratings, '', ORIGIN)).rejects.toBeInstanceOf(
			Forbidden
		);
		await submitEvaluation(
			p.supervisor,
			p.placement.id,
			'MIDTERM',
			{ 'CORE.CASE_MANAGEMENT': { rating: 3, comment: '' } },
			'On track',
			ORIGIN
		);
		expect(await db.competencyEvidence.count({ where: { userId: p.student.id } })).toBe(0); // midterm is not evidence
		const final = await submitEvaluation(p.supervisor, p.placement.id, 'FINAL', ratings, 'Ready for practice', ORIGIN);
		const evidence = await db.competencyEvidence.findMany({ where: { userId: p.student.id } });
		expect(evidence.map((e) => [e.competencyId, e.source, e.rating])).toEqual([
			['CORE.CASE_MANAGEMENT', 'PRACTICUM_EVALUATION', 4]
		]);
		await expect(submitEvaluation(p.supervisor, p.placement.id, 'FINAL', ratings, '', ORIGIN)).rejects.toMatchObject({
			status: 409
		});
		await acknowledge(p.student, p.placement.id, final.id, 'Thank you, I will keep working on case notes');
		expect((await db.practicumEvaluation.findUniqueOrThrow({ where: { id: final.id } })).studentResponse).toMatch(
			/case notes/
		);
	});
});

describe('placement transitions', () => {
	it('a transfer carries the approved hours over to the new placement, with the reason; the old one is closed', async () => {
		const { transfer } = await import('./placements');
		const p = await practicum();
		const a = await logHours(p.student, p.placement.id, entry({ hours: 6 }));
		await logHours(p.student, p.placement.id, entry({ date: '2026-03-03', hours: 3 }));
		await decideHours(p.supervisor, [a.id], 'approve', undefined, ORIGIN);
		const next = await transfer(p.coordinator, p.placement.id, {
			agreementId: p.placement.agreementId,
			supervisorEmail: p.supervisor.email,
			startsOn: '2026-04-01',
			endsOn: '2026-10-31',
			reason: 'Agency closed its child protection unit'
		});
		expect(Number(next.carriedHours)).toBe(6);
		expect(next.transferredFromId).toBe(p.placement.id);
		expect((await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).status).toBe('TRANSFERRED');
		await expect(
			transfer(p.coordinator, p.placement.id, {
				agreementId: p.placement.agreementId,
				supervisorEmail: p.supervisor.email,
				startsOn: '2026-04-01',
				endsOn: '2026-10-31',
				reason: 'again'
			})
		).rejects.toMatchObject({ status: 409 });
		await expect(
			transfer(p.student, next.id, {
				agreementId: p.placement.agreementId,
				supervisorEmail: p.supervisor.email,
				startsOn: '2026-04-01',
				endsOn: '2026-10-31',
				reason: 'x'
			})
		).rejects.toBeInstanceOf(Forbidden);
	});
});
