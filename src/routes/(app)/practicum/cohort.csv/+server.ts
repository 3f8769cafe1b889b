import type { RequestHandler } from './$types';
import { stringify } from 'csv-stringify/sync';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { coordinatedUniversities } from '$lib/server/practicum/placements';
import { cohort } from '$lib/server/practicum/cohort';
import { settingsFor } from '$lib/server/practicum/hours';

/** The coordinator's cohort as CSV (one aggregate query; a university's cohort fits in memory). */
export const GET: RequestHandler = async () => {
	const user = requireCoordinator();
	const uni = coordinatedUniversities(user)[0];
	const rows = await cohort(uni, (await settingsFor(uni)).staleDays);
	const csv = stringify(
		rows.map((r) => [
			r.student,
			r.supervisor,
			r.agency,
			r.status,
			r.outcome ?? '',
			r.required,
			r.approved,
			r.pending,
			r.signed ? 'yes' : 'no',
			r.last_activity?.toISOString().slice(0, 10) ?? '',
			r.evaluations ?? '',
			r.stale ? 'yes' : 'no'
		]),
		{
			header: true,
			columns: [
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
			]
		}
	);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="practicum-cohort.csv"',
			'Cache-Control': 'no-store'
		}
	});
};
