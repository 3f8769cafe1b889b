import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { requiredJurisdiction } from '$lib/server/indicators/context';
import { canEditPopulation } from '$lib/server/indicators/access';
import { importPopulations, populationEntries, savePopulations } from '$lib/server/indicators/population';
import { uploadedText } from '$lib/server/forms/upload';
import { formAction } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		areas: ctx.areas,
		canEdit: canEditPopulation(user, ctx.jurisdiction.id)
	};
};

/** Regulators of the jurisdiction and admins change figures; analysts only read (403). */
const editor = () => requireRole(['REGULATOR', 'ADMIN']);

export const actions: Actions = {
	save: formAction({
		guard: editor,
		run: async ({ user, form }) => {
			const j = await requiredJurisdiction(form.get('jurisdiction'));
			return { changed: await savePopulations(user, j.id, populationEntries(form)) };
		},
		name: 'save'
	}),
	import: formAction({
		guard: editor,
		run: async ({ user, form }) => {
			const j = await requiredJurisdiction(form.get('jurisdiction'));
			const text = await uploadedText(form, 'file', MAX_BYTES, () => m.ind_file_big({ mb: 2 }));
			const result = await importPopulations(user, j.id, text);
			// a file with problems changes nothing: 400 with the problems by line and column
			return result.problems.length ? fail(400, { errors: {}, message: null, problems: result.problems }) : result;
		},
		name: 'import'
	})
};
