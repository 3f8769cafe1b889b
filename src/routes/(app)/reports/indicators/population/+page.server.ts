import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { jurisdictionFor, requiredJurisdiction } from '$lib/server/indicators/context';
import { populationPage } from '$lib/server/indicators/population-page';
import { populationEntries, populationFormSchema, savePopulations } from '$lib/server/indicators/population-store';
import { importAction } from '$lib/server/imports/upload';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	return populationPage(user, ctx, url.searchParams);
};

/** Regulators and administrators of the jurisdiction change figures; analysts only read (403). */
const editor = () => requireRole(['REGULATOR', 'ADMIN']);

export const actions: Actions = {
	save: formAction({
		guard: editor,
		schema: populationFormSchema,
		run: async ({ user, data, form }) => {
			const j = await requiredJurisdiction(data.jurisdiction);
			return { changed: await savePopulations(user, j.id, data.year, populationEntries(form)) };
		},
		name: 'save'
	}),
	// the CSV goes to the import runner: a preview on /imports/<job>, then the person confirms
	import: importAction(
		'population',
		(event) => jurisdictionFor(requireRole(['REGULATOR', 'ADMIN']), event.url.searchParams.get('jurisdiction')),
		'import'
	)
};
