// How a programme's recognition reads on its certificates (kept apart from programmes.ts so scripts can render PDFs).
import { m } from '$lib/paraglide/messages';
import { formatDay } from '$lib/dates';

/** The line printed on certificates and the verification page. */
export function recognitionLine(p: {
	recognitionStatus: string;
	governmentRecognised: boolean;
	approvedProvider: boolean;
	recognitionReference: string | null;
	recognitionDate: Date | null;
}) {
	if (p.recognitionStatus !== 'CONFIRMED') return null;
	const date = p.recognitionDate ? formatDay(p.recognitionDate) : '';

	const ref = p.recognitionReference ?? '';
	if (p.governmentRecognised && p.approvedProvider) return m.prog_line_both({ ref, date });
	if (p.governmentRecognised) return m.prog_line_government({ ref, date });
	return m.prog_line_provider({ ref, date });
}
