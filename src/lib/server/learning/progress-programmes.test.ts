import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { findModule } from '../content';
import { moduleProgress } from './progress';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';

const MODULE = 'care-gatekeeping';

describe('module progress: the certificates the module counts towards', () => {
	it("lists the learner's programmes that require the module, with the score each needs", async () => {
		const [mine, other] = await Promise.all([makeJurisdiction(), makeJurisdiction()]);
		const org = await makeOrg(mine.id, 'TRAINING_PROVIDER');
		const otherOrg = await makeOrg(other.id, 'TRAINING_PROVIDER');
		const author = await makeUser();
		const programme = (jurisdictionId: string, providerId: string, title: string, extra = {}) =>
			db.programme.create({
				data: {
					jurisdictionId,
					providerId,
					code: `P-${randomUUID().slice(0, 6)}`,
					title,
					createdById: author.id,
					...extra,
					modules: { create: [{ moduleId: MODULE, minScore: 90 }] }
				}
			});
		await programme(mine.id, org.id, 'Gatekeeping practice');
		await programme(mine.id, org.id, 'Archived one', { archivedAt: new Date() });
		await programme(other.id, otherOrg.id, 'Elsewhere');
		const learner = await makeUser([{ role: 'LEARNER', jurisdictionId: mine.id }]);
		const stranger = await makeUser([{ role: 'LEARNER', jurisdictionId: other.id }]);

		const mod = findModule(MODULE)!;
		expect((await moduleProgress(learner.id, mod)).programmes).toEqual([
			{ title: 'Gatekeeping practice', minScore: 90 }
		]);
		expect((await moduleProgress(stranger.id, mod)).programmes).toEqual([{ title: 'Elsewhere', minScore: 90 }]);
		expect((await moduleProgress((await makeUser()).id, mod)).programmes).toEqual([]);
	});
});
