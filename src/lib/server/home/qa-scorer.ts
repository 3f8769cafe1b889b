// The 3.a.1 scorer's part of the home (issue 20's assignment): the jurisdictions whose quality-assurance criteria this
// person scores — as a regulator, a ministry analyst or a member of the partner organisation the jurisdiction chose —
// each with how many of the four criteria are scored for the period the QA page opens on (the last complete year).
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { scoredJurisdictions } from '../indicators/access';
import { qaPeriod } from '../indicators/qa-page';
import { CRITERIA } from '../indicators/qa';

export interface QaScorerHome {
	jurisdictions: { code: string; name: string; period: number; scored: number; of: number }[];
}

export async function qaScorerHome(user: SessionUser, now = new Date()): Promise<QaScorerHome | null> {
	const ids = await scoredJurisdictions(db, user);
	if (!ids.length) return null;
	const list = await db.jurisdiction.findMany({
		where: { id: { in: ids } },
		select: { id: true, code: true, name: true, timeZone: true },
		orderBy: { name: 'asc' }
	});
	const periods = new Map(list.map((j) => [j.id, qaPeriod(new URLSearchParams(), j.timeZone, now).period]));
	const scored = await db.qaScore.groupBy({
		by: ['jurisdictionId', 'period'],
		where: { OR: list.map((j) => ({ jurisdictionId: j.id, period: periods.get(j.id)! })) },
		_count: { _all: true }
	});
	return {
		jurisdictions: list.map((j) => ({
			code: j.code,
			name: j.name,
			period: periods.get(j.id)!,
			scored: scored.find((s) => s.jurisdictionId === j.id && s.period === periods.get(j.id))?._count._all ?? 0,
			of: CRITERIA.length
		}))
	};
}
