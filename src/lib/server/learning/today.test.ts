// The learner's time zone and "attempts made today" are database functions (migration …_learner_rules) called by the
// module page's statement and by the application's own lookups alike; this checks both paths against the rule
// worked out in TypeScript (dayIn), for learners of several jurisdictions, around their local midnight.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { findModule } from '../content';
import { dayIn } from '$lib/calendar-day';
import { ensureVersion } from './versions';
import { learnerContext } from './learner';
import { attemptsToday } from './attempts';
import { progressFragment, type ProgressRow } from './progress';
import { createSession, validateSessionToken } from '../auth/session';
import { makeOrg, makeUser } from '../../../../tests/helpers/db';
import { randomUUID } from 'node:crypto';

const MODULE = 'care-gatekeeping';

async function jurisdiction(timeZone: string) {
	const code = `T${randomUUID().slice(0, 6)}`;
	return db.jurisdiction.create({ data: { code, name: `Zone ${code}`, timeZone } });
}

async function worker(userId: string, jurisdictionId: string) {
	await db.workerProfile.create({
		data: { userId, jurisdictionId, givenName: 'L', familyName: randomUUID().slice(0, 6) }
	});
}

describe("a learner's time zone and today's attempts", () => {
	it('are the same read with the session, read alone and worked out in TypeScript, around local midnight', async () => {
		const auckland = await jurisdiction('Pacific/Auckland'); // UTC+13 in December
		const losAngeles = await jurisdiction('America/Los_Angeles'); // UTC−8 in December
		const laOrg = await makeOrg(losAngeles.id);
		const version = await ensureVersion(findModule(MODULE)!);

		const learners = [
			// the workforce record's jurisdiction
			{ user: await makeUser([{ role: 'LEARNER' }]), worker: auckland.id, zone: 'Pacific/Auckland', offsetH: 13 },
			// else the first membership's, here through its organisation
			{
				user: await makeUser([{ role: 'LEARNER', organisationId: laOrg.id }]),
				zone: 'America/Los_Angeles',
				offsetH: -8
			},
			// the workforce record wins over a membership elsewhere
			{
				user: await makeUser([{ role: 'LEARNER', organisationId: laOrg.id }]),
				worker: auckland.id,
				zone: 'Pacific/Auckland',
				offsetH: 13
			},
			// none at all: UTC
			{ user: await makeUser([{ role: 'LEARNER' }]), zone: 'UTC', offsetH: 0 }
		];

		for (const l of learners) {
			if (l.worker) await worker(l.user.id, l.worker);
			expect((await learnerContext(l.user.id)).timeZone).toBe(l.zone);
			// local wall-clock time → the instant, for this zone's December offset
			const local = (iso: string) => new Date(new Date(`${iso}Z`).getTime() - l.offsetH * 3_600_000);
			const submitted = [local('2026-12-09T23:59:00'), local('2026-12-10T00:01:00'), local('2026-12-10T12:00:00')];
			expect(submitted.map((d) => dayIn(d, l.zone))).toEqual(['2026-12-09', '2026-12-10', '2026-12-10']);
			await db.assessmentAttempt.createMany({
				data: submitted.map((at) => ({
					userId: l.user.id,
					moduleId: MODULE,
					moduleVersionId: version.id,
					questionIds: [],
					startedAt: new Date(at.getTime() - 60_000),
					submittedAt: at
				}))
			});
			await db.assessmentAttempt.create({
				data: { userId: l.user.id, moduleId: MODULE, moduleVersionId: version.id, questionIds: [] } // open: never counts
			});
			const { token } = await createSession(l.user.id);

			for (const now of [local('2026-12-09T23:59:30'), local('2026-12-10T00:00:30'), local('2026-12-10T23:59:59')]) {
				const expected = submitted.filter((s) => dayIn(s, l.zone) === dayIn(now, l.zone)).length;
				const alone = await attemptsToday(l.user.id, MODULE, (await learnerContext(l.user.id)).timeZone, now);
				const session = await validateSessionToken(token, now, {
					name: 'module-progress',
					fragment: progressFragment(MODULE)
				});
				expect({ zone: l.zone, now, alone, withSession: (session?.extra as ProgressRow).used }).toEqual({
					zone: l.zone,
					now,
					alone: expected,
					withSession: expected
				});
			}
		}
	});
});
