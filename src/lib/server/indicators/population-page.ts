// What the child population page shows: the year and the areas chosen in its URL, each area's entry and figure, and
// the CSV upload's help. The rule is population.ts; reading and saving entries, population-store.ts.
import type { SessionUser } from '../auth/session';
import { dayIn } from '$lib/calendar-day';
import { recentImports } from '../imports/run';
import { uploadHelp } from '../imports/upload';
import { canEditPopulation } from './access';
import type { ReportContext } from './context';
import { MAX_YEAR, MIN_YEAR } from './filters';
import { parseYear } from './population';
import { populationRows } from './population-store';
import './population-import';
import { m } from '$lib/paraglide/messages';

/** `?year=` (by default the last complete calendar year, as the report) and `?area=` (an area code: it and the areas
 *  below it; by default every area). A bad value gets a message and its default. */
export function populationQuery(ctx: ReportContext, params: URLSearchParams, now = new Date()) {
	const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 64);
	const lastYear = +dayIn(now, ctx.jurisdiction.timeZone).slice(0, 4) - 1;
	const errors: Record<string, string> = {};
	const typed = parseYear(get('year') || String(lastYear));
	if (typed === null) errors.year = m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR });
	const area = get('area') ? ctx.areas.find((a) => a.code === get('area')) : null;
	if (get('area') && !area) errors.area = m.ind_area_unknown();
	return {
		year: typed ?? lastYear,
		areaId: area?.id ?? null,
		values: { year: get('year') || String(lastYear), area: area?.code ?? get('area') },
		errors
	};
}

export async function populationPage(user: SessionUser, ctx: ReportContext, params: URLSearchParams) {
	const q = populationQuery(ctx, params);
	const canEdit = canEditPopulation(user, ctx.jurisdiction.id);
	const [rows, recent] = await Promise.all([
		populationRows(ctx, q.year, q.areaId),
		canEdit ? recentImports('population', ctx.jurisdiction.id) : []
	]);
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		year: q.year,
		values: q.values,
		errors: q.errors,
		// the areas with sub-areas: the choices of "areas shown"
		parents: ctx.areas
			.filter((a) => !a.leaf)
			.map((a) => ({ code: a.code, name: a.name, level: a.level, depth: a.depth })),
		rows,
		canEdit,
		help: canEdit ? uploadHelp('population') : null,
		recent
	};
}
