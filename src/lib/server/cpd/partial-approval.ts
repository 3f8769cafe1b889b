// Partial approval of an external CPD claim: the reviewer may approve fewer credits than claimed, or another
// category, with a reason. The claim itself is evidence and never changes; what was approved is stored beside it,
// null meaning "as claimed" — so an approval as claimed stores nothing new and every reader can
// `coalesce(approved, claimed)`.
import { DomainError, type FieldErrors } from '../errors';
import { m } from '$lib/paraglide/messages';
import { localFramework } from '../content';
import type { Locale } from '$lib/paraglide/runtime';

export type Claim = { credits: number; category: string };
/** What the reviewer typed: an empty field means "as claimed". */
export type Changes = { credits?: number; category?: string; reason?: string };
export type Approval = { approvedCredits: number | null; approvedCategory: string | null; reason: string | null };

/** Exactly two decimals or fewer, without the float noise of `n * 100` (1.1 * 100 = 110.00000000000001). */
const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
/** Credits compared in hundredths, as the database stores them (decimal(6, 2)). */
const cents = (n: number) => Math.round(n * 100);

/**
 * The approval to store, or a DomainError with a message beside each field at fault (nothing is stored then).
 * `categories` is the list the claim form offers.
 */
export function approvalOf(claim: Claim, changes: Changes, categories: readonly string[]): Approval {
	const errors: FieldErrors = {};
	const credits = changes.credits ?? claim.credits;
	const category = changes.category ?? claim.category;
	if (!Number.isFinite(credits)) errors.credits = m.field_number();
	else if (credits <= 0) errors.credits = m.partial_credits_positive();
	else if (!twoDecimals(credits)) errors.credits = m.partial_two_decimals();
	else if (cents(credits) > cents(claim.credits)) errors.credits = m.partial_at_most({ count: claim.credits });
	if (!categories.includes(category)) errors.category = m.field_choose();
	const lessCredits = !errors.credits && cents(credits) !== cents(claim.credits);
	const otherCategory = !errors.category && category !== claim.category;
	const reason = changes.reason?.trim() || null;
	if ((lessCredits || otherCategory) && !reason) errors.reason = m.partial_reason_required();
	if (Object.keys(errors).length) throw new DomainError(Object.values(errors)[0], 400, errors);
	return {
		approvedCredits: lessCredits ? cents(credits) / 100 : null,
		approvedCategory: otherCategory ? category : null,
		reason
	};
}

/** Whether an approval differs from the claim (then the worker is told what was approved, and why). */
export const changed = (a: Pick<Approval, 'approvedCredits' | 'approvedCategory'>) =>
	a.approvedCredits !== null || a.approvedCategory !== null;

/** "2 of 3 credits approved, in Ethics": the same words as the worker's CPD page. */
export function approvedLine(
	claimed: number,
	a: Pick<Approval, 'approvedCredits' | 'approvedCategory'>,
	locale: Locale
) {
	const category = a.approvedCategory
		? (localFramework(locale).categories.find((c) => c.id === a.approvedCategory)?.title ?? a.approvedCategory)
		: '';
	if (a.approvedCredits === null) return m.partial_line_category({ category }, { locale });
	const counts = { approved: a.approvedCredits, claimed };
	return a.approvedCategory
		? m.partial_line_credits_category({ ...counts, category }, { locale })
		: m.partial_line_credits(counts, { locale });
}
