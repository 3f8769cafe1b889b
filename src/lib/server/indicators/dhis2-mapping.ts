// How a jurisdiction's published figures map onto its DHIS2 instance: a data element per measure and breakdown, an org
// unit per area, a category option combination per breakdown value. Pure: the shape, its validation, its defaults and
// the page's form. Stored as JSON in dhis2_mappings (dhis2-store.ts); used by dhis2.ts. See docs/domains/dhis2.md.
import { z } from 'zod';
import { CADRES, CREDENTIALS, EDUCATION_GROUPS, SECTORS, SEXES } from '$lib/workforce-labels';
import { m } from '$lib/paraglide/messages';

export type Breakdown = 'cadre' | 'sector' | 'sex' | 'track' | 'education' | 'credential';
export const BREAKDOWNS: Breakdown[] = ['cadre', 'sector', 'sex', 'track', 'education', 'credential'];

/** Counts, never percentages: DHIS2 indicators divide. Each measure has its total and one data element per breakdown,
 *  since DHIS2 adds up a data element over all its category option combinations. */
export const MEASURES = {
	vacCertifiedStrict: ['cadre', 'sector', 'sex', 'track'],
	vacCertifiedAggregate: ['cadre', 'sector', 'sex', 'track'],
	vacWorkers: ['cadre', 'sector', 'sex', 'track'],
	ramWorkers: ['cadre', 'credential', 'education', 'sector'],
	childPopulation: []
} as const satisfies Record<string, readonly Breakdown[]>;
export type Measure = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as Measure[];

/** The key of the "not recorded" group of a breakdown (Credo's codes are upper case or track ids: no clash). */
export const NOT_RECORDED = 'NOT_RECORDED';

export interface Dhis2Mapping {
	dataElements: Record<Measure, { total: string } & Partial<Record<Breakdown, string>>>;
	/** root: the whole jurisdiction's org unit; areas: by area code, only where DHIS2's code is not the area's own */
	orgUnits: { root: string; areas: Record<string, string> };
	/** per breakdown, Credo's value (or NOT_RECORDED) → the category option combination's code; absent = not mapped */
	categoryOptionCombos: Record<Breakdown, Record<string, string>>;
}

export const DHIS2_CODE_MAX = 50;

/** Why a DHIS2 code is refused (DHIS2 codes: at most 50 characters), or null when it is a good one. */
export function codeProblem(code: string): string | null {
	if (!code) return m.field_required();
	if (code.length > DHIS2_CODE_MAX) return m.field_too_long({ max: DHIS2_CODE_MAX });
	if (code.trim() !== code) return m.dhis2_code_spaces();
	// eslint-disable-next-line no-control-regex -- control characters (NUL included) are never part of a code
	if (/[\u0000-\u001f\u007f]/.test(code)) return m.conflict_invalid_characters();
	return null;
}
const code = () =>
	z
		.string()
		.superRefine((s, ctx) => void (codeProblem(s) && ctx.addIssue({ code: 'custom', message: codeProblem(s)! })));
const codes = () => z.record(z.string(), code());

/** The stored mapping, checked whenever it is read (a stored mapping that no longer fits is treated as none). */
export const mappingSchema: z.ZodType<Dhis2Mapping> = z.object({
	dataElements: z.object(
		Object.fromEntries(
			MEASURE_NAMES.map((measure) => [
				measure,
				z.object({ total: code(), ...Object.fromEntries(MEASURES[measure].map((b) => [b, code()])) })
			])
		)
	) as unknown as z.ZodType<Dhis2Mapping['dataElements']>,
	orgUnits: z.object({ root: code(), areas: codes() }),
	categoryOptionCombos: z.object(Object.fromEntries(BREAKDOWNS.map((b) => [b, codes()]))) as unknown as z.ZodType<
		Dhis2Mapping['categoryOptionCombos']
	>
});

/** The values of each breakdown the form offers: Credo's codes (tracks from the framework), then "not recorded"
 *  (never for the credential, which every counted worker has). */
