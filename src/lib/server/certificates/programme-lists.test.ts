import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { programmeActivity, providerProgrammes } from './programme-lists';

async function programme(
	jurisdictionId: string,
	providerId: string,
	createdById: string,
	title: string,
	archived = false
) {
	return db.programme.create({
		data: {
			jurisdictionId,
			providerId,
			createdById,
			code: `P-${Math.random().toString(36).slice(2, 10)}`,
			title,
			archivedAt: archived ? new Date() : null
		}
	});
}

describe("the provider's programme lists", () => {
	it("lists only these providers' programmes: current ones by title, then archived ones", async () => {
		const j = await makeJurisdiction();
		const mine = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const theirs = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const admin = await makeUser([{ role: 'PROVIDER', organisationId: mine.id }]);
		await programme(j.id, mine.id, admin.id, 'Zeta');
		await programme(j.id, mine.id, admin.id, 'Alpha', true);
		await programme(j.id, mine.id, admin.id, 'Beta');
		await programme(j.id, theirs.id, admin.id, 'Not mine');
		const list = await providerProgrammes([mine.id]);
		expect(list.map((p) => p.title)).toEqual(['Beta', 'Zeta', 'Alpha']);
		expect(list[0].provider.name).toBe(mine.name);
		expect(list[0]._count).toEqual({ certificates: 0, events: 0 });
	});

	it("gives a programme's events latest first with their participant counts, and no certificates yet", async () => {
		const j = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const admin = await makeUser([{ role: 'PROVIDER', organisationId: provider.id }]);
		const p = await programme(j.id, provider.id, admin.id, 'Course');
		const other = await programme(j.id, provider.id, admin.id, 'Other');
		const event = (programmeId: string, startsOn: string) =>
			db.trainingEvent.create({
				data: {
					programmeId,
					jurisdictionId: j.id,
					createdById: admin.id,
					title: `Event ${startsOn}`,
					mode: 'IN_PERSON',
					startsOn: day(startsOn),
					endsOn: day(startsOn),
					sessionDays: [day(startsOn)]
				}
			});
		await event(p.id, '2026-01-10');
		await event(p.id, '2026-03-10');
		await event(other.id, '2026-02-10');
		const activity = await programmeActivity(p.id);
		expect(activity.events.map((e) => e.title)).toEqual(['Event 2026-03-10', 'Event 2026-01-10']);
		expect(activity.events[0]._count.participants).toBe(0);
		expect(activity.certificates).toEqual([]);
		expect(activity.certificateCount).toBe(0);
	});
});
