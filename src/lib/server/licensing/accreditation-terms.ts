// Accreditation by terms (issue 22): a regulator accredits a module as it stands — its notional study time, its
// competencies and its pass mark (authoring/terms.ts). A new version with the same terms is covered by the
// accreditation in force; one with other terms waits for the regulator, while the accreditation of the earlier terms
// goes on covering the completions of the earlier version. The pure reading first, then the database.
import type { Db } from '../db';
import { db } from '../db';
import { getContent } from '../content';
import { parseTerms, termsCover, termsOf } from '../authoring/terms';
import { inForceOn, type Period } from './accreditation-periods';
import { jurisdictionToday } from './licences';
import { membersWith, noticeSubject, notify } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { asLocale } from '$lib/labels';
import { fromDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

export type TermsPeriod = Period & { terms: string | null };

/**
 * A module's accreditation against its current terms on `day`: the period in force that covers them (`covering`), or,
 * when none does, the period in force of earlier terms (`waiting`: the new version waits for the regulator).
 */
export function termsState<T extends TermsPeriod>(periods: readonly T[], current: string, day: CalendarDay) {
	const covering = inForceOn(
		periods.filter((p) => termsCover(p.terms, current)),
		day
	);
	const waiting = covering
		? null
		: inForceOn(
				periods.filter((p) => !termsCover(p.terms, current)),
				day
			);
	return { covering, waiting };
}

/** The periods a change is planned on: those of the current terms, and those recorded before terms were kept. */
export const ofCurrentTerms = <T extends { terms: string | null }>(rows: T[], current: string) =>
	rows.filter((r) => r.terms === null || r.terms === current);

export interface TermsChange {
	minutes: { from: number; to: number } | null;
	competencies: { added: string[]; removed: string[] } | null;
	passMark: { from: number; to: number } | null;
}

/** What changed from the accredited terms to the current ones (each part null when unchanged or unreadable). */
export function termsChange(accredited: string | null, current: string): TermsChange {
	const a = accredited ? parseTerms(accredited) : null;
	const b = parseTerms(current);
	if (!a || !b) return { minutes: null, competencies: null, passMark: null };
	const added = b.competencies.filter((c) => !a.competencies.includes(c));
	const removed = a.competencies.filter((c) => !b.competencies.includes(c));
	return {
		minutes: a.minutes === b.minutes ? null : { from: a.minutes, to: b.minutes },
		competencies: added.length || removed.length ? { added, removed } : null,
		passMark: a.passMark === b.passMark ? null : { from: a.passMark, to: b.passMark }
	};
}

const asPeriod = (a: { accreditedOn: Date; validTo: Date | null; terms: string | null }): TermsPeriod => ({
	from: fromDate(a.accreditedOn),
	to: a.validTo ? fromDate(a.validTo) : null,
	terms: a.terms
});

/** The published modules of a jurisdiction whose current version waits for its accreditation (the regulator's home). */
export async function modulesAwaitingAccreditation(jurisdictionId: string): Promise<number> {
	const [today, rows] = await Promise.all([
		jurisdictionToday(jurisdictionId),
		db.moduleAccreditation.findMany({
			where: { jurisdictionId },
			select: { moduleId: true, accreditedOn: true, validTo: true, terms: true }
		})
	]);
	return getContent().modules.filter((mod) => {
		if (mod.draft) return false;
		const mine = rows.filter((r) => r.moduleId === mod.id).map(asPeriod);
		return mine.length > 0 && !!termsState(mine, termsOf(mod), today).waiting;
	}).length;
}

/**
 * A version of `moduleId` with new terms `terms` (pass them: without, any accreditation of recorded terms waits) was published: the regulators of each jurisdiction where an
 * accreditation of the module is in force and does not cover those terms get a notice that it waits for them (one
 * open notice per jurisdiction and module, cleared when they accredit it). Returns the jurisdictions told.
 */
export async function noticeNewTerms(tx: Db, moduleId: string, title: string, terms?: string): Promise<string[]> {
	const rows = await tx.moduleAccreditation.findMany({
		where: { moduleId },
		select: { jurisdictionId: true, accreditedOn: true, validTo: true, terms: true }
	});
	const told: string[] = [];
	for (const jurisdictionId of new Set(rows.map((r) => r.jurisdictionId))) {
		const mine = rows.filter((r) => r.jurisdictionId === jurisdictionId).map(asPeriod);
		// without the new terms: every accreditation in force waits, but one recorded before terms (it covers all)
		if (!termsState(mine, terms ?? '?', await jurisdictionToday(jurisdictionId)).waiting) continue;
		told.push(jurisdictionId);
		for (const person of await membersWith(tx, 'REGULATOR', { jurisdictionId })) {
			const locale = asLocale(person.locale);
			await notify(
				tx,
				person,
				{
					kind: 'accreditation-new-terms',
					subject: noticeSubject.accreditationTerms(jurisdictionId, moduleId),
					title: m.accreditation_terms_notice_title({}, { locale }),
					body: m.accreditation_terms_notice_body({ title }, { locale }),
					link: `/regulator/accreditation#m-${moduleId}`
				},
				publicOrigin()
			);
		}
	}
	return told;
}
