// Issue 15 item 10: the "add participants" form reports which typed addresses and IDs have no record, so the entries
// one person may look up are limited per hour and a refused list is audited; each entry is still reported on its own.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { createProgramme, type ProgrammeInput } from './programmes';
import { addParticipants, createEvent, MAX_PARTICIPANT_ENTRIES } from './events';
import { PARTICIPANT_LOOKUPS } from '../auth/rate-limit';
import { knownDay as fromDay } from '$lib/calendar-day';

const programme: ProgrammeInput = {
	code: 'P1',
	title: 'Event course',
	description: undefined,
	track: undefined,
	requiresEvent: true,
	deliveredOutside: false,
	contactHours: null,
	minPracticumHours: null,
	minSupervisionHours: null,
	validityMonths: 12,
	childVictims: true,
	childProtection: true,
	supportingPartnerId: null,
	autoIssue: false,
	modules: [],
	competencies: []
};

async function eventOfNewProvider() {
	const j = await makeJurisdiction();
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	await db.providerAccreditation.create({
		data: { jurisdictionId: j.id, organisationId: provider.id, accreditedOn: day('2025-01-01') }
	});
	const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	const p = await createProgramme(admin, provider.id, {
		...programme,
		code: `TH${Math.random().toString(36).slice(2, 7)}`
	});
	const ev = await createEvent(admin, p.id, {
		title: 'Course',
		mode: 'IN_PERSON',
		venue: 'Hall',
		startsOn: fromDay('2026-06-01'),
		endsOn: fromDay('2026-06-02'),
		weekdaysOnly: false,
		facilitators: []
	});
	return { j, admin, ev };
}

const unknownIds = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `NW-${tag}-${i}`).join('\n');

describe('looking up participants is throttled per person and audited', () => {
	it('refuses the list past the hourly budget (429, nothing added, audited), then allows it an hour later', async () => {
		const { admin, ev } = await eventOfNewProvider();
		const t0 = new Date();
		const full = Math.min(MAX_PARTICIPANT_ENTRIES, PARTICIPANT_LOOKUPS.limit);
		let looked = 0;
		let round = 0;
		while (looked + full <= PARTICIPANT_LOOKUPS.limit) {
			const r = await addParticipants(admin, ev.id, { text: unknownIds(`r${round++}`, full) }, t0);
			expect(r.refused).toHaveLength(full); // each unknown entry still reported on its own
			looked += full;
		}
		const over = PARTICIPANT_LOOKUPS.limit - looked + 1;
		const e = await addParticipants(admin, ev.id, { text: unknownIds('over', over) }, t0).catch((x) => x);
		expect(e).toMatchObject({ status: 429, fields: { entries: expect.stringMatching(/at most/) } });
		const throttled = await db.auditEvent.findMany({
			where: { action: 'event.participants_throttled', actorId: admin.id }
		});
		expect(throttled).toHaveLength(1);
		expect(throttled[0]).toMatchObject({ subjectId: ev.id, data: { entries: over } });
		// every list looked up is audited with the count of refused entries
		const added = await db.auditEvent.findMany({ where: { action: 'event.participants_added', actorId: admin.id } });
		expect(added.map((a) => (a.data as { refused: number }).refused)).toEqual(Array(round).fill(full));
		// another person is not affected; the same person can go on an hour later
		const other = await eventOfNewProvider();
		expect((await addParticipants(other.admin, other.ev.id, { text: 'NW-x' }, t0)).refused).toHaveLength(1);
		const later = new Date(t0.getTime() + 61 * 60_000);
		expect((await addParticipants(admin, ev.id, { text: unknownIds('later', over) }, later)).refused).toHaveLength(
			over
		);
	});

	it('choosing people from the register is not counted', async () => {
		const { j, admin, ev } = await eventOfNewProvider();
		const w = await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'A', familyName: 'B' } });
		expect((await addParticipants(admin, ev.id, { workerIds: [w.id] })).added).toBe(1);
		expect(await db.rateLimit.count({ where: { key: `participants:user:${admin.id}` } })).toBe(0);
	});
});
