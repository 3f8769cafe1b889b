// A file posted with a form (multipart): zod schemas only see a form's text fields, so files are read here.
import { FieldError } from '../errors';
import { m } from '$lib/paraglide/messages';

/** The text of the file posted as `field`; a FieldError when none was chosen (or it is empty) or it is too large. */
export async function uploadedText(form: FormData, field: string, maxBytes: number, tooBig: () => string) {
	const file = form.get(field);
	if (!(file instanceof File) || !file.size) throw new FieldError(field, m.import_file_required());
	if (file.size > maxBytes) throw new FieldError(field, tooBig());
	return file.text();
}

/** The file posted as `field` when it is optional or checked by the domain: null when none was chosen. */
export function fileOf(form: FormData, field: string): File | null {
	const file = form.get(field);
	return file instanceof File && file.size ? file : null;
}
