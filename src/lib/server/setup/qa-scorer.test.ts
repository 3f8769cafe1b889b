import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { qaScorerSchema, qaScorerSetting, setQaScorer } from './qa-scorer';

const parse = (v: Record<string, string>) => qaScorerSchema.parse(v);
const stored = (id: string) =>
	db.jurisdiction.findUniqueOrThrow({ where: { id }, select: { qaScorer: true, qaScorerOrganisationId: true } });

describe('who scores indicator 3.a.1', () => {
	it("the jurisdiction's administrator or a global one chooses; a partner must be one of the jurisdiction's organisations; each change audited", async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		const [ngo, foreign] = await Promise.all([makeOrg(j.id, 'NGO'), makeOrg(other.id, 'NGO')]);
		const jurAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
		const global = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		expect(await stored(j.id)).toEqual({ qaScorer: 'REGULATOR', qaScorerOrganisationId: null });

		await expect(setQaScorer(jurAdmin, j.id, parse({ scorer: 'PARTNER' }))).rejects.toMatchObject({
			status: 400,
			fields: { partner: expect.any(String) }
		});
		// an organisation of another jurisdiction is unknown here
		await expect(
			setQaScorer(jurAdmin, j.id, parse({ scorer: 'PARTNER', partner: foreign.code }))
		).rejects.toMatchObject({ status: 400, fields: { partner: expect.any(String) } });
		expect(await stored(j.id)).toEqual({ qaScorer: 'REGULATOR', qaScorerOrganisationId: null });

		expect(await setQaScorer(jurAdmin, j.id, parse({ scorer: 'PARTNER', partner: ngo.code }))).toEqual({
			changed: true
		});
		expect(await stored(j.id)).toEqual({ qaScorer: 'PARTNER', qaScorerOrganisationId: ngo.id });
		expect(await qaScorerSetting(j.id)).toMatchObject({ scorer: 'PARTNER', partner: { code: ngo.code } });
		expect(await setQaScorer(global, j.id, parse({ scorer: 'PARTNER', partner: ngo.code }))).toEqual({
			changed: false
		});
		// another choice keeps no partner
		expect(await setQaScorer(global, j.id, parse({ scorer: 'MINISTRY', partner: ngo.code }))).toEqual({
			changed: true
		});
		expect(await stored(j.id)).toEqual({ qaScorer: 'MINISTRY', qaScorerOrganisationId: null });

		const events = await db.auditEvent.findMany({
			where: { jurisdictionId: j.id, action: 'jurisdiction.qa_scorer' },
			orderBy: { at: 'asc' }
		});
		expect(events.map((e) => (e.data as { scorer: string[] }).scorer)).toEqual([
			['REGULATOR', 'PARTNER'],
			['PARTNER', 'MINISTRY']
		]);
	});

	it("another jurisdiction's administrator and a regulator are refused; nothing changes", async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		for (const grant of [
			{ role: 'ADMIN' as const, jurisdictionId: other.id },
			{ role: 'REGULATOR' as const, jurisdictionId: j.id }
		]) {
			const user = await sessionUserOf((await makeUser([grant])).id);
			await expect(setQaScorer(user, j.id, parse({ scorer: 'MINISTRY' }))).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await stored(j.id)).toEqual({ qaScorer: 'REGULATOR', qaScorerOrganisationId: null });
	});

	it('the form refuses an unknown choice beside its field', () => {
		const r = qaScorerSchema.safeParse({ scorer: 'NOBODY' });
		expect(r.success ? [] : r.error.issues.map((i) => i.path[0])).toEqual(['scorer']);
		expect(qaScorerSchema.safeParse({ scorer: 'PARTNER', partner: 'a\u0000' }).success).toBe(false);
	});
});
