import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { descriptorSchema, saveDescriptors, scoreCriterion, scorecard, scoreSchema } from './qa';
import { qaPage } from './qa-page';
import { canScoreQa } from './access';
import { reportContext } from './context';
import { qaScorerSchema, setQaScorer } from '../setup/qa-scorer';
import type { Role } from '../generated/prisma/enums';

async function people() {
	const j = await makeJurisdiction();
	const other = await makeJurisdiction();
	const [ministry, partner, otherOrg, elsewhereMinistry] = await Promise.all([
		makeOrg(j.id, 'MINISTRY'),
		makeOrg(j.id, 'NGO'),
		makeOrg(j.id, 'NGO'),
		makeOrg(other.id, 'MINISTRY')
	]);
	const as = async (role: Role, scope: { jurisdictionId?: string; organisationId?: string } = {}) =>
		sessionUserOf((await makeUser([{ role, ...scope }])).id);
	return {
		j,
		other,
		ministry,
		partner,
		otherOrg,
		regulator: await as('REGULATOR', { jurisdictionId: j.id }),
		analyst: await as('ANALYST', { jurisdictionId: j.id }),
		ministryAnalyst: await as('ANALYST', { organisationId: ministry.id }),
		elsewhereAnalyst: await as('ANALYST', { organisationId: elsewhereMinistry.id }),
		partnerMember: await as('PROVIDER', { organisationId: partner.id }),
		otherOrgMember: await as('PROVIDER', { organisationId: otherOrg.id }),
		stranger: await as('REGULATOR', { jurisdictionId: other.id }),
		learner: await as('LEARNER', { jurisdictionId: j.id }),
		admin: await as('ADMIN')
	};
}

const score = (criterion: number, value: number, justification = 'The framework was adopted in 2024', period = 2025) =>
	scoreSchema.parse({
		period: String(period),
		criterion: String(criterion),
		score: String(value),
		justification,
		evidence: 'https://example.org/act'
	});

const assign = async (admin: Awaited<ReturnType<typeof people>>['admin'], jurisdictionId: string, v: object) =>
	setQaScorer(admin, jurisdictionId, qaScorerSchema.parse(v));

