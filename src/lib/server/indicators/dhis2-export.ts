// The DHIS2 export of a published report: the report as it was published (published.ts: 404 for anyone who may not
// read it), the jurisdiction's saved mapping, the builder (dhis2.ts). Refused with the list of what the mapping lacks.
import type { SessionUser } from '../auth/session';
import { publishedReportFor } from './published';
import { storedMapping } from './dhis2-store';
import { dataValueSets, type Dhis2Problem } from './dhis2';
import { byLabel } from '$lib/indicator-labels';
import { m } from '$lib/paraglide/messages';

export async function publishedDhis2(user: SessionUser, reportId: string) {
	const published = await publishedReportFor(user, reportId);
	const mapping = (await storedMapping(published.jurisdictionId))?.mapping ?? null;
	const result = dataValueSets(
		published.figures.report,
		{ asOf: published.asOf, year: published.year, version: published.version, partnerId: published.partnerId },
		mapping
	);
	return { published, result };
}

/** A problem as a sentence on screen (never a raw code). */
export function problemText(p: Dhis2Problem): string {
	switch (p.kind) {
		case 'mapping':
			return m.dhis2_problem_mapping();
		case 'partner':
			return m.dhis2_problem_partner();
		case 'combo':
			return m.dhis2_problem_combo({ dimension: byLabel(p.dimension), label: p.label });
		case 'orgUnit':
			return m.dhis2_problem_org_unit({ label: p.label, problem: p.problem });
	}
}

/** The file name of the download: the report's dates and version, e.g. dhis2-2026-06-30-2025-strict.json. */
export const dhis2FileName = (p: { asOf: string; year: number; version: string }) =>
	`dhis2-${p.asOf}-${p.year}-${p.version}.json`;
