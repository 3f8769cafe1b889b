import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { areaTree, levelNameSchema, nameLevel, renameArea, renameAreaSchema } from '$lib/server/setup/areas';
import { importAction, uploadHelp } from '$lib/server/imports/upload';
import { recentImports } from '$lib/server/imports/run';
import { formAction } from '$lib/server/http';

/** A global administrator or this jurisdiction's (403), for a jurisdiction that exists (404). */
const guard = (event: { params: { code?: string } }) => requireJurisdictionAdmin(event.params.code ?? '');

export const load: PageServerLoad = async ({ params, url }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	const param = (name: string) => url.searchParams.get(name)?.slice(0, 64) || null;
	const [tree, recent] = await Promise.all([
		areaTree(jurisdiction.id, param('under')),
		recentImports('areas', jurisdiction.id)
	]);
	const rename = param('rename');
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		tree,
		renaming: tree.list.find((a) => a.code === rename) ?? null,
		help: uploadHelp('areas'),
		recent
	};
};

export const actions: Actions = {
	level: formAction({
		guard,
		schema: levelNameSchema,
		run: async ({ user: { user, jurisdiction }, data }) => {
			await nameLevel(user, jurisdiction.id, data);
			return { saved: data.depth };
		},
		name: 'level'
	}),
	rename: formAction({
		guard,
		schema: renameAreaSchema,
		run: async ({ user: { user, jurisdiction }, data }) => {
			await renameArea(user, jurisdiction.id, data);
			return { renamed: data.code };
		},
		name: 'rename'
	}),
	upload: importAction('areas', async (event) => (await guard(event)).jurisdiction.id, 'upload')
};
