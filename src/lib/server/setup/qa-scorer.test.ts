import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { qaScorerSchema, qaScorerSetting, setQaScorer } from './qa-scorer';
import { homeFor } from '../home';

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

	it("a partner's members are told it is their work, and their home shows the scoring with its link", async () => {
		const j = await makeJurisdiction();
		const ngo = await makeOrg(j.id, 'NGO');
		const member = await makeUser([{ role: 'COORDINATOR', organisationId: ngo.id }]);
		const outsider = await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }]);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
		expect((await homeFor(await sessionUserOf(member.id))).qaScorer).toBeUndefined(); // the regulator scores, not them
		await setQaScorer(admin, j.id, parse({ scorer: 'PARTNER', partner: ngo.code }));
		const notices = await db.notification.findMany({ where: { userId: member.id, kind: 'qa-scorer' } });
		expect(notices).toHaveLength(1);
		expect(notices[0].link).toBe(`/reports/indicators/qa?jurisdiction=${encodeURIComponent(j.code)}`);
		expect(await db.notification.count({ where: { userId: outsider.id, kind: 'qa-scorer' } })).toBe(0);
		const home = (await homeFor(await sessionUserOf(member.id))).qaScorer!;
		expect(home.jurisdictions).toEqual([{ code: j.code, name: j.name, period: expect.any(Number), scored: 0, of: 4 }]);
		// the same choice again tells no one twice
		await setQaScorer(admin, j.id, parse({ scorer: 'PARTNER', partner: ngo.code }));
		expect(await db.notification.count({ where: { userId: member.id, kind: 'qa-scorer' } })).toBe(1);
	});
});
