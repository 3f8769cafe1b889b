import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { makeJurisdiction, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';
import { adminHome } from './admin';
import { possibleDuplicates } from '../people/people-review';

describe("the administrator's home", () => {
	it("lists the jurisdiction's imports waiting, failed and recent, its open invitations and its possible duplicates", async () => {
		const j = await makeJurisdiction();
		const elsewhere = await makeJurisdiction();
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
		const job = (jurisdictionId: string, status: string, createdAt = new Date()) =>
			db.importJob.create({
				data: { kind: 'areas', jurisdictionId, status, createdById: admin.id, createdAt }
			});
		const ready = await job(j.id, 'ready');
		const failed = await job(j.id, 'failed');
		await job(j.id, 'refused', new Date(Date.now() - 60 * 86_400_000)); // too old to be listed as failed
		await job(elsewhere.id, 'ready'); // not this administrator's
		for (const [email, expiresAt] of [
			[uniqueEmail('open'), new Date(Date.now() + 86_400_000)],
			[uniqueEmail('expired'), new Date(Date.now() - 86_400_000)]
		] as const)
			await db.invitation.create({
				data: {
					tokenHash: randomUUID(),
					email,
					role: 'LEARNER',
					jurisdictionId: j.id,
					invitedById: admin.id,
					expiresAt
				}
			});
		for (let i = 0; i < 2; i++)
			await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'Same', familyName: 'Person' } });

		const home = await adminHome(admin);
		expect(home.global).toBe(false);
		expect(home.accounts).toBeNull();
		expect(home.imports.waiting.map((i) => i.id)).toEqual([ready.id]);
		expect(home.imports.failed.map((i) => i.id)).toEqual([failed.id]);
		expect(home.imports.recent).toHaveLength(3);
		expect(home.invitations).toBe(1);
		const total = (await possibleDuplicates(j.id)).total;
		expect(total).toBeGreaterThan(0);
		expect(home.duplicates).toEqual([{ code: j.code, name: j.name, total }]);
	});

	it('gives a global administrator the number of accounts the people page counts', async () => {
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		// other test files add accounts meanwhile: the home's count lies between a count before and one after
		const before = await db.user.count();
		const home = await adminHome(admin);
		const after = await db.user.count();
		expect(home.global).toBe(true);
		expect(home.accounts).toBeGreaterThanOrEqual(before);
		expect(home.accounts).toBeLessThanOrEqual(after);
	});
});
