import { fail, isActionFailure, type ActionFailure } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { postedJurisdiction } from '$lib/server/indicators/context';
import { canEditPopulation } from '$lib/server/indicators/access';
import { importPopulations, savePopulations } from '$lib/server/indicators/population';
import { failFrom, readForm } from '$lib/server/http';
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
async function post(
	event: RequestEvent,
	action: 'save' | 'import',
	run: (form: FormData, jurisdictionId: string) => Promise<ActionFailure<Record<string, unknown>> | { changed: number }>
) {
	requireRole(['REGULATOR', 'ADMIN']);
	const form = await readForm(event);
	try {
		const j = await postedJurisdiction(form.get('jurisdiction'));
		if (!j) return fail(400, { action, errors: {} as Record<string, string>, message: m.ind_jurisdiction_missing() });
		const result = await run(form, j.id);
		return isActionFailure(result) ? result : { action, ...result };
	} catch (e) {
		return failFrom(e, form, { action });
	}
}

export const actions: Actions = {
	save: async (event) => {
		const user = requireRole(['REGULATOR', 'ADMIN']);
		return post(event, 'save', async (form, j) => {
			const entries = new Map<string, { population: string; year: string }>();
			for (const [key, value] of form.entries()) {
				const id = /^pop-([0-9a-f-]{36})$/.exec(key)?.[1];
				if (id && typeof value === 'string')
					entries.set(id, { population: value, year: String(form.get(`year-${id}`) ?? '') });
			}
			return { changed: await savePopulations(user, j, entries) };
		});
	},
	import: async (event) => {
		const user = requireRole(['REGULATOR', 'ADMIN']);
		return post(event, 'import', async (form, j) => {
			const file = form.get('file');
			if (!(file instanceof File) || !file.size)
				return fail(400, { action: 'import', errors: { file: m.import_file_required() }, message: null });
			if (file.size > MAX_BYTES)
				return fail(400, { action: 'import', errors: { file: m.ind_file_big({ mb: 2 }) }, message: null });
			const result = await importPopulations(user, j, await file.text());
			return result.problems.length
				? fail(400, { action: 'import', errors: {}, message: null, problems: result.problems })
				: { changed: result.changed };
		});
	}
};
