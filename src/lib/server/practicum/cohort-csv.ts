// The coordinator's cohort as CSV: the dashboard's rows, read a page at a time in the same order (student name) as
// the reader pulls, so a large university's export never sits whole in memory.
import { fromDate } from '$lib/calendar-day';
import { keysetPages, type Cell, type CsvTable } from '../csv/writer';
import { cohort, type CohortRow } from './cohort';

export const COHORT_COLUMNS = [
	'student',
	'supervisor',
	'agency',
	'status',
	'outcome',
	'required_hours',
	'approved_hours',
	'pending_hours',
	'agreement_signed',
	'last_activity',
	'evaluations',
	'no_recent_sign_off'
];

export function cohortCsv(universityId: string, staleDays: number, now = new Date(), take = 2000): CsvTable {
	return { columns: COHORT_COLUMNS, rows: rows(universityId, staleDays, now, take) };
}

async function* rows(universityId: string, staleDays: number, now: Date, take: number): AsyncGenerator<Cell[]> {
	for await (const page of keysetPages(
		(after: CohortRow | undefined, take) => cohort(universityId, staleDays, now, { after, take }),
		take
	))
		for (const r of page)
			yield [
				r.student,
				r.supervisor,
				r.agency,
				r.status,
				r.outcome,
				r.required,
				r.approved,
				r.pending,
				r.signed ? 'yes' : 'no',
				r.last_activity ? fromDate(r.last_activity) : null,
				r.evaluations,
				r.stale ? 'yes' : 'no'
			];
}
