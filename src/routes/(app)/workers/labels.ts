// Labels the register shows that $lib/workforce-labels has not (yet): each education level, yes / no.
import { m } from '$lib/paraglide/messages';
import { workforceLabel } from '$lib/workforce-labels';

const EDUCATION: Record<string, () => string> = {
	NONE: m.workers_edu_none,
	SECONDARY: m.workers_edu_secondary,
	CERTIFICATE: m.workers_edu_certificate,
	DIPLOMA: m.workers_edu_diploma,
	BACHELOR: m.workers_edu_bachelor,
	MASTER: m.workers_edu_master,
	DOCTORATE: m.workers_edu_doctorate
};

/** A code's label, or "not recorded" for none. */
export function educationLabel(code: string | null): string {
	return code === null ? m.ind_not_recorded() : (EDUCATION[code]?.() ?? code);
}

export const yesNo = (v: boolean | null) => (v === null ? m.ind_not_recorded() : v ? m.workers_yes() : m.workers_no());

/** cadre, sector or sex, or "not recorded" */
export const label = (dimension: 'cadre' | 'sector' | 'sex', code: string | null) => workforceLabel(dimension, code);
