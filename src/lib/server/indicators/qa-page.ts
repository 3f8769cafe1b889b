// What the 3.a.1 page shows: the jurisdictions this person reads or scores, the chosen one, its reporting period (from
// `?period=`, else the report's `?year=`, else the last complete calendar year), the period's scorecard, the totals
// of every period scored (the trend) and who scores it. The rule of who scores is access.ts; the scores, qa.ts.
import { db, replica } from '../db';
import type { SessionUser } from '../auth/session';
import { dayIn } from '$lib/calendar-day';
import { DomainError, Forbidden } from '../errors';
import { readableJurisdictions, scoredJurisdictions } from './access';
import { MAX_YEAR, MIN_YEAR } from './filters';
import { qaComposite } from './maths';
import { parseYear } from './population';
import { scorecard } from './qa';
import { m } from '$lib/paraglide/messages';

/** The jurisdictions of the page: those whose indicators this person reads and those whose 3.a.1 they score. */
async function qaJurisdictions(user: SessionUser) {
	const [readable, scored] = [readableJurisdictions(user), await scoredJurisdictions(db, user)];
	if (readable !== null && !readable.length && !scored.length) throw new Forbidden(m.error_forbidden());
	const list = await db.jurisdiction.findMany({
		where: readable === null ? {} : { id: { in: [...readable, ...scored] } },
		orderBy: { name: 'asc' },
		select: { id: true, code: true, name: true, timeZone: true, qaScorer: true, qaScorerOrganisationId: true }
	});
	return { list, scored };
}

/** The period a URL asks for; a bad one gets a message and the default. */
export function qaPeriod(params: URLSearchParams, timeZone: string, now = new Date()) {
	const typed = (params.get('period') ?? '').trim().slice(0, 16) || (params.get('year') ?? '').trim().slice(0, 16);
	const lastYear = +dayIn(now, timeZone).slice(0, 4) - 1;
	const year = typed ? parseYear(typed) : lastYear;
	return {
		period: year ?? lastYear,
		value: typed || String(lastYear),
		errors: year === null ? { period: m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR }) } : {}
	};
}

/** Each period scored, oldest first, with its total and band (a total only when all four criteria are scored). */
async function periodTotals(jurisdictionId: string) {
	const rows = await replica.qaScore.findMany({
		where: { jurisdictionId },
		select: { period: true, criterion: true, score: true },
		orderBy: [{ period: 'asc' }, { criterion: 'asc' }]
	});
	const byPeriod = new Map<number, (number | null)[]>();
	for (const r of rows) {
		const scores = byPeriod.get(r.period) ?? [null, null, null, null];
		scores[r.criterion - 1] = r.score;
		byPeriod.set(r.period, scores);
	}
	return [...byPeriod].map(([period, scores]) => ({ period, ...qaComposite(scores) }));
}

export async function qaPage(user: SessionUser, params: URLSearchParams, now = new Date()) {
	const { list, scored } = await qaJurisdictions(user);
	const code = (params.get('jurisdiction') ?? '').slice(0, 64);
	const j = code ? list.find((x) => x.code === code) : list[0];
	if (!j) throw new DomainError(m.not_found(), 404);
	const q = qaPeriod(params, j.timeZone, now);
	const [card, periods, partner] = await Promise.all([
		scorecard(j.id, q.period),
		periodTotals(j.id),
		j.qaScorer === 'PARTNER' && j.qaScorerOrganisationId
			? db.organisation.findUnique({ where: { id: j.qaScorerOrganisationId }, select: { name: true } })
			: null
	]);
	return {
		jurisdictions: list.map((x) => ({ code: x.code, name: x.name })),
		jurisdiction: { code: j.code, name: j.name },
		period: q.period,
		values: { period: q.value },
		errors: q.errors as Record<string, string>,
		card,
		periods,
		scorer: { kind: j.qaScorer, partner: partner?.name ?? null },
		canScore: scored.includes(j.id)
	};
}

/** Refuses (403) anyone who scores no jurisdiction's 3.a.1: the forms' guard, before anything is read. */
export async function assertScoresAny(user: SessionUser) {
	if (!(await scoredJurisdictions(db, user)).length) throw new Forbidden(m.error_forbidden());
}
