// The four 3.a.1 criteria (seed 002, DOMAIN-FACTS §6.2) and the composite bands, in the reader's language.
import { m } from '$lib/paraglide/messages';

const TITLE: Record<number, () => string> = { 1: m.qa_c1_title, 2: m.qa_c2_title, 3: m.qa_c3_title, 4: m.qa_c4_title };
const TEXT: Record<number, () => string> = { 1: m.qa_c1_text, 2: m.qa_c2_text, 3: m.qa_c3_text, 4: m.qa_c4_text };
const BAND: Record<string, () => string> = {
	'well-developed': m.qa_band_well,
	'mid-level': m.qa_band_mid,
	early: m.qa_band_early,
	none: m.qa_band_none
};

export const criterionTitle = (n: number) => TITLE[n]?.() ?? `C${n}`;
export const criterionText = (n: number) => TEXT[n]?.() ?? '';
export const bandLabel = (band: string) => BAND[band]?.() ?? band;

/** Who scores a jurisdiction's 3.a.1 (jurisdictions.qa_scorer), with the partner's name when one is chosen. */
export function scorerLabel(kind: string, partner: string | null): string {
	if (kind === 'MINISTRY') return m.qas_is_ministry();
	if (kind === 'PARTNER') return partner ? m.qas_is_partner({ name: partner }) : m.qas_is_partner_none();
	return m.qas_is_regulator();
}
