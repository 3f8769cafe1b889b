import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { db } from '$lib/server/db';
import { requireRegulator } from '$lib/server/licensing/guard';
import { regulatorJurisdictions } from '$lib/server/licensing/licences';
import { complianceOf } from '$lib/server/licensing/compliance-data';

const BATCH = 500;

/** Compliance of every licence in the regulator's jurisdiction, streamed in batches: memory stays flat. */
export const GET: RequestHandler = async () => {
	const user = requireRegulator();
	const jurisdictions = regulatorJurisdictions(user);
	const csv = stringify({ header: true, columns: ['licence', 'holder', 'licence_status', 'cycle_start', 'cycle_end', 'cycle_outcome', 'compliance', 'required', 'earned', 'missing'] });
	(async () => {
		let cursor: string | undefined;
		for (;;) {
			const page = await db.licence.findMany({ where: { jurisdictionId: { in: jurisdictions } }, orderBy: { id: 'asc' }, take: BATCH, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}), select: { id: true } });
			if (!page.length) break;
			const states = await complianceOf(page.map((l) => l.id)); // one batch, a fixed number of queries
			for (const l of page) {
				const s = states.get(l.id);
				if (!s) continue;
				const ok = csv.write([s.licence.number, s.licence.holderName, s.licence.status, s.cycle.startsOn.toISOString().slice(0, 10), s.cycle.endsOn.toISOString().slice(0, 10), s.cycle.outcome, s.verdict.status, s.verdict.required.total, s.verdict.earned.total,
					s.verdict.missing.map((x) => (x.kind === 'total' ? `total ${x.short}` : `${x.category} ${x.short}`)).join('; ')]);
				if (!ok) await new Promise((r) => csv.once('drain', r));
			}
			cursor = page.at(-1)!.id;
		}
		csv.end();
	})().catch((e) => csv.destroy(e));
	const body = Readable.toWeb(csv) as unknown as ReadableStream<Uint8Array>; // pulls as the client reads: backpressure
	return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="compliance.csv"', 'Cache-Control': 'no-store' } });
};
