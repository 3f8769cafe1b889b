// A cycle's verdict as pages show it (the licence page, the learner's CPD page): each entry's content area and activity
// type in words, the credits earned per area (against the rule's minimums) and per type (against the rule's caps and
// rates), and the supervision entries named by their session. Snapshots of cycles decided earlier lack `type` and
// `earned.types`, and may name the content area `self-directed` (the self-study activity type now): they still read.
import { m } from '$lib/paraglide/messages';
import { activityTypeLabel } from '$lib/labels';
import { ACTIVITY_TYPES } from '$lib/cpd-types';
import { formatDay } from '$lib/dates';

export interface VerdictEntryView {
	id: string;
	counted: number;
	category: string;
	type?: string;
}
export interface VerdictView {
	required: { total: number; categories: Record<string, number> };
	earned: { total: number; categories: Record<string, number>; types?: Record<string, number> };
	entries: VerdictEntryView[];
}
/** the rule's caps (share of the total) and rates (credits per hour) per activity type; absent in older snapshots */
export type TypeRule = { activityCaps?: Record<string, number> | null; activityRates?: Record<string, number> | null };
/** a supervision session behind a derived entry (licensing/supervision-entries.ts) */
export type SessionRef = { id: string; kind: 'received' | 'given'; date: string; minutes: number };

const LEGACY_AREA = 'self-directed';

/** The activity type of an entry: an old snapshot's `self-directed` area is the self-study type; else none recorded. */
export const entryType = (e: VerdictEntryView): string | null =>
	e.type ?? (e.category === LEGACY_AREA ? 'self-study' : null);

/** An activity type in words, or "not recorded". */
export const typeLabel = (t: string | null) => (t ? activityTypeLabel(t) : m.verdict_not_recorded());

/** A content area in words: the framework's title, the self-study label for the old `self-directed`, never its id. */
export function areaLabel(titles: Map<string, string>, id: string): string {
	const title = titles.get(id);
	if (title) return title;
	if (id === LEGACY_AREA) return activityTypeLabel('self-study');
	const words = id.replace(/[-_]+/g, ' ').trim();
	return words ? words[0].toUpperCase() + words.slice(1) : m.verdict_not_recorded();
}

/** "Supervision received — 10 Mar 2026, 60 min" / "Field instruction given — …", for a derived entry. */
export const sessionTitle = (s: SessionRef) =>
	(s.kind === 'received' ? m.verdict_supervision_received : m.verdict_field_instruction)({
		date: formatDay(s.date),
		minutes: s.minutes
	});

const round = (n: number) => Math.round(n * 100) / 100;

/** Credits per content area: every area with a minimum or credits, with what it needs. */
export function areaRows(v: VerdictView, titles: Map<string, string>) {
	const ids = [...new Set([...Object.keys(v.required.categories), ...Object.keys(v.earned.categories)])];
	return ids.map((id) => {
		const earned = v.earned.categories[id] ?? 0;
		const required = v.required.categories[id];
		return {
			id,
			label: areaLabel(titles, id),
			earned,
			required: required ?? null,
			text: required === undefined ? m.verdict_earned({ earned }) : m.verdict_area_minimum({ earned, required }),
			short: required !== undefined && earned < required
		};
	});
}

/** Credits earned per activity type; snapshots without `earned.types` sum the counted credits of their entries. */
export function earnedTypes(v: VerdictView): Record<string, number> {
	if (v.earned.types) return v.earned.types;
	const summed: Record<string, number> = {};
	for (const e of v.entries) {
		const t = entryType(e);
		if (t && e.counted) summed[t] = round((summed[t] ?? 0) + e.counted);
	}
	return summed;
}

/**
 * Credits per activity type: each type the rule caps or rates, or an entry has, with what it earned, its cap in credits
 * (the share of the required total) and its rate per hour. Without `earned.types` (older snapshots) the counted
 * credits of the entries are summed.
 */
export function typeRows(v: VerdictView, rule: TypeRule | null) {
	const caps = rule?.activityCaps ?? {};
	const rates = rule?.activityRates ?? {};
	const earnedOf = earnedTypes(v);
	const listed = v.entries.map(entryType).filter((t): t is string => t !== null);
	const present = new Set([...Object.keys(caps), ...Object.keys(rates), ...listed, ...Object.keys(earnedOf)]);
	const known = ACTIVITY_TYPES as readonly string[];
	const ids = [...known.filter((t) => present.has(t)), ...[...present].filter((t) => !known.includes(t))];
	return ids.map((id) => {
		const cap = caps[id] === undefined ? null : Math.floor(v.required.total * 100 * caps[id]) / 100;
		const rate = rates[id] ?? null;
		const supervision = id === 'supervision-received' || id === 'field-instruction';
		const notes: string[] = [];
		if (cap !== null) notes.push(m.verdict_type_cap({ cap }));
		if (rate !== null) notes.push(m.verdict_type_rate({ rate }));
		else if (supervision) notes.push(m.verdict_type_no_rate());
		return { id, label: activityTypeLabel(id), earned: earnedOf[id] ?? 0, cap, rate, notes };
	});
}
