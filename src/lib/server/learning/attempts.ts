// Taking an assessment: start (draw questions), submit (strict parsing, server-side scoring), and on a pass record
// the completion against the exact module version, competency evidence and — once per module — the CPD credit.
import { db } from '../db';
import { DomainError } from '../errors';
import { findModule } from '../content';
import type { Module } from '../content/types';
import { ensureVersion } from './versions';
import { authoredVersionByHash } from '../authoring/published';
import { learnerContext } from './learner';
import { drawQuestions, parseSubmission, scoreAttempt } from './scoring';
import { dayIn, toDate } from '$lib/calendar-day';
import { shouldCredit } from './credit';
import { m } from '$lib/paraglide/messages';

/** Submitted attempts today (in the learner's jurisdiction time zone): the database function attempts_today, the one
 *  definition, which the module page's statement calls too. */
export async function attemptsToday(
	userId: string,
	moduleId: string,
	timeZone: string,
	now = new Date()
): Promise<number> {
	const rows = await db.$queryRaw<{ n: number }[]>`
		select attempts_today(${userId}::uuid, ${moduleId}, ${timeZone}, ${now}::timestamptz) as n`;
	return rows[0].n;
}

export function learnable(mod: Module | undefined): Module {
	if (!mod || mod.draft) throw new DomainError(m.not_found(), 404); // drafts earn nothing and are never taken
	return mod;
}

/** Returns the learner's open attempt for this version, or draws a new one within today's limit. */
export async function startAttempt(userId: string, moduleId: string, now = new Date()) {
	const mod = learnable(findModule(moduleId));
	// an attempt left open on this version, or on an earlier published version of a module written in the browser
	// (the learner finishes on the version they began)
	const open = await openOn(userId, mod);
	if (open) return open;
	const version = await ensureVersion(mod);
	const ctx = await learnerContext(userId);
	if ((await attemptsToday(userId, mod.id, ctx.timeZone, now)) >= mod.assessment.attemptsPerDay) {
		throw new DomainError(m.attempts_used({ count: mod.assessment.attemptsPerDay }), 429);
	}
	const last = await db.assessmentAttempt.findFirst({
		where: { userId, moduleId: mod.id },
		orderBy: { startedAt: 'desc' },
		select: { questionIds: true }
	});
	const questionIds = drawQuestions(mod.assessment.questions, mod.assessment.draw, last?.questionIds ?? []);
	return db.assessmentAttempt.create({
		data: {
			userId,
			moduleId: mod.id,
			moduleVersionId: version.id,
			jurisdictionId: ctx.jurisdictionId,
			questionIds,
			startedAt: now
		}
	});
}

/** The module text an attempt was drawn from, while it is served: the current text, or an earlier published version
 *  of a module written in the browser. */
function servedVersion(moduleId: string, contentHash: string): Module | null {
	const mod = findModule(moduleId);
	if (mod && mod.hash === contentHash) return mod;
	return authoredVersionByHash(contentHash) ?? null;
}

/** The learner's unsubmitted attempt at this module on a version still served, or null. */
async function openOn(userId: string, mod: Module) {
	const attempts = await db.assessmentAttempt.findMany({
		where: { userId, moduleId: mod.id, submittedAt: null },
		include: { moduleVersion: { select: { contentHash: true } } },
		orderBy: { startedAt: 'desc' }
	});
	return attempts.find((a) => servedVersion(mod.id, a.moduleVersion.contentHash)) ?? null;
}

/** The attempt with its module, if it is the learner's and the module text it was drawn from is still served. */
export async function ownAttempt(userId: string, attemptId: string) {
	const attempt = /^[0-9a-f-]{36}$/.test(attemptId)
		? await db.assessmentAttempt.findFirst({ where: { id: attemptId, userId }, include: { moduleVersion: true } })
		: null;
	if (!attempt) throw new DomainError(m.not_found(), 404);
	const current = servedVersion(attempt.moduleId, attempt.moduleVersion.contentHash);
	const questions = current
		? attempt.questionIds.map((id) => current.assessment.questions.find((q) => q.id === id)!)
		: [];
	return { attempt, mod: current, questions };
}

/** The learner's open attempt on the current text of the module, or null; a module they may not take is a 404. */
export async function openAttempt(userId: string, moduleId: string) {
	const mod = learnable(findModule(moduleId));
	const attempt = await openOn(userId, mod);
	return attempt && ownAttempt(userId, attempt.id);
}

