// What a regulator's accreditation of a module rests on (issue 22): its notional study time, the competencies it
// teaches and its pass mark. A new version with the same terms is covered by the accreditations of the one before;
// one with other terms waits for the regulator. Written out readably (not hashed) so an audit can read it.
import type { Module } from '../content/types';

export type TermsSource = Pick<Module, 'minutes' | 'competencies'> & {
	assessment: Pick<Module['assessment'], 'passMark'>;
};

/** "minutes=30;competencies=A,B;pass=70": the competencies sorted, so their order in the file does not matter. */
export function termsOf(mod: TermsSource): string {
	return `minutes=${mod.minutes};competencies=${[...mod.competencies].sort().join(',')};pass=${mod.assessment.passMark}`;
}

/** The terms read back (for a page that says what changed between two versions). */
export function parseTerms(terms: string): { minutes: number; competencies: string[]; passMark: number } | null {
	const m = /^minutes=(\d+);competencies=([^;]*);pass=(\d+)$/.exec(terms);
	if (!m) return null;
	return { minutes: Number(m[1]), competencies: m[2] ? m[2].split(',') : [], passMark: Number(m[3]) };
}

/** Does an accreditation recorded with `accredited` terms cover a completion of a version with `version` terms? An
 *  accreditation recorded before terms were kept (null) covers every version; a completion recorded before versions
 *  kept their terms (null) is covered by any. */
export function termsCover(accredited: string | null | undefined, version: string | null | undefined): boolean {
	return !accredited || !version || accredited === version;
}
