// The upload side of every import: one form action (a CSV file → a queued job → the job's page) and the column help
// the upload pages show. The jurisdiction comes from the page (its route), never from the posted form.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '../auth/guards';
import { formAction } from '../http';
import { importKind, startImport, MAX_IMPORT_BYTES } from './run';
import { uploadedFile } from '../forms/upload';
import type { CsvTable } from '../csv/writer';
import { m } from '$lib/paraglide/messages';

/** The form action of an upload form: `jurisdiction` finds the page's jurisdiction id (404 when there is none). */
export function importAction(kindName: string, jurisdiction: (event: RequestEvent) => Promise<string>, name?: string) {
	return formAction({
		guard: async (event) => {
			const user = requireUser();
			const kind = importKind(kindName);
			if (!kind || !kind.allowed(user, await jurisdiction(event))) error(403, m.error_forbidden());
			return user;
		},
		run: async ({ user, form, event }) => {
			const file = uploadedFile(form, 'file', MAX_IMPORT_BYTES);
			const id = await startImport(user, kindName, await jurisdiction(event), file);
			redirect(303, `/imports/${id}`);
		},
		...(name ? { name } : {})
	});
}

/** What the upload page shows about a kind's file: its columns, the row limit and the size limit. */
export function uploadHelp(kindName: string) {
	const kind = importKind(kindName);
	if (!kind) throw new Error(`no import kind ${kindName}`);
	return {
		kind: kindName,
		columns: kind.columns.map((c) => ({
			name: c.name,
			required: !!c.required,
			values: c.values ? [...c.values] : null,
			example: c.example
		})),
		maxRows: kind.maxRows,
		maxMb: MAX_IMPORT_BYTES / 1024 / 1024
	};
}

export type UploadHelp = ReturnType<typeof uploadHelp>;

/** The header row of a kind's file, ready to fill in. */
export function templateOf(kindName: string): CsvTable | null {
	const kind = importKind(kindName);
	return kind ? { columns: kind.columns.map((c) => c.name), rows: [] } : null;
}
