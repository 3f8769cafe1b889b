import { describe, expect, it } from 'vitest';
import { db } from '../db';
import {
	addActivity,
	correctableEntry,
	decide,
	myEntries,
	readActivity,
	resubmitActivity,
	reviewQueue,
	today
} from './ledger';
import { DomainError, Forbidden } from '../errors';
import { addDays, parseDay } from '$lib/calendar-day';
import { day, licensedWorker, PDF } from '../../../../tests/helpers/licensing';
import { makeUser } from '../../../../tests/helpers/db';
import { m } from '$lib/paraglide/messages';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	return f;
};
const activity = (over: Record<string, string> = {}) =>
	form({
		title: 'Case conference',
		providerName: 'Guild',
		activityDate: '2026-01-10',
		credits: '2',
		category: 'ethics',
		activityType: 'in-person',
		...over
	});

describe('the CPD ledger as the worker sees it', () => {
	it("readActivity refuses a date after the worker's today, beside the date field", async () => {
		const w = await licensedWorker();
		const t = parseDay((await today(w.user.id)).today)!;
		const refused = await readActivity(w.user.id, activity({ activityDate: addDays(t, 1) })).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys((refused as DomainError).fields)).toContain('activityDate');
	});

	it('lists only the worker’s own entries, newest first; a pending external entry may be corrected, by them only', async () => {
		const w = await licensedWorker();
		const older = await addActivity(w.learner, await readActivity(w.user.id, activity()), pdf());
		const newer = await addActivity(
			w.learner,
			await readActivity(w.user.id, activity({ title: 'Later', activityDate: '2026-02-10' })),
			pdf()
		);
		const mine = await myEntries(w.user.id);
		expect(mine.map((e) => e.id)).toEqual([newer.id, older.id]);
		expect(await myEntries((await makeUser()).id)).toEqual([]);

		expect((await correctableEntry(w.user.id, older.id))?.id).toBe(older.id);
		const stranger = await makeUser();
		expect(await correctableEntry(stranger.id, older.id)).toBeNull();
		await db.cpdEntry.update({ where: { id: older.id }, data: { status: 'APPROVED' } });
		expect(await correctableEntry(w.user.id, older.id)).toBeNull(); // approved: no longer corrected
	});
});

describe('a claim says its content area, its activity type and the hours it took', () => {
	it('a claim with type and hours is stored; the worker’s list and the reviewer’s queue show them; a correction changes them', async () => {
		const w = await licensedWorker();
		const entry = await addActivity(
			w.learner,
			await readActivity(w.user.id, activity({ activityType: 'live-online', hours: '2,5' })),
			pdf()
		);
		const row = await db.cpdEntry.findUniqueOrThrow({ where: { id: entry.id } });
		expect([row.category, row.activityType, Number(row.hours)]).toEqual(['ethics', 'live-online', 2.5]);
		expect(await myEntries(w.user.id)).toMatchObject([
			{ id: entry.id, category: 'ethics', activityType: 'live-online', hours: 2.5 }
		]);
		const queued = (await reviewQueue(w.regulator)).find((e) => e.id === entry.id);
		expect(queued).toMatchObject({ category: 'ethics', activityType: 'live-online' });
		expect(Number(queued!.hours)).toBe(2.5);

		// hours are optional: corrected without them, the entry keeps none
		await resubmitActivity(
			w.learner,
			entry.id,
			await readActivity(w.user.id, activity({ activityType: 'self-study' })),
			null
		);
		const corrected = await db.cpdEntry.findUniqueOrThrow({ where: { id: entry.id } });
		expect([corrected.activityType, corrected.hours]).toEqual(['self-study', null]);
	});

	it.each([
		['hours', 'abc', m.field_hours()],
		['hours', '0', m.field_hours()],
		['hours', '-1', m.field_hours()],
		['hours', '1001', m.field_hours()],
		['hours', '1.234', m.field_hours()],
		['activityType', 'webinar', undefined],
		['activityType', 'supervision-received', undefined], // recorded from sessions, never claimed
		['activityType', 'field-instruction', undefined],
		['activityType', '', undefined]
	])('%s "%s" is refused beside the field and nothing is stored', async (field, value, message) => {
		const w = await licensedWorker();
		const refused = await readActivity(w.user.id, activity({ [field]: value }))
			.then((input) => addActivity(w.learner, input, pdf()))
			.catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		const fields = (refused as DomainError).fields;
		expect(Object.keys(fields)).toEqual([field]);
		if (message) expect(fields[field]).toBe(message);
		expect(await db.cpdEntry.count({ where: { userId: w.user.id } })).toBe(0);
	});

	it('a claim without an activity type is refused beside the field', async () => {
		const w = await licensedWorker();
		const f = activity();
		f.delete('activityType');
		const refused = await readActivity(w.user.id, f).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys((refused as DomainError).fields)).toEqual(['activityType']);
	});
});

function pdf() {
	return new File([PDF], 'certificate.pdf', { type: 'application/pdf' });
}

describe('nobody decides their own CPD claim', () => {
	it('a provider admin or regulator who claims CPD does not see the claim in the queue and is refused deciding it', async () => {
		const w = await licensedWorker();
		// the regulator and the provider admin are workers too: each claims CPD from the provider
		const claimants = [w.regulator, w.providerAdmin];
		for (const reviewer of claimants) {
			const own = await db.cpdEntry.create({
				data: {
					userId: reviewer.id,
					jurisdictionId: w.j.id,
					source: 'EXTERNAL',
					activityType: 'in-person',
					status: 'PENDING',
					title: 'Mine',
					providerOrgId: w.provider.id,
					activityDate: day('2026-01-10'),
					credits: 100,
					category: 'ethics'
				}
			});
			expect((await reviewQueue(reviewer)).map((e) => e.id)).not.toContain(own.id);
			const refused = await decide(
				reviewer,
				{ entryId: own.id, decision: 'approve', reason: undefined },
				'http://x'
			).catch((e) => e);
			expect(refused).toBeInstanceOf(Forbidden);
			expect((await db.cpdEntry.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('PENDING');
			// the other reviewer still sees and decides it
			const other = claimants.find((c) => c !== reviewer)!;
			expect((await reviewQueue(other)).map((e) => e.id)).toContain(own.id);
		}
	});
});
