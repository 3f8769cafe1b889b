// Who may export which modules: a provider's administrator its own provider's, a global administrator all, anyone
// else nothing (null: the route answers 403). Real database.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { getContent } from '../content';
import { exportableModules, packageFileName } from './module-packages';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

describe('exportableModules', () => {
	it('by provider slug; a global admin all; a learner none', async () => {
		const all = getContent().modules;
		const j = await makeJurisdiction();
		const academy =
			(await db.organisation.findUnique({ where: { slug: 'credo-academy' } })) ??
			(await db.organisation.create({
				data: {
					slug: 'credo-academy',
					code: 'credo-academy',
					name: 'Credo Academy',
					type: 'TRAINING_PROVIDER',
					jurisdictionId: j.id
				}
			}));
		const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const mine = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: academy.id }])).id);
		const elsewhere = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: other.id }])).id);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER', organisationId: academy.id }])).id);
		const jurAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);

		expect((await exportableModules(mine))!.map((m) => m.id)).toEqual(
			all.filter((m) => m.provider === 'credo-academy').map((m) => m.id)
		);
		expect(await exportableModules(elsewhere)).toEqual([]);
		expect((await exportableModules(admin))!.length).toBe(all.length);
		expect(await exportableModules(learner)).toBeNull();
		expect(await exportableModules(jurAdmin)).toBeNull();
	});

	it('names the file', () => {
		const [a, b] = getContent().modules;
		expect(packageFileName([a])).toBe(`${a.id}-${a.version}.zip`);
		expect(packageFileName([a, b], new Date('2026-05-01T00:00:00Z'))).toBe(
			'credo-modules-credo-academy-2026-05-01.zip'
		);
	});
});
