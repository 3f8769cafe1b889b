import { z } from 'zod';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { formAction, guarded } from '$lib/server/http';
import { uploadedFile } from '$lib/server/forms/upload';
import { editorState, saveEditor, submitEditor, uploadImage } from '$lib/server/authoring/editor';
import { MAX_FILE_BYTES, draftFor } from '$lib/server/authoring/store';
import { competencyOptions, localFramework } from '$lib/server/content';
import { m } from '$lib/paraglide/messages';

const revisionSchema = z.object({
	revision: z.coerce
		.number({ error: () => m.modedit_revision() })
		.int()
		.min(0)
		.max(1e9)
});

/** An author of this module's provider, else 403 (no authoring role) or 404 (not theirs, or a content/ module): before
 *  the form is read. */
async function guard(event: RequestEvent) {
	const user = requireAuthoring();
	await guarded(() => draftFor(user, event.params.module!));
	return user;
}

export const load: PageServerLoad = async ({ params }) => {
	const user = requireAuthoring();
	const s = await guarded(() => editorState(user, params.module));
	const fw = localFramework();
	return {
		id: params.module,
		providerName: s.found.authored.provider.name,
		status: s.found.status,
		mayEdit: s.found.mayEdit,
		returnedNote: s.found.draft?.returnedAt ? s.found.draft.returnedNote : null,
		latestNumber: s.found.versions[0]?.number ?? null,
		form: s.form,
		revision: s.revision,
		problems: s.problems,
		count: s.count,
		html: s.html,
		sections: s.sections,
		files: s.files,
		maxMiB: MAX_FILE_BYTES / 2 ** 20,
		tracks: fw.tracks.map((t) => ({ value: t.id, label: t.title })),
		levels: fw.levels.map((l) => ({ value: l.id, label: l.title })),
		categories: fw.categories.map((c) => ({ value: c.id, label: c.title })),
		competencies: competencyOptions()
	};
};

export const actions: Actions = {
	save: formAction({
		guard,
		schema: revisionSchema,
		run: ({ user, data, form, event }) => saveEditor(user, event.params.module!, data.revision, form),
		name: 'save'
	}),
	submit: formAction({
		guard,
		schema: revisionSchema,
		run: async ({ user, data, event }) => {
			await submitEditor(user, event.params.module!, data.revision);
			return { submitted: true };
		},
		name: 'submit'
	}),
	upload: formAction({
		guard,
		run: async ({ user, form, event }) => ({
			uploaded: await uploadImage(user, event.params.module!, uploadedFile(form, 'file', MAX_FILE_BYTES))
		}),
		name: 'upload'
	})
};
