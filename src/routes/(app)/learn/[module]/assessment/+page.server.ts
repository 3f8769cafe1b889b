import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { openAttempt, submitAttempt } from '$lib/server/learning/attempts';
import { autoIssueAfterModule } from '$lib/server/certificates/issuance';
import { formAction, guarded } from '$lib/server/http';
import { optionOrder } from '$lib/server/learning/scoring';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const open = await guarded(() => openAttempt(user.id, params.module));
	if (!open?.mod) redirect(303, `/learn/${params.module}`);
	// the browser gets prompts and options only, the options in an order of this attempt's own
	return {
		module: { id: open.mod.id, title: open.mod.title, passMark: open.mod.assessment.passMark },
		attemptId: open.attempt.id,
		questions: open.questions.map((q) => ({
			id: q.id,
			type: q.type,
			prompt: q.prompt,
			options: optionOrder(`${open.attempt.id}:${q.id}`, q.options.length).map((i) => ({
				id: q.options[i].id,
				text: q.options[i].text
			}))
		}))
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireUser(),
		run: async ({ user, form, event }) => {
			// no attemptId names no attempt of theirs: a 404 like someone else's
			const result = await submitAttempt(user.id, String(form.get('attemptId') ?? ''), [...form.entries()]);
			// a pass may complete a programme that issues its certificate automatically
			if (result.passed) await autoIssueAfterModule(user.id, event.params.module!);
			redirect(303, `/learn/${event.params.module}/attempts/${result.attemptId}`);
		}
	})
};
