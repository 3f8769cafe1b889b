import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { findModule } from '$lib/server/content';
import { learnable, ownAttempt, submitAttempt } from '$lib/server/learning/attempts';
import { autoIssueAfterModule } from '$lib/server/certificates/issuance';
import { DomainError } from '$lib/server/errors';
import { failFrom, readForm } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** The learner's open attempt on the current text of the module; the browser gets prompts and options only. */
async function openAttempt(userId: string, moduleId: string) {
	let mod;
	try {
		mod = learnable(findModule(moduleId));
	} catch {
		error(404, m.not_found());
	}
	const attempt = await db.assessmentAttempt.findFirst({
		where: { userId, moduleId, submittedAt: null, moduleVersion: { contentHash: mod.hash } },
		select: { id: true }
	});
	return attempt && ownAttempt(userId, attempt.id);
}

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const open = await openAttempt(user.id, params.module);
	if (!open?.mod) redirect(303, `/learn/${params.module}`);
	return {
		module: { id: open.mod.id, title: open.mod.title, passMark: open.mod.assessment.passMark },
		attemptId: open.attempt.id,
		questions: open.questions.map((q) => ({
			id: q.id,
			type: q.type,
			prompt: q.prompt,
			options: q.options.map((o) => ({ id: o.id, text: o.text }))
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const attemptId = String(form.get('attemptId') ?? '');
		let result;
		try {
			if (!attemptId) throw new DomainError(m.not_found(), 404);
			result = await submitAttempt(user.id, attemptId, [...form.entries()]);
		} catch (e) {
			return failFrom(e, form);
		}
		// a pass may complete a programme that issues its certificate automatically
		if (result.passed) await autoIssueAfterModule(user.id, event.params.module);
		redirect(303, `/learn/${event.params.module}/attempts/${result.attemptId}`);
	}
};
