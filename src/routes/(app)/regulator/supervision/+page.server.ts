import type { PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { regulatorJurisdictions } from '$lib/server/licensing/licences';
import { supervisionReport } from '$lib/server/supervision/assignments';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	const r = await supervisionReport(regulatorJurisdictions(user)[0]);
	return { gaps: r.gaps, over: r.over, weeks: r.rules.gapWeeks, firstYearWeeks: r.rules.gapWeeksFirstYear };
};
