// What the DHIS2 mapping page shows and what its form saves: every code with its label, prefilled with the saved
// mapping or, before one is saved, with codes made from Credo's; the form read back field by field.
import type { SessionUser } from '../auth/session';
import { localFramework } from '../content';
import { DomainError } from '../errors';
import type { ReportContext } from './context';
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

export async function dhis2Page(user: SessionUser, ctx: ReportContext) {
	const stored = await storedMapping(ctx.jurisdiction.id);
	const tracks = trackIds();
	const mapping = stored?.mapping ?? defaultMapping(ctx.jurisdiction.code, tracks);
	const values = breakdownValues(tracks);
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
		areas: ctx.areas.map((a) => ({
			code: a.code,
			label: a.level ? m.ind_pop_area_level({ name: a.name, level: a.level }) : a.name,
			depth: a.depth,
			name: fieldName.area(a.code),
			value: mapping.orgUnits.areas[a.code] ?? a.code
		})),
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
	const read = mappingFromForm(
		get,
		ctx.areas.map((a) => a.code),
		trackIds()
	);
	if (!read.ok) throw new DomainError(m.dhis2_fix(), 400, read.errors);
	return saveDhis2Mapping(user, ctx.jurisdiction.id, read.mapping);
}
