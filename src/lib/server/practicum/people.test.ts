import { describe, expect, it } from 'vitest';
import { peopleToSuggest } from './people';
import { db } from '../db';
import { makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { signedPlacement } from '../../../../tests/helpers/practicum';

const named = async (name: string, ...args: Parameters<typeof makeUser>) => {
	const u = await makeUser(...args);
	return db.user.update({ where: { id: u.id }, data: { name } });
};

describe('the people a coordinator may pick by name', () => {
	it("offers the learners and supervisors of her university's jurisdiction by name, never another jurisdiction's", async () => {
		const a = await signedPlacement({ sign: false });
		const b = await signedPlacement({ sign: false });
		const agencyA = await makeOrg(a.j.id, 'NGO');
		const learnerA = await named('Grace Mwangi', [{ role: 'LEARNER', jurisdictionId: a.j.id }]);
		const supervisorA = await named('Peter Otieno', [{ role: 'SUPERVISOR', organisationId: agencyA.id }]);
		const learnerB = await named('Brigitte Kamau', [{ role: 'LEARNER', jurisdictionId: b.j.id }]);
		const unverifiedA = await named('Una Verified', [{ role: 'LEARNER', jurisdictionId: a.j.id }], false);
		const providerA = await named('Paul Provider', [{ role: 'PROVIDER', jurisdictionId: a.j.id }]);

		const got = await peopleToSuggest(a.coordinator);
		const addresses = got.map((p) => p.value);
		expect(got).toContainEqual({ value: learnerA.email, label: 'Grace Mwangi' });
		expect(got).toContainEqual({ value: supervisorA.email, label: 'Peter Otieno' });
		expect(addresses).toEqual(expect.arrayContaining([a.student.email, a.supervisor.email]));
		for (const outsider of [learnerB, unverifiedA, providerA, b.student, b.supervisor, a.coordinator])
			expect(addresses).not.toContain(outsider.email);
		expect(got.map((p) => p.label)).toEqual([...got.map((p) => p.label)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));

		const gotB = (await peopleToSuggest(b.coordinator)).map((p) => p.value);
		expect(gotB).toContain(learnerB.email);
		expect(gotB).not.toContain(learnerA.email);
		expect(gotB).not.toContain(a.student.email);
	});

	it('offers the people of earlier placements even when their role lies elsewhere; disabled accounts never', async () => {
		const a = await signedPlacement({ sign: false });
		const elsewhere = await signedPlacement({ sign: false });
		// the student of A's placement now holds roles only in another jurisdiction: still one of A's people
		await db.membership.deleteMany({ where: { userId: a.student.id } });
		await db.membership.create({
			data: { userId: a.student.id, role: 'LEARNER', jurisdictionId: elsewhere.j.id, scopeKey: `jur:${elsewhere.j.id}` }
		});
		await db.user.update({ where: { id: a.supervisor.id }, data: { disabledAt: new Date() } });
		const addresses = (await peopleToSuggest(a.coordinator)).map((p) => p.value);
		expect(addresses).toContain(a.student.email);
		expect(addresses).not.toContain(a.supervisor.email);
	});

	it('offers nobody to someone who coordinates no university', async () => {
		const a = await signedPlacement({ sign: false });
		expect(await peopleToSuggest(a.student)).toEqual([]);
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: a.j.id }])).id);
		expect(await peopleToSuggest(learner)).toEqual([]);
	});

	it('stops at the limit', async () => {
		const a = await signedPlacement({ sign: false });
		expect(await peopleToSuggest(a.coordinator, 1)).toHaveLength(1);
	});
});
