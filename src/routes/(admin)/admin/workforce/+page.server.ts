import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import {
	readWorkforceUpload,
	startWorkforceImport,
	workforceUploadPage
} from '$lib/server/indicators/workforce-import';
import { WORKFORCE_COLUMNS, MAX_ROWS } from '$lib/server/indicators/workforce-rows';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	requireRole('ADMIN');
	const { jurisdictions, recent } = await workforceUploadPage();
	const columns = WORKFORCE_COLUMNS.map((c) => ({
		name: c.name,
		required: 'required' in c && c.required,
		values: 'values' in c ? [...c.values] : null,
		example: c.example
	}));
	return { jurisdictions, recent, columns, tracks: getContent().framework.tracks.map((t) => t.id), maxRows: MAX_ROWS };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireRole('ADMIN'),
		run: async ({ user, form }) => {
			const { jurisdiction, file } = readWorkforceUpload(form);
			const id = await startWorkforceImport(user, jurisdiction, await file.text());
			redirect(303, `/admin/workforce/${id}`);
		}
	})
};
