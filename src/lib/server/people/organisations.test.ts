import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { organisationsOfType } from './organisations';
import { setLocale } from './accounts';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';

describe('organisations offered in forms', () => {
	it('lists only the organisations of the types asked for, by name', async () => {
		const j = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const ngo = await makeOrg(j.id, 'NGO');
		const uni = await makeOrg(j.id, 'UNIVERSITY');
		const providers = await organisationsOfType(['TRAINING_PROVIDER']);
		const ids = providers.map((o) => o.id);
		expect(ids).toContain(provider.id);
		expect(ids).not.toContain(ngo.id);
		expect(ids).not.toContain(uni.id);
		const named = (name: string) =>
			db.organisation.create({
				data: {
					slug: name.toLowerCase().replace(' ', '-'),
					code: name.toLowerCase().replace(' ', '-'),
					name,
					type: 'TRAINING_PROVIDER',
					jurisdictionId: j.id
				}
			});
		const [zeta, alpha] = [await named(`Zeta ${j.code}`), await named(`Alpha ${j.code}`)];
		const order = (await organisationsOfType(['TRAINING_PROVIDER'])).map((o) => o.id);
		expect(order.indexOf(alpha.id)).toBeLessThan(order.indexOf(zeta.id));
		const agencies = (await organisationsOfType(['GOVERNMENT_AGENCY', 'NGO'])).map((o) => o.id);
		expect(agencies).toContain(ngo.id);
		expect(agencies).not.toContain(provider.id);
	});
});

describe('the language kept with the account', () => {
	it('setLocale changes only that person', async () => {
		const [a, b] = [await makeUser(), await makeUser()];
		await setLocale(a.id, 'fr');
		expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).locale).toBe('fr');
		expect((await db.user.findUniqueOrThrow({ where: { id: b.id } })).locale).toBe('en');
	});
});
