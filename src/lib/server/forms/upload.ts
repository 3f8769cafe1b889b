// A file posted with a form (multipart): zod schemas only see a form's text fields, so files are read here.
import { FieldError } from '../errors';
import { m } from '$lib/paraglide/messages';

/** The file posted as `field` (held on disk, see multipart.ts); a FieldError when none was chosen (or it is empty) or
 * it is larger than `maxBytes`. */
export function uploadedFile(form: FormData, field: string, maxBytes: number, tooBig?: () => string): File {
	const file = form.get(field);
	if (!(file instanceof File) || !file.size) throw new FieldError(field, m.import_file_required());
	if (file.size > maxBytes)
		throw new FieldError(field, tooBig?.() ?? m.ind_file_big({ mb: Math.round(maxBytes / 1024 / 1024) }));
	return file;
}

/** The file posted as `field` when it is optional or checked by the domain: null when none was chosen. */
export function fileOf(form: FormData, field: string): File | null {
	const file = form.get(field);
	return file instanceof File && file.size ? file : null;
}
