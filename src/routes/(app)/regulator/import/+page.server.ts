import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { startImport, COLUMNS } from '$lib/server/licensing/import';
import { uploadedFile } from '$lib/server/forms/upload';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = () => {
	requireRegulator();
	return { columns: [...COLUMNS], idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireRegulator(),
		run: async ({ user, form, once }) => {
			const id = await startImport(user, uploadedFile(form, 'file', MAX_BYTES, m.import_file_big), once);
			redirect(303, `/regulator/import/${id}`);
		},
		claimsKey: true
	})
};
