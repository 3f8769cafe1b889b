import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { getContent } from '$lib/server/content';
import { startWorkforceImport, JOB } from '$lib/server/indicators/workforce-import';
import { WORKFORCE_COLUMNS, MAX_ROWS } from '$lib/server/indicators/workforce-rows';
import { failFrom, readForm } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async () => {
	requireRole('ADMIN');
	const [jurisdictions, recent] = await Promise.all([
		db.jurisdiction.findMany({ select: { code: true, name: true }, orderBy: { name: 'asc' } }),
		db.importJob.findMany({
			where: { kind: JOB },
			orderBy: { createdAt: 'desc' },
			take: 5,
			select: { id: true, status: true, total: true, createdAt: true }
		})
	]);
	const columns = WORKFORCE_COLUMNS.map((c) => ({
		name: c.name,
		required: 'required' in c && c.required,
		values: 'values' in c ? [...c.values] : null,
		example: c.example
	}));
	return { jurisdictions, recent, columns, tracks: getContent().framework.tracks.map((t) => t.id), maxRows: MAX_ROWS };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRole('ADMIN');
		const form = await readForm(event);
		const file = form.get('file');
		const jurisdiction = String(form.get('jurisdiction') ?? '');
		const errors: Record<string, string> = {};
		if (!jurisdiction) errors.jurisdiction = m.field_choose();
		if (!(file instanceof File) || !file.size) errors.file = m.import_file_required();
		else if (file.size > MAX_BYTES) errors.file = m.ind_file_big({ mb: 5 });
		if (Object.keys(errors).length || !(file instanceof File))
			return fail(400, { errors, message: null, values: { jurisdiction } });
		let id: string;
		try {
			id = await startWorkforceImport(user, jurisdiction, await file.text());
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, `/admin/workforce/${id}`);
	}
};
