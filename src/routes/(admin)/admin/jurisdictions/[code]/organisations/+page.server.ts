import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import {
	createOrganisation,
	organisationEditSchema,
	organisationsPage,
	updateOrganisation
} from '$lib/server/setup/organisations';
import { importAction, uploadHelp } from '$lib/server/imports/upload';
import { recentImports } from '$lib/server/imports/run';
import { formAction } from '$lib/server/http';
import { CLEAR_MARKER } from '$lib/server/workforce/rows';

/** A global administrator or this jurisdiction's (403), for a jurisdiction that exists (404). */
const guard = (event: { params: { code?: string } }) => requireJurisdictionAdmin(event.params.code ?? '');

export const load: PageServerLoad = async ({ params, url }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	const [page, recent] = await Promise.all([
		organisationsPage(jurisdiction.id),
		recentImports('organisations', jurisdiction.id)
	]);
	const edit = url.searchParams.get('edit')?.slice(0, 64);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		...page,
		editing: page.organisations.find((o) => o.code === edit) ?? null,
		help: uploadHelp('organisations'),
		marker: CLEAR_MARKER,
		recent
	};
};

export const actions: Actions = {
	create: formAction({
		guard,
		schema: organisationEditSchema,
		run: async ({ user: { user, jurisdiction }, data }) => {
			await createOrganisation(user, jurisdiction.id, data);
			return { created: data.code };
		},
		name: 'create'
	}),
	edit: formAction({
		guard,
		schema: organisationEditSchema,
		run: async ({ user: { user, jurisdiction }, data }) => {
			await updateOrganisation(user, jurisdiction.id, data);
			return { saved: data.code };
		},
		name: 'edit'
	}),
	upload: importAction('organisations', async (event) => (await guard(event)).jurisdiction.id, 'upload')
};