export function breakdownValues(trackIds: string[]): Record<Breakdown, string[]> {
	return {
		cadre: [...CADRES, NOT_RECORDED],
		sector: [...SECTORS, NOT_RECORDED],
		sex: [...SEXES, NOT_RECORDED],
		track: [...trackIds, NOT_RECORDED],
		education: [...EDUCATION_GROUPS, NOT_RECORDED],
		credential: [...CREDENTIALS]
	};
}

const upper = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** What the form offers before anything is saved: codes made from Credo's (CREDO_VAC_WORKERS_CADRE, CADRE_PROF_SW, the
 *  jurisdiction's code for its root). Nothing is exported until the ministry saves a mapping. */
export function defaultMapping(jurisdictionCode: string, trackIds: string[]): Dhis2Mapping {
	const values = breakdownValues(trackIds);
	return {
		dataElements: Object.fromEntries(
			MEASURE_NAMES.map((measure) => [
				measure,
				{
					total: `CREDO_${snake(measure)}`,
					...Object.fromEntries(MEASURES[measure].map((b) => [b, `CREDO_${snake(measure)}_${b.toUpperCase()}`]))
				}
			])
		) as Dhis2Mapping['dataElements'],
		orgUnits: { root: jurisdictionCode.slice(0, DHIS2_CODE_MAX), areas: {} },
		categoryOptionCombos: Object.fromEntries(
			BREAKDOWNS.map((b) => [b, Object.fromEntries(values[b].map((v) => [v, `${b.toUpperCase()}_${upper(v)}`]))])
		) as Dhis2Mapping['categoryOptionCombos']
	};
}

/** The form's field names: one per code. */
export const fieldName = {
	dataElement: (measure: Measure, part: 'total' | Breakdown) => `de.${measure}.${part}`,
	root: () => 'ou.root',
	area: (areaCode: string) => `ou.area.${areaCode}`,
	combo: (b: Breakdown, value: string) => `coc.${b}.${value}`
};

/**
 * The page's form as a mapping: every data element and the root are required; an empty area box means the area's own
 * code; an area the form did not show (a country of a thousand areas shows those with their own org unit and those
 * found) keeps what was saved; an empty combination box leaves that value unmapped (the export refuses a report that
 * has it). Every bad code gets its message under its field's name.
 */
export function mappingFromForm(
	get: (name: string) => string | null,
	areaCodes: string[],
	trackIds: string[],
	/** the saved areas' own org units: an area whose field the form did not show keeps its own */
	kept: Record<string, string> = {}
): { ok: true; mapping: Dhis2Mapping } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const read = (name: string, required: boolean): string | undefined => {
		const typed = get(name) ?? '';
		if (!typed && !required) return undefined;
		const problem = codeProblem(typed);
		if (problem) errors[name] = problem;
		return typed;
	};
	const dataElements = Object.fromEntries(
		MEASURE_NAMES.map((measure) => [
			measure,
			Object.fromEntries(
				(['total', ...MEASURES[measure]] as const).map((p) => [p, read(fieldName.dataElement(measure, p), true)])
			)
		])
	) as Dhis2Mapping['dataElements'];
	const root = read(fieldName.root(), true) ?? '';
	const areas: Record<string, string> = {};
	for (const a of areaCodes) {
		if (get(fieldName.area(a)) === null) {
			if (kept[a]) areas[a] = kept[a];
			continue;
		}
		const typed = read(fieldName.area(a), false);
		if (typed !== undefined && typed !== a) areas[a] = typed;
	}
	const values = breakdownValues(trackIds);
	const categoryOptionCombos = Object.fromEntries(
		BREAKDOWNS.map((b) => {
			const mapped = values[b].map((v) => [v, read(fieldName.combo(b, v), false)] as const);
			return [b, Object.fromEntries(mapped.filter(([, c]) => c !== undefined))];
		})
	) as Dhis2Mapping['categoryOptionCombos'];
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, mapping: { dataElements, orgUnits: { root, areas }, categoryOptionCombos } };
}
