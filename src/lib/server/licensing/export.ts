// Compliance of every licence in some jurisdictions as CSV, read a page of licences at a time as the reader pulls
// (keyset on the primary key): memory stays flat whatever the cohort size. It reads from the replica when
// DATABASE_REPLICA_URL names one.
import { fromDate } from '$lib/calendar-day';
import { keysetPages, type Cell, type CsvTable } from '../csv/writer';
import { replica } from '../db';
import { complianceOf } from './compliance-data';

/** Licences per round trip: a page's compliance is one query whose rows carry each holder's whole ledger (~20 entries)
 *  and the jurisdiction's accreditations, so pages are small. On the 100,000 national licences (export-memory.ts,
 *  2026-12-06): pages of 100 add 26 MiB RSS in 82 s, of 250 41 MiB in 117 s, of 500 57 MiB in 134 s (500 ids also
 *  turn the licences lookup into a sequential scan). */
export const EXPORT_PAGE = 100;

export const EXPORT_COLUMNS = [
	'licence',
	'holder',
	'licence_status',
	'cycle_start',
	'cycle_end',
	'cycle_outcome',
	'compliance',
	'required',
	'earned',
	'missing'
];

export function complianceCsv(jurisdictions: string[], now = new Date(), take = EXPORT_PAGE): CsvTable {
	return { columns: EXPORT_COLUMNS, rows: rows(jurisdictions, now, take) };
}

async function* rows(jurisdictions: string[], now: Date, take: number): AsyncGenerator<Cell[]> {
	const pages = keysetPages(
		(after: { id: string } | undefined, take) =>
			replica.licence.findMany({
				where: { jurisdictionId: { in: jurisdictions }, ...(after ? { id: { gt: after.id } } : {}) },
				orderBy: { id: 'asc' },
				take,
				select: { id: true }
			}),
		take
	);
	for await (const page of pages) {
		const ids = page.map((l) => l.id);
		const states = await complianceOf(ids, undefined, now, replica);
		for (const id of ids) {
			const s = states.get(id);
			if (!s) continue;
			yield [
				s.licence.number,
				s.licence.holderName,
				s.licence.status,
				fromDate(s.cycle.startsOn),
				fromDate(s.cycle.endsOn),
				s.cycle.outcome,
				s.verdict.status,
				s.verdict.required.total,
				s.verdict.earned.total,
				s.verdict.missing.map((x) => (x.kind === 'total' ? `total ${x.short}` : `${x.category} ${x.short}`)).join('; ')
			];
		}
	}
}
