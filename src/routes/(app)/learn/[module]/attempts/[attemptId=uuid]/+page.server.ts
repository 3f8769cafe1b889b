import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { attemptResult } from '$lib/server/learning/attempts';
import { DomainError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	try {
		const r = await attemptResult(user.id, params.attemptId);
		if (r.attempt.moduleId !== params.module) error(404);
		return {
			moduleId: r.attempt.moduleId,
			title: r.attempt.moduleVersion.title,
			score: r.attempt.score,
			passed: r.attempt.passed,
			submitted: !!r.attempt.submittedAt,
			left: r.left,
			passMark: r.mod?.assessment.passMark ?? null,
			perDay: r.mod?.assessment.attemptsPerDay ?? 0,
			questions: r.questions
		};
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};