export async function submitAttempt(userId: string, attemptId: string, entries: [string, unknown][], now = new Date()) {
	const { attempt, mod, questions } = await ownAttempt(userId, attemptId);
	if (attempt.submittedAt) throw new DomainError(m.attempt_already_submitted(), 409);
	if (!mod) throw new DomainError(m.attempt_stale(), 409);
	const parsed = parseSubmission(entries, questions, {
		notDrawn: () => m.attempt_not_drawn(),
		unanswered: (count) => m.attempt_unanswered({ count }),
		twice: () => m.attempt_twice(),
		badOption: () => m.attempt_bad_option()
	});
	if (!parsed.ok) throw new DomainError(parsed.message, 400);
	const score = scoreAttempt(questions, parsed.answers, mod.assessment.passMark);
	const { timeZone } = await learnerContext(userId);
	const activityDate = toDate(dayIn(now, timeZone)); // the day it happened where the learner is
	await db.$transaction(async (tx) => {
		const { count } = await tx.assessmentAttempt.updateMany({
			where: { id: attempt.id, submittedAt: null },
			data: { answers: parsed.answers, score: score.percent, passed: score.passed, submittedAt: now }
		});
		if (!count) throw new DomainError(m.attempt_already_submitted(), 409); // two tabs: one wins
		if (!score.passed) return;
		const exists = await tx.moduleCompletion.findUnique({
			where: { userId_moduleVersionId: { userId, moduleVersionId: attempt.moduleVersionId } }
		});
		// passing the same version again adds no completion or evidence; only a later cycle may credit it again
		const completion =
			exists ??
			(await tx.moduleCompletion.create({
				data: {
					userId,
					moduleId: mod.id,
					moduleVersionId: attempt.moduleVersionId,
					attemptId: attempt.id,
					jurisdictionId: attempt.jurisdictionId,
					score: score.percent,
					completedAt: now
				}
			}));
		if (!exists)
			await tx.competencyEvidence.createMany({
				data: mod.competencies.map((competencyId) => ({
					userId,
					jurisdictionId: attempt.jurisdictionId,
					competencyId,
					level: mod.level,
					source: 'MODULE_COMPLETION' as const,
					sourceId: completion.id,
					completionId: completion.id
				})),
				skipDuplicates: true
			});
		// credited once per module (an edited version adds evidence, not a second credit), or once per cycle where
		// the renewal rule lets a module count again
		if (await shouldCredit(tx, userId, mod.id, activityDate)) {
			await tx.cpdEntry.create({
				data: {
					userId,
					jurisdictionId: attempt.jurisdictionId,
					source: 'MODULE',
					activityType: 'e-learning',
					status: 'RECORDED',
					moduleId: mod.id,
					completionId: exists ? null : completion.id,
					title: mod.title,
					providerSlug: mod.provider,
					activityDate,
					credits: mod.credits,
					category: mod.creditCategory
				}
			});
		}
	});
	return { attemptId: attempt.id, ...score };
}

/**
 * What the result page may show: the score, and for each question whether it was answered right and, when not, the
 * idea to revisit (its feedback, written not to give the key away) with the section of the module that teaches it.
 * Never the options, never which were keyed — not after a pass, not once the day's attempts are used up — so a
 * retry tests the knowledge, not the memory of a key.
 */
export async function attemptResult(userId: string, attemptId: string, now = new Date()) {
	const { attempt, mod, questions } = await ownAttempt(userId, attemptId);
	if (!attempt.submittedAt) return { attempt, mod, questions: [], left: 0 };
	const ctx = await learnerContext(userId);
	const used = await attemptsToday(userId, attempt.moduleId, ctx.timeZone, now);
	const left = Math.max(0, (mod?.assessment.attemptsPerDay ?? 0) - used);
	const answers = (attempt.answers ?? {}) as Record<string, string[]>;
	const right = mod ? scoreAttempt(questions, answers, mod.assessment.passMark).right : {};
	return {
		attempt,
		mod,
		left,
		questions: questions.map((q) => ({
			id: q.id,
			prompt: q.prompt,
			right: !!right[q.id],
			revisit: right[q.id] ? null : { feedback: q.feedback, section: q.section ?? null }
		}))
	};
}
