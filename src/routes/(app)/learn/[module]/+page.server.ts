import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { citedDocuments, findModule, localFramework } from '$lib/server/content';
import { moduleContents, renderModule } from '$lib/server/content/markdown';
import { htmlOnce } from '$lib/server/hot/html-slots';
import { moduleImageBase } from '$lib/server/authoring/published';
import { canSee } from '$lib/server/learning/catalogue';
import { moduleProgress, type ProgressRow } from '$lib/server/learning/progress';
import { readWithSession } from '$lib/server/hot/page-extras';
import { startAttempt } from '$lib/server/learning/attempts';
import { formAction } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const { params } = event;
	const user = requireUser();
	const mod = findModule(params.module);
	if (!mod || !(await canSee(user, mod))) error(404, m.not_found());
	const framework = localFramework();
	return {
		module: {
			id: mod.id,
			title: mod.title,
			version: mod.version,
			credits: mod.credits,
			minutes: mod.minutes,
			draft: mod.draft,
			reviewer: mod.reviewer,
			reviewedOn: mod.reviewedOn,
			sources: citedDocuments(framework, mod.sources),
			passMark: mod.assessment.passMark,
			draw: mod.assessment.draw,
			attemptsPerDay: mod.assessment.attemptsPerDay,
			track: framework.tracks.find((t) => t.id === mod.track)?.title ?? mod.track,
			level: framework.levels.find((l) => l.id === mod.level)?.title ?? mod.level,
			competencies: mod.competencies.map((id) => ({
				id,
				title: framework.competencies.find((c) => c.id === id)?.title ?? id
			}))
		},
		// sent once: in the markup on a page render, as data on a client-side navigation
		html: htmlOnce(
			event,
			'module-body',
			renderModule(mod.hash, mod.body, mod.title, { imageBase: moduleImageBase(mod) })
		),
		// a contents list on a long module (its sections, linked to their anchors)
		contents: ((c) => (c.length >= 4 ? c : []))(moduleContents(mod.hash, mod.body, mod.title)),
		// read with the session on a page view (page-extras.ts), else here
		progress: await moduleProgress(user.id, mod, new Date(), readWithSession<ProgressRow>(event, 'module-progress'))
	};
};

export const actions: Actions = {
	start: formAction({
		guard: () => requireUser(),
		run: async ({ user, event }) => {
			await startAttempt(user.id, event.params.module!);
			redirect(303, `/learn/${event.params.module}/assessment`);
		}
	})
};
