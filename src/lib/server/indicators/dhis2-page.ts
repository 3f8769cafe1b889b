// What the DHIS2 mapping page shows and what its form saves: every code with its label, prefilled with the saved
// mapping or, before one is saved, with codes made from Credo's; the form read back field by field.
import type { SessionUser } from '../auth/session';
import { localFramework } from '../content';
import { DomainError } from '../errors';
import { AREAS_LISTED, type ReportContext } from './context';
import {
	BREAKDOWNS,
	breakdownValues,
	defaultMapping,
	fieldName,
	mappingFromForm,
	MEASURE_NAMES,
	MEASURES,
	NOT_RECORDED
} from './dhis2-mapping';
import { canEditDhis2, saveDhis2Mapping, storedMapping } from './dhis2-store';
import { workforceLabel } from '$lib/workforce-labels';
import { m } from '$lib/paraglide/messages';

const trackIds = () => localFramework().tracks.map((t) => t.id);

/** The label of a breakdown's value, in the reader's language (never a raw code). */
export function valueLabel(dimension: string, value: string): string {
	if (value === NOT_RECORDED) return m.ind_not_recorded();
	if (dimension === 'track') return localFramework().tracks.find((t) => t.id === value)?.title ?? value;
	return workforceLabel(dimension, value);
}

/** The most areas one search shows. */
export const AREAS_FOUND = 25;

type Area = ReportContext['areas'][number];

/**
 * The areas whose box the page shows. A country's thousand areas would make a page of a thousand boxes (a phone's
 * screen a hundred thousand pixels long, half a megabyte of HTML), and each area goes to DHIS2 under its own code
 * unless the ministry says otherwise: so beyond AREAS_LISTED the page shows the areas that have an org unit of their
 * own and those matching a search by name or code. The form saves what it shows; the others keep what they have.
 */
export function areasShown(areas: Area[], own: Record<string, string>, search: string) {
	if (areas.length <= AREAS_LISTED) return { all: true as const, count: areas.length, own: areas, found: [] as Area[] };
	const q = search.trim().toLocaleLowerCase();
	const matching = q
		? areas.filter((a) => !own[a.code] && (a.name.toLocaleLowerCase().includes(q) || a.code.toLowerCase().includes(q)))
		: [];
	return {
		all: false as const,
		count: areas.length,
		own: areas.filter((a) => own[a.code]),
		found: matching.slice(0, AREAS_FOUND),
		more: matching.length > AREAS_FOUND
	};
}

export async function dhis2Page(user: SessionUser, ctx: ReportContext, search = '') {
	const stored = await storedMapping(ctx.jurisdiction.id);
	const tracks = trackIds();
	const mapping = stored?.mapping ?? defaultMapping(ctx.jurisdiction.code, tracks);
	const values = breakdownValues(tracks);
	const shown = areasShown(ctx.areas, mapping.orgUnits.areas, search);
	const areaField = (a: Area) => ({
		code: a.code,
		label: a.level ? m.ind_pop_area_level({ name: a.name, level: a.level }) : a.name,
		depth: a.depth,
		name: fieldName.area(a.code),
		value: mapping.orgUnits.areas[a.code] ?? a.code
	});
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		canEdit: canEditDhis2(user, ctx.jurisdiction.id),
		saved: stored?.mapping ? stored.updatedAt.toISOString() : null,
		measures: MEASURE_NAMES.map((measure) => ({
			measure,
			fields: (['total', ...MEASURES[measure]] as const).map((part) => ({
				part,
				name: fieldName.dataElement(measure, part),
				value: (mapping.dataElements[measure] as Record<string, string>)[part] ?? ''
			}))
		})),
		root: { name: fieldName.root(), value: mapping.orgUnits.root },
		areas: {
			all: shown.all,
			count: shown.count,
			own: shown.own.map(areaField),
			found: shown.found.map(areaField),
			more: !shown.all && shown.more,
			search: search.trim()
		},
		combos: BREAKDOWNS.map((dimension) => ({
			dimension,
			fields: values[dimension].map((v) => ({
				label: valueLabel(dimension, v),
				name: fieldName.combo(dimension, v),
				value: mapping.categoryOptionCombos[dimension][v] ?? ''
			}))
		}))
	};
}

/** Saves the posted form (a message beside each bad code, nothing saved); answers whether anything changed. */
export async function saveDhis2Form(user: SessionUser, ctx: ReportContext, form: FormData) {
	const get = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : null;
	};
	const saved = (await storedMapping(ctx.jurisdiction.id))?.mapping?.orgUnits.areas ?? {};
	const read = mappingFromForm(
		get,
		ctx.areas.map((a) => a.code),
		trackIds(),
		saved
	);
	if (!read.ok) throw new DomainError(m.dhis2_fix(), 400, read.errors);
	return saveDhis2Mapping(user, ctx.jurisdiction.id, read.mapping);
}
