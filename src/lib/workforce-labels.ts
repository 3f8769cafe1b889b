// Display names for the workforce (HRIS) codes, in the reader's language.
import { m } from '$lib/paraglide/messages';

export const CADRES = [
	'PROF_SW',
	'PROF_OTHER',
	'PARA_PROF',
	'VOLUNTEER',
	'AUXILIARY',
	'CYCW',
	'ALLIED',
	'SUPERVISOR',
	'MANAGER',
	'EDUCATOR',
	'RESEARCHER',
	'STUDENT'
] as const;
export const SECTORS = ['GOVERNMENTAL', 'NON_GOVERNMENTAL'] as const;
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'] as const;
export const EDUCATION_LEVELS = [
	'NONE',
	'SECONDARY',
	'CERTIFICATE',
	'DIPLOMA',
	'BACHELOR',
	'MASTER',
	'DOCTORATE'
] as const;
export const EDUCATION_GROUPS = ['POST_SECONDARY', 'NO_POST_SECONDARY'] as const;
export const CREDENTIALS = ['LICENSED_CERTIFIED', 'LICENSED', 'CERTIFIED', 'NEITHER'] as const;

const LABELS: Record<string, Record<string, () => string>> = {
	cadre: {
		PROF_SW: m.workforce_cadre_prof_sw,
		PROF_OTHER: m.workforce_cadre_prof_other,
		PARA_PROF: m.workforce_cadre_para_prof,
		VOLUNTEER: m.workforce_cadre_volunteer,
		AUXILIARY: m.workforce_cadre_auxiliary,
		CYCW: m.workforce_cadre_cycw,
		ALLIED: m.workforce_cadre_allied,
		SUPERVISOR: m.workforce_cadre_supervisor,
		MANAGER: m.workforce_cadre_manager,
		EDUCATOR: m.workforce_cadre_educator,
		RESEARCHER: m.workforce_cadre_researcher,
		STUDENT: m.workforce_cadre_student
	},
	sector: { GOVERNMENTAL: m.workforce_sector_gov, NON_GOVERNMENTAL: m.workforce_sector_ngo },
	sex: {
		FEMALE: m.workforce_sex_female,
		MALE: m.workforce_sex_male,
		OTHER: m.workforce_sex_other,
		UNDISCLOSED: m.workforce_sex_undisclosed
	},
	education: {
		POST_SECONDARY: m.workforce_education_post_secondary,
		NO_POST_SECONDARY: m.workforce_education_no_post_secondary
	},
	credential: {
		LICENSED_CERTIFIED: m.workforce_credential_both,
		LICENSED: m.workforce_credential_licensed,
		CERTIFIED: m.workforce_credential_certified,
		NEITHER: m.workforce_credential_neither
	}
};

/** The label of a code in a dimension (cadre, sector, sex, education, credential); "not recorded" for null. */
export function workforceLabel(dimension: string, code: string | null): string {
	if (code === null) return m.ind_not_recorded();
	return LABELS[dimension]?.[code]?.() ?? code;
}

/** The order groups are shown in: the codes' own order, unknown ones after, "not recorded" last. */
export function codeOrder(dimension: string): string[] {
	return Object.keys(LABELS[dimension] ?? {});
}