describe('3.a.1 scorecard', () => {
	it('the regulator scores the four criteria of a period: the total and band appear only when all four are scored; every change is audited', async () => {
		const p = await people();
		for (const [c, v] of [
			[1, 4],
			[2, 4],
			[3, 3]
		] as const)
			await scoreCriterion(p.regulator, p.j.id, score(c, v));
		expect(await scorecard(p.j.id, 2025)).toMatchObject({ period: 2025, total: null, band: null, scored: 3 });
		await scoreCriterion(p.regulator, p.j.id, score(4, 2));
		const card = await scorecard(p.j.id, 2025);
		expect(card).toMatchObject({ total: 13, band: 'well-developed', scored: 4 });
		expect(card.criteria[0]).toMatchObject({
			criterion: 1,
			score: 4,
			justification: 'The framework was adopted in 2024',
			evidence: 'https://example.org/act',
			scoredBy: 'Test Person'
		});
		// a plain object: what a published report stores comes back the same from JSON
		expect(JSON.parse(JSON.stringify(card))).toEqual(card);
		await scoreCriterion(p.regulator, p.j.id, score(4, 1, 'The HRIS pilot stopped'));
		expect(await scorecard(p.j.id, 2025)).toMatchObject({ total: 12, band: 'mid-level' });
		const events = await db.auditEvent.findMany({ where: { jurisdictionId: p.j.id, action: 'qa.scored' } });
		const seen = events.map((e) => {
			const d = e.data as { period: number; score: number; previous: number | null };
			return [e.subjectId, d.period, d.score, d.previous];
		});
		expect(seen.sort()).toEqual([
			['2025-C1', 2025, 4, null],
			['2025-C2', 2025, 4, null],
			['2025-C3', 2025, 3, null],
			['2025-C4', 2025, 1, 2],
			['2025-C4', 2025, 2, null]
		]);
	});

	it("periods are kept apart: scoring 2026 never changes 2025's scores", async () => {
		const p = await people();
		for (const c of [1, 2, 3, 4]) await scoreCriterion(p.regulator, p.j.id, score(c, 2, 'Early days', 2025));
		const before = await scorecard(p.j.id, 2025);
		await scoreCriterion(p.regulator, p.j.id, score(1, 4, 'The Act passed', 2026));
		expect(await scorecard(p.j.id, 2025)).toEqual(before);
		expect(before).toMatchObject({ total: 8, band: 'early' });
		const next = await scorecard(p.j.id, 2026);
		expect(next).toMatchObject({ period: 2026, scored: 1, total: null });
		expect(next.criteria[0]).toMatchObject({ score: 4, justification: 'The Act passed' });
		expect(next.criteria[1]).toMatchObject({ score: null, justification: '', scoredBy: null });
		expect(await db.qaScore.count({ where: { jurisdictionId: p.j.id } })).toBe(5);
		// the page lists each period's total, oldest first
		const page = await qaPage(p.regulator, new URLSearchParams({ jurisdiction: p.j.code, period: '2026' }));
		expect(page.periods).toEqual([
			{ period: 2025, total: 8, band: 'early', scored: 4 },
			{ period: 2026, total: null, band: null, scored: 1 }
		]);
	});

	it('a bad period is refused with a message beside the field, and nothing is saved', () => {
		for (const bad of ['1899', '3000', '25', 'abcd', '2025.5', '']) {
			const r = scoreSchema.safeParse({ period: bad, criterion: '1', score: '3', justification: 'ok' });
			expect(r.success).toBe(false);
			expect(r.error!.issues.map((i) => i.path[0])).toEqual(['period']);
			expect(r.error!.issues[0].message).toMatch(/1900.*2999/);
		}
		expect(scoreSchema.safeParse({ criterion: '1', score: '3', justification: 'ok' }).success).toBe(false);
		expect(scoreSchema.parse({ period: ' 1900 ', criterion: '1', score: '3', justification: 'ok' }).period).toBe(1900);
	});

	it('the page takes the period from ?period=, else the report year, else the last complete year; a bad one gets a message', async () => {
		const p = await people();
		const page = (q: Record<string, string>) =>
			qaPage(p.analyst, new URLSearchParams({ jurisdiction: p.j.code, ...q }), new Date('2026-03-10T12:00:00Z'));
		expect((await page({})).period).toBe(2025);
		expect((await page({ year: '2023' })).period).toBe(2023);
		expect((await page({ year: '2023', period: '2022' })).period).toBe(2022);
		const bad = await page({ period: '20x5' });
		expect(bad).toMatchObject({ period: 2025, values: { period: '20x5' } });
		expect(bad.errors.period).toMatch(/1900/);
		expect((await page({})).canScore).toBe(false);
	});

	it('each scorer role may score only when the jurisdiction assigns it', async () => {
		const p = await people();
		const may = async () => ({
			regulator: await canScoreQa(db, p.regulator, p.j.id),
			ministry: await canScoreQa(db, p.ministryAnalyst, p.j.id),
			partner: await canScoreQa(db, p.partnerMember, p.j.id)
		});
		expect(await may()).toEqual({ regulator: true, ministry: false, partner: false });
		await expect(scoreCriterion(p.ministryAnalyst, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);
		await expect(scoreCriterion(p.partnerMember, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);

		await assign(p.admin, p.j.id, { scorer: 'MINISTRY' });
		expect(await may()).toEqual({ regulator: false, ministry: true, partner: false });
		await scoreCriterion(p.ministryAnalyst, p.j.id, score(1, 3, 'Ministry view'));
		await expect(scoreCriterion(p.regulator, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);
		// an analyst of the jurisdiction who is not in a ministry organisation, or of another country's ministry
		for (const user of [p.analyst, p.elsewhereAnalyst])
			await expect(scoreCriterion(user, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);

		await assign(p.admin, p.j.id, { scorer: 'PARTNER', partner: p.partner.code });
		expect(await may()).toEqual({ regulator: false, ministry: false, partner: true });
		await scoreCriterion(p.partnerMember, p.j.id, score(2, 2, 'Partner view'));
		await saveDescriptors(p.partnerMember, p.j.id, descriptorSchema.parse({ criterion: '2', stage1: 'None' }));
		// a member of another organisation of the same jurisdiction is refused
		await expect(scoreCriterion(p.otherOrgMember, p.j.id, score(2, 4))).rejects.toBeInstanceOf(Forbidden);
		await expect(scoreCriterion(p.ministryAnalyst, p.j.id, score(2, 4))).rejects.toBeInstanceOf(Forbidden);

		const card = await scorecard(p.j.id, 2025);
		expect(card.criteria.slice(0, 2).map((c) => [c.score, c.justification])).toEqual([
			[3, 'Ministry view'],
			[2, 'Partner view']
		]);
		// the partner reaches the page of the jurisdiction it scores, and may score there; another member may not
		const page = await qaPage(p.partnerMember, new URLSearchParams());
		expect(page).toMatchObject({ jurisdiction: { code: p.j.code }, canScore: true });
		expect(page.scorer).toEqual({ kind: 'PARTNER', partner: p.partner.name });
		await expect(qaPage(p.otherOrgMember, new URLSearchParams())).rejects.toBeInstanceOf(Forbidden);
	});

	it("analysts, admins and other jurisdictions' regulators cannot score or edit descriptors; nothing changes", async () => {
		const p = await people();
		await scoreCriterion(p.regulator, p.j.id, score(1, 3));
		const before = await scorecard(p.j.id, 2025);
		for (const user of [p.analyst, p.admin, p.stranger, p.learner, p.partnerMember]) {
			await expect(scoreCriterion(user, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);
			await expect(
				saveDescriptors(user, p.j.id, descriptorSchema.parse({ criterion: '1', stage1: 'Invented' }))
			).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await scorecard(p.j.id, 2025)).toEqual(before);
		expect(await db.auditEvent.count({ where: { jurisdictionId: p.j.id, action: { startsWith: 'qa.' } } })).toBe(1);
	});

	it('a score needs 1–4 and a justification; evidence is optional but bounded', () => {
		const bad = (over: Record<string, string>) => {
			const r = scoreSchema.safeParse({ period: '2025', criterion: '2', score: '3', justification: 'ok', ...over });
			return r.success ? [] : r.error.issues.map((i) => String(i.path[0])).sort();
		};
		expect(bad({})).toEqual([]);
		expect(bad({ score: '5' })).toEqual(['score']);
		expect(bad({ score: '' })).toEqual(['score']);
		expect(bad({ criterion: '7' })).toEqual(['criterion']);
		expect(bad({ justification: '   ' })).toEqual(['justification']);
		expect(bad({ evidence: 'x'.repeat(4001) })).toEqual(['evidence']);
		expect(bad({ evidence: 'a\u0000b' })).toEqual(['evidence']);
	});

	it('the jurisdiction enters its own stage descriptors; an empty one is removed', async () => {
		const p = await people();
		await saveDescriptors(
			p.regulator,
			p.j.id,
			descriptorSchema.parse({ criterion: '3', stage1: 'No licensing law', stage4: 'Licensing enforced nation-wide' })
		);
		expect((await scorecard(p.j.id, 2025)).criteria[2].descriptors).toEqual([
			'No licensing law',
			'',
			'',
			'Licensing enforced nation-wide'
		]);
		await saveDescriptors(
			p.regulator,
			p.j.id,
			descriptorSchema.parse({ criterion: '3', stage4: 'Licensing enforced' })
		);
		expect((await scorecard(p.j.id, 2025)).criteria[2].descriptors).toEqual(['', '', '', 'Licensing enforced']);
		expect(await db.auditEvent.count({ where: { jurisdictionId: p.j.id, action: 'qa.descriptors' } })).toBe(2);
	});

	it("who reads which jurisdiction: a learner gets 403, another jurisdiction's regulator 404, an admin any", async () => {
		const p = await people();
		await expect(reportContext(p.learner, p.j.code)).rejects.toMatchObject({ status: 403 });
		await expect(reportContext(p.stranger, p.j.code)).rejects.toMatchObject({ status: 404 });
		expect((await reportContext(p.stranger, null)).jurisdiction.code).toBe(p.other.code);
		expect((await reportContext(p.analyst, p.j.code)).jurisdiction.id).toBe(p.j.id);
		// an analyst of a ministry organisation reads that organisation's jurisdiction
		expect((await reportContext(p.ministryAnalyst, null)).jurisdiction.id).toBe(p.j.id);
		expect((await reportContext(p.admin, p.other.code)).jurisdiction.id).toBe(p.other.id);
		await expect(reportContext(p.admin, 'NO-SUCH-CODE')).rejects.toMatchObject({ status: 404 });
		await expect(qaPage(p.stranger, new URLSearchParams({ jurisdiction: p.j.code }))).rejects.toMatchObject({
			status: 404
		});
	});
});
