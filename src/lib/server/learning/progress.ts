import { db } from '../db';
import type { Module } from '../content/types';
import { learnerContext } from './learner';
import { attemptsToday } from './attempts';

/** A learner's standing on one module: completion, credit, past attempts and attempts left today. */
export async function moduleProgress(userId: string, mod: Module, now = new Date()) {
	const ctx = await learnerContext(userId);
	const [completion, credit, attempts, used] = await Promise.all([
		db.moduleCompletion.findFirst({ where: { userId, moduleId: mod.id }, orderBy: { completedAt: 'desc' }, include: { moduleVersion: { select: { version: true } } } }),
		db.cpdEntry.findFirst({ where: { userId, moduleId: mod.id }, orderBy: { activityDate: 'desc' }, select: { credits: true, category: true } }),
		db.assessmentAttempt.findMany({ where: { userId, moduleId: mod.id }, orderBy: { startedAt: 'desc' }, take: 10, select: { id: true, score: true, passed: true, submittedAt: true } }),
		attemptsToday(userId, mod.id, ctx.timeZone, now)
	]);
	return {
		completion: completion && { version: completion.moduleVersion.version, score: completion.score, completedAt: completion.completedAt },
		credit: credit && { credits: Number(credit.credits), category: credit.category },
		attempts,
		open: attempts.some((a) => !a.submittedAt),
		left: Math.max(0, mod.assessment.attemptsPerDay - used)
	};
}
