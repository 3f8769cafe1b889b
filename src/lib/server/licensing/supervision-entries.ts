// Verdict entries that are not cpd_entries rows: supervision received (`session-<uuid>`) and field instruction given
// (`instruction-<uuid>`), derived from confirmed supervision sessions by compliance-data.ts. Whatever reads cpd_entries
// by a verdict's ids reads `ledgerIds` (a derived id is no uuid: PostgreSQL would refuse the whole query), and a page
// names the derived ones from `sessionsOf` — the session's date and minutes, never its id.
import { db, type Db } from '../db';
import type { CycleState } from './compliance-data';
import { fromDate, type CalendarDay } from '$lib/calendar-day';

import { DERIVED_ID as DERIVED } from '../cpd/supervision-entries';

export interface SupervisionRef {
	/** the verdict entry's id */
	id: string;
	kind: 'received' | 'given';
	date: CalendarDay;
	minutes: number;
}

/** The ids of a verdict that are cpd_entries rows. */
export const ledgerIds = (ids: string[]) => ids.filter((id) => !DERIVED.test(id));

/** The supervision sessions behind a verdict's derived entries, in one query (a session no longer there is left out). */
export async function sessionsOf(from: Db, ids: string[]): Promise<SupervisionRef[]> {
	const wanted = ids.flatMap((id) => {
		const match = DERIVED.exec(id);
		return match
			? [{ id, kind: match[1] === 'session' ? ('received' as const) : ('given' as const), uuid: match[2] }]
			: [];
	});
	if (!wanted.length) return [];
	const rows = await from.supervisionSession.findMany({
		where: { id: { in: [...new Set(wanted.map((w) => w.uuid))] } },
		select: { id: true, date: true, minutes: true }
	});
	const byId = new Map(rows.map((r) => [r.id, r]));
	return wanted.flatMap((w) => {
		const s = byId.get(w.uuid);
		return s ? [{ id: w.id, kind: w.kind, date: fromDate(s.date), minutes: s.minutes }] : [];
	});
}

/**
 * What a page needs beside each verdict: the sessions behind its supervision entries (a decided cycle's snapshot keeps
 * them; else one query for all the verdicts) and the caps and rates per activity type it was computed under.
 */
export async function verdictContexts(states: CycleState[]) {
	const live = states.filter((s) => !s.decided?.snapshot.sessions).flatMap((s) => s.verdict.entries.map((e) => e.id));
	const found = new Map((await sessionsOf(db, live)).map((r) => [r.id, r]));
	return states.map((s) => {
		const snapshot = s.decided?.snapshot;
		const rule = snapshot?.rule ?? s.rule;
		return {
			supervision: snapshot?.sessions ?? s.verdict.entries.flatMap((e) => (found.has(e.id) ? [found.get(e.id)!] : [])),
			typeRule: { activityCaps: rule.activityCaps ?? {}, activityRates: rule.activityRates ?? {} }
		};
	});
}
