import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { recentImports } from '$lib/server/imports/run';
import { importAction, uploadHelp } from '$lib/server/imports/upload';
import { CLEAR_MARKER } from '$lib/server/workforce/rows';
import { KIND } from '$lib/server/workforce/import';

export const load: PageServerLoad = async ({ params }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		help: uploadHelp(KIND),
		tracks: getContent().framework.tracks.map((t) => t.id),
		marker: CLEAR_MARKER,
		recent: await recentImports(KIND, jurisdiction.id)
	};
};

export const actions: Actions = {
	default: importAction(KIND, async (event) => (await requireJurisdictionAdmin(event.params.code!)).jurisdiction.id)
};
