// Compliance of every licence in some jurisdictions as CSV, produced batch by batch as the reader pulls: memory
// stays flat whatever the cohort size. It reads from the replica when DATABASE_REPLICA_URL names one.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { replica } from '../db';
import { complianceOf } from './compliance-data';

const BATCH = 500;
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

export function complianceCsv(jurisdictions: string[]): Readable {
	const csv = stringify({ header: true, columns: EXPORT_COLUMNS });
	(async () => {
		let cursor: string | undefined;
		for (;;) {
			const page = await replica.licence.findMany({
				where: { jurisdictionId: { in: jurisdictions } },
				orderBy: { id: 'asc' },
				take: BATCH,
				...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
				select: { id: true }
			});
			if (!page.length) break;
			const states = await complianceOf(
				page.map((l) => l.id),
				undefined,
				new Date(),
				replica
			); // one batch, a fixed number of queries
			for (const l of page) {
				const s = states.get(l.id);
				if (!s) continue;
				const ok = csv.write([
					s.licence.number,
					s.licence.holderName,
					s.licence.status,
					s.cycle.startsOn.toISOString().slice(0, 10),
					s.cycle.endsOn.toISOString().slice(0, 10),
					s.cycle.outcome,
					s.verdict.status,
					s.verdict.required.total,
					s.verdict.earned.total,
					s.verdict.missing
						.map((x) => (x.kind === 'total' ? `total ${x.short}` : `${x.category} ${x.short}`))
						.join('; ')
				]);
				if (!ok) await new Promise((r) => csv.once('drain', r));
			}
			cursor = page.at(-1)!.id;
		}
		csv.end();
	})().catch((e) => csv.destroy(e));
	return csv;
}
