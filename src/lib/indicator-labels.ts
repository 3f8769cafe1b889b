// The names of the DHIS2 mapping's measures and of the indicator breakdowns, in the reader's language.
import { m } from '$lib/paraglide/messages';

const MEASURES: Record<string, () => string> = {
	vacCertifiedStrict: m.dhis2_measure_vac_certified_strict,
	vacCertifiedAggregate: m.dhis2_measure_vac_certified_aggregate,
	vacWorkers: m.dhis2_measure_vac_workers,
	ramWorkers: m.dhis2_measure_ram_workers,
	childPopulation: m.dhis2_measure_child_population
};
const BY: Record<string, () => string> = {
	area: m.ind_by_area,
	cadre: m.ind_by_cadre,
	sector: m.ind_by_sector,
	sex: m.ind_by_sex,
	track: m.ind_by_track,
	education: m.ind_by_education,
	credential: m.ind_by_credential
};

export const measureLabel = (measure: string) => MEASURES[measure]?.() ?? measure;
export const byLabel = (dimension: string) => BY[dimension]?.() ?? dimension;
export const partLabel = (part: string) => (part === 'total' ? m.dhis2_total() : byLabel(part));
