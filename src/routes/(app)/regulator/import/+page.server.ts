import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { startImport, COLUMNS } from '$lib/server/licensing/import';
import { failFrom, readForm } from '$lib/server/http';
import { AlreadyApplied, newIdempotencyKey, onceOf } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = () => {
	requireRegulator();
	return { columns: [...COLUMNS], idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const file = form.get('file');
		if (!(file instanceof File) || !file.size) return fail(400, { errors: { file: m.import_file_required() } });
		if (file.size > MAX_BYTES) return fail(400, { errors: { file: m.import_file_big() } });
		let id: string;
		try {
			id = await startImport(user, await file.text(), onceOf(user.id, form, event));
		} catch (e) {
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const }; // the same form again: applied once
			return failFrom(e, form);
		}
		redirect(303, `/regulator/import/${id}`);
	}
};
