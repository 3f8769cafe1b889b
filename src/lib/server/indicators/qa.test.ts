import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { descriptorSchema, saveDescriptors, scoreCriterion, scorecard, scoreSchema } from './qa';
import { reportContext } from './context';

async function people() {
	const j = await makeJurisdiction();
	const other = await makeJurisdiction();
	const as = async (role: 'REGULATOR' | 'ANALYST' | 'LEARNER' | 'ADMIN', jurisdictionId?: string) =>
		sessionUserOf((await makeUser([{ role, jurisdictionId }])).id);
	return {
		j,
		other,
		regulator: await as('REGULATOR', j.id),
		analyst: await as('ANALYST', j.id),
		stranger: await as('REGULATOR', other.id),
		learner: await as('LEARNER', j.id),
		admin: await as('ADMIN')
	};
}

const score = (criterion: number, value: number, justification = 'The framework was adopted in 2024') =>
	scoreSchema.parse({
		criterion: String(criterion),
		score: String(value),
		justification,
		evidence: 'https://example.org/act'
	});

describe('3.a.1 scorecard', () => {
	it('the regulator scores the four criteria: the total and band appear only when all four are scored; every change is audited', async () => {
		const p = await people();
		for (const [c, v] of [
			[1, 4],
			[2, 4],
			[3, 3]
		] as const)
			await scoreCriterion(p.regulator, p.j.id, score(c, v));
		expect(await scorecard(p.j.id)).toMatchObject({ total: null, band: null, scored: 3 });
		await scoreCriterion(p.regulator, p.j.id, score(4, 2));
		const card = await scorecard(p.j.id);
		expect(card).toMatchObject({ total: 13, band: 'well-developed', scored: 4 });
		expect(card.criteria[0]).toMatchObject({
			criterion: 1,
			score: 4,
			justification: 'The framework was adopted in 2024',
			evidence: 'https://example.org/act',
			scoredBy: 'Test Person'
		});
		await scoreCriterion(p.regulator, p.j.id, score(4, 1, 'The HRIS pilot stopped'));
		expect(await scorecard(p.j.id)).toMatchObject({ total: 12, band: 'mid-level' });
		const events = await db.auditEvent.findMany({ where: { jurisdictionId: p.j.id, action: 'qa.scored' } });
		const seen = events.map((e) => [
			e.subjectId,
			(e.data as { score: number }).score,
			(e.data as { previous: number | null }).previous
		]);
		expect(seen.sort()).toEqual([
			['C1', 4, null],
			['C2', 4, null],
			['C3', 3, null],
			['C4', 1, 2],
			['C4', 2, null]
		]);
	});

	it("analysts, admins and other jurisdictions' regulators cannot score or edit descriptors; nothing changes", async () => {
		const p = await people();
		await scoreCriterion(p.regulator, p.j.id, score(1, 3));
		const before = await scorecard(p.j.id);
		for (const user of [p.analyst, p.admin, p.stranger, p.learner]) {
			await expect(scoreCriterion(user, p.j.id, score(1, 1))).rejects.toBeInstanceOf(Forbidden);
			await expect(
				saveDescriptors(user, p.j.id, descriptorSchema.parse({ criterion: '1', stage1: 'Invented' }))
			).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await scorecard(p.j.id)).toEqual(before);
		expect(await db.auditEvent.count({ where: { jurisdictionId: p.j.id, action: { startsWith: 'qa.' } } })).toBe(1);
	});

	it('a score needs 1–4 and a justification; evidence is optional but bounded', () => {
		const bad = (over: Record<string, string>) => {
			const r = scoreSchema.safeParse({ criterion: '2', score: '3', justification: 'ok', ...over });
			return r.success ? [] : r.error.issues.map((i) => String(i.path[0])).sort();
		};
		expect(bad({})).toEqual([]);
		expect(bad({ score: '5' })).toEqual(['score']);
		expect(bad({ score: '' })).toEqual(['score']);
		expect(bad({ criterion: '7' })).toEqual(['criterion']);
		expect(bad({ justification: '   ' })).toEqual(['justification']);
		expect(bad({ evidence: 'x'.repeat(4001) })).toEqual(['evidence']);
	});

	it('the jurisdiction enters its own stage descriptors; an empty one is removed', async () => {
		const p = await people();
		await saveDescriptors(
			p.regulator,
			p.j.id,
			descriptorSchema.parse({ criterion: '3', stage1: 'No licensing law', stage4: 'Licensing enforced nation-wide' })
		);
		expect((await scorecard(p.j.id)).criteria[2].descriptors).toEqual([
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
		expect((await scorecard(p.j.id)).criteria[2].descriptors).toEqual(['', '', '', 'Licensing enforced']);
		expect(await db.auditEvent.count({ where: { jurisdictionId: p.j.id, action: 'qa.descriptors' } })).toBe(2);
	});

	it("who reads which jurisdiction: a learner gets 403, another jurisdiction's regulator 404, an admin any", async () => {
		const p = await people();
		await expect(reportContext(p.learner, p.j.code)).rejects.toMatchObject({ status: 403 });
		await expect(reportContext(p.stranger, p.j.code)).rejects.toMatchObject({ status: 404 });
		expect((await reportContext(p.stranger, null)).jurisdiction.code).toBe(p.other.code);
		expect((await reportContext(p.analyst, p.j.code)).jurisdiction.id).toBe(p.j.id);
		expect((await reportContext(p.admin, p.other.code)).jurisdiction.id).toBe(p.other.id);
		await expect(reportContext(p.admin, 'NO-SUCH-CODE')).rejects.toMatchObject({ status: 404 });
	});
});
