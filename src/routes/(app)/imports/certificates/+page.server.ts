import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { recentImports } from '$lib/server/imports/run';
import { importAction, uploadHelp } from '$lib/server/imports/upload';
import { HISTORY_KIND } from '$lib/server/certificates/history-import';
import { recordingJurisdiction } from '$lib/server/certificates/history-page';

export const load: PageServerLoad = async ({ url }) => {
	const { jurisdiction, jurisdictions } = await recordingJurisdiction(
		requireUser(),
		url.searchParams.get('jurisdiction')
	);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		jurisdictions: jurisdictions.map((j) => ({ code: j.code, name: j.name })),
		help: uploadHelp(HISTORY_KIND),
		recent: await recentImports(HISTORY_KIND, jurisdiction.id)
	};
};

export const actions: Actions = {
	default: importAction(
		HISTORY_KIND,
		async (event) =>
			(await recordingJurisdiction(requireUser(), event.url.searchParams.get('jurisdiction'))).jurisdiction.id
	)
};
