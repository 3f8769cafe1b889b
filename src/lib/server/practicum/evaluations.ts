// Midterm and final evaluations: the field supervisor rates each learning-agreement competency from 1 to 5; the
// student acknowledges or responds. A final evaluation's ratings become competency evidence.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { clearNotices, notify, noticeSubject } from '../people/notifications';
import { optionalText } from '../forms/fields';
import { unstorable } from '../forms/parse';
import { placementFor } from './placements';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { formatDay } from '$lib/dates';

export const RATINGS = [1, 2, 3, 4, 5] as const;

/** Reads "rating.<competency>" and "comment.<competency>" for every competency of the learning agreement. */
export function parseEvaluation(form: FormData, competencies: string[]) {
	const errors: Record<string, string> = unstorable(form);
	const ratings: Record<string, { rating: number; comment: string }> = {};
	const kind = String(form.get('kind') ?? '');
	if (kind !== 'MIDTERM' && kind !== 'FINAL') errors.kind = m.field_choose();
	for (const c of competencies) {
		const rating = Number(form.get(`rating.${c}`));
		const comment = String(form.get(`comment.${c}`) ?? '').trim();
		if (!RATINGS.includes(rating as never)) errors[`rating.${c}`] = m.evaluation_rating_required();
		if (comment.length > 1000) errors[`comment.${c}`] = m.field_too_long({ max: 1000 });
		ratings[c] = { rating, comment };
	}
	const comment = String(form.get('comment') ?? '')
		.trim()
		.slice(0, 2000);
	return Object.keys(errors).length
		? { ok: false as const, errors }
		: { ok: true as const, kind: kind as 'MIDTERM' | 'FINAL', ratings, comment };
}

export async function submitEvaluation(
	user: SessionUser,
	placementId: string,
	kind: 'MIDTERM' | 'FINAL',
	ratings: Record<string, { rating: number; comment: string }>,
	comment: string,
	origin: string
) {
	const found = await placementFor(user, placementId);
	if (!found) throw new DomainError(m.not_found(), 404);
	if (!found.roles.includes('supervisor')) throw new Forbidden();
	const p = found.placement;
	if (await db.practicumEvaluation.findUnique({ where: { placementId_kind: { placementId, kind } } }))
		throw new DomainError(m.evaluation_exists(), 409);
	return db.$transaction(async (tx) => {
		const evaluation = await tx.practicumEvaluation.create({
			data: { placementId, kind, ratings, comment: comment || null, submittedById: user.id }
		});
		if (kind === 'FINAL') {
			await tx.competencyEvidence.createMany({
				data: Object.entries(ratings).map(([competencyId, r]) => ({
					userId: p.studentId,
					jurisdictionId: p.jurisdictionId,
					competencyId,
					level: 'entry',
					source: 'PRACTICUM_EVALUATION' as const,
					sourceId: evaluation.id,
					rating: r.rating
				})),
				skipDuplicates: true
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: `practicum.evaluation_${kind.toLowerCase()}`,
			subjectType: 'placement',
			subjectId: placementId,
			jurisdictionId: p.jurisdictionId
		});
		const student = await tx.user.findUniqueOrThrow({ where: { id: p.studentId } });
		const locale = asLocale(student.locale);
		await notify(
			tx,
			student,
			{
				kind: 'evaluation',
				subject: noticeSubject.evaluationAck(evaluation.id),
				title: m.notice_evaluation_title({}, { locale }),
				body: m.notice_evaluation_body({}, { locale }),
				link: `/practicum/placements/${placementId}#evaluation`
			},
			origin
		);
		await clearNotices(tx, noticeSubject.evaluation(placementId, kind));
		return evaluation;
	});
}

export const responseSchema = z.object({
	evaluationId: z.string().uuid({ error: () => m.not_found() }),
	response: optionalText(2000)
});

/** The student acknowledges an evaluation, optionally with a written response. */
export async function acknowledge(user: SessionUser, placementId: string, evaluationId: string, response?: string) {
	const found = await placementFor(user, placementId);
	if (!found || !found.roles.includes('student')) throw new Forbidden();
	await db.$transaction(async (tx) => {
		const { count } = await tx.practicumEvaluation.updateMany({
			where: { id: evaluationId, placementId, acknowledgedAt: null },
			data: { acknowledgedAt: new Date(), studentResponse: response ?? null }
		});
		if (!count) throw new DomainError(m.evaluation_acknowledged(), 409);
		await clearNotices(tx, noticeSubject.evaluationAck(evaluationId), user.id);
	});
}

/** Days before a placement ends from which its final evaluation is due (the midterm is due from its midpoint). */
export const FINAL_DUE_DAYS = 14;

/**
 * The field supervisor hears when an active placement's midterm evaluation is due (from the placement's midpoint) or
 * its final one (from FINAL_DUE_DAYS before its end): one notice each, done when the evaluation is submitted.
 */
export async function remindEvaluationsDue(origin: string, now = new Date(), limit = 200): Promise<number> {
	const due = await db.$queryRaw<{ id: string; kind: 'MIDTERM' | 'FINAL' }[]>`
		select p.id, k.kind from placements p
		cross join (values ('MIDTERM'), ('FINAL')) as k(kind)
		where p.status = 'ACTIVE'
			and case when k.kind = 'MIDTERM' then p.starts_on + (p.ends_on - p.starts_on) / 2
				else p.ends_on - ${FINAL_DUE_DAYS}::int end <= ${now}::date
			and not exists (select 1 from practicum_evaluations e where e.placement_id = p.id and e.kind::text = k.kind)
			and not exists (select 1 from notifications n where n.subject = 'evaluation:' || p.id::text || ':' || k.kind)
		limit ${limit}`;
	let sent = 0;
	for (const row of due) {
		await db.$transaction(async (tx) => {
			const p = await tx.placement.findUniqueOrThrow({ where: { id: row.id } });
			const [supervisor, student] = await Promise.all([
				tx.user.findUniqueOrThrow({ where: { id: p.supervisorId } }),
				tx.user.findUniqueOrThrow({ where: { id: p.studentId }, select: { name: true } })
			]);
			const locale = asLocale(supervisor.locale);
			await notify(
				tx,
				supervisor,
				{
					kind: 'evaluation-due',
					subject: noticeSubject.evaluation(p.id, row.kind),
					title:
						row.kind === 'FINAL'
							? m.wait_evaluation_final_title({}, { locale })
							: m.wait_evaluation_midterm_title({}, { locale }),
					body: m.wait_evaluation_body({ student: student.name, date: formatDay(p.endsOn, locale) }, { locale }),
					link: `/practicum/placements/${p.id}#evaluation`
				},
				origin
			);
		});
		sent++;
	}
	return sent;
}

export function evaluationsOf(placementId: string) {
	return db.practicumEvaluation.findMany({ where: { placementId }, orderBy: { submittedAt: 'asc' } });
}

/** parseEvaluation for a form action: the evaluation, or a DomainError (400) with one message per field. */
export function readEvaluation(form: FormData, competencies: string[]) {
	const parsed = parseEvaluation(form, competencies);
	if (!parsed.ok) throw new DomainError(Object.values(parsed.errors)[0], 400, parsed.errors);
	return parsed;
}
