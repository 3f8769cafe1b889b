import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError, Forbidden } from '../errors';
import { logHours, settingsFor } from './hours';
import { recordOutcome } from './placements';
import { practicumSettingsPage, practicumSettingsSchema, savePracticumSettings } from './settings';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { knownDay } from '$lib/calendar-day';

const form = (over: Record<string, string> = {}) =>
	practicumSettingsSchema.safeParse({
		hourStep: '0.25',
		maxPerEntry: '8',
		maxPerDay: '10',
		staleDays: '14',
		basedOn: '0',
		...over
	});
const errorsOf = (over: Record<string, string>) => {
	const r = form(over);
	return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('practicum settings: the form', () => {
	it('refuses negative, zero, non-numbers and a cap per entry above the cap per day, each beside its field', () => {
		expect(errorsOf({ hourStep: '0' }).hourStep).toMatch(/from 0.05 to 4/);
		expect(errorsOf({ maxPerDay: '-3' }).maxPerDay).toMatch(/from 0.25 to 24/);
		expect(errorsOf({ staleDays: 'soon' }).staleDays).toBe('Enter a number.');
		expect(errorsOf({ staleDays: '2.5' }).staleDays).toMatch(/whole number/);
		expect(errorsOf({ maxPerEntry: '' }).maxPerEntry).toBe('This field is required.');
		expect(errorsOf({ maxPerEntry: '12', maxPerDay: '10' }).maxPerEntry).toMatch(
			/cannot be more than the most hours in one day/
		);
		expect(errorsOf({ hourStep: '0.333' }).hourStep).toMatch(/two decimals/);
		expect(errorsOf({ hourStep: '1,5' }).hourStep).toBe('Enter a number.');
		expect(form({ hourStep: '0.5' }).data?.hourStep).toBe(0.5);
	});
});

describe('practicum settings: versions', () => {
	it('new universities start with a daily cap of 12 hours', async () => {
		const p = await signedPlacement();
		expect(await settingsFor(p.uni.id)).toEqual({ hourStep: 0.25, maxPerEntry: 12, maxPerDay: 12, staleDays: 14 });
	});

	it('each save is a new version with an audit event; hours logging reads the latest; the history says what changed', async () => {
		const p = await signedPlacement();
		await savePracticumSettings(p.coordinator, undefined, form({ maxPerDay: '10' }).data!);
		await savePracticumSettings(
			p.coordinator,
			undefined,
			form({ maxPerDay: '9', basedOn: '1', reason: 'Agency hours' }).data!
		);
		expect((await settingsFor(p.uni.id)).maxPerDay).toBe(9);
		const e = await logHours(p.student, p.placement.id, {
			date: knownDay('2026-03-02'),
			hours: 8,
			activity: 'Home visits',
			competencies: ['CORE.CASE_MANAGEMENT']
		});
		expect(e.id).toBeTruthy();
		const over = await logHours(p.student, p.placement.id, {
			date: knownDay('2026-03-02'),
			hours: 1.5,
			activity: 'Case notes',
			competencies: ['CORE.CASE_MANAGEMENT']
		}).catch((x) => x);
		expect(over.fields.hours).toMatch(/at most 1 more hours/);
		const page = await practicumSettingsPage(p.uni.id);
		expect(page.version).toBe(2);
		expect(page.history.map((h) => h.version)).toEqual([2, 1, 0]);
		expect(page.history[0]).toMatchObject({
			reason: 'Agency hours',
			changes: [{ field: 'maxPerDay', from: 10, to: 9 }]
		});
		expect(page.history[1].changes).toEqual([
			{ field: 'maxPerEntry', from: 12, to: 8 },
			{ field: 'maxPerDay', from: 12, to: 10 }
		]);
		expect(page.history[0].by).toBe((await db.user.findUniqueOrThrow({ where: { id: p.coordinator.id } })).name);
		expect(await db.auditEvent.count({ where: { subjectId: p.uni.id, action: 'practicum.settings_saved' } })).toBe(2);
	});

	it('a save from an old version, an unchanged save and someone else changes nothing', async () => {
		const p = await signedPlacement();
		await savePracticumSettings(p.coordinator, undefined, form().data!);
		await expect(
			savePracticumSettings(p.coordinator, undefined, form({ maxPerDay: '11' }).data!)
		).rejects.toMatchObject({
			status: 409
		});
		await expect(savePracticumSettings(p.coordinator, undefined, form({ basedOn: '1' }).data!)).rejects.toBeInstanceOf(
			DomainError
		);
		await expect(
			savePracticumSettings(p.student, p.uni.id, form({ basedOn: '1', maxPerDay: '11' }).data!)
		).rejects.toBeInstanceOf(Forbidden);
		const otherUni = await makeOrg(p.j.id, 'UNIVERSITY');
		await expect(savePracticumSettings(p.coordinator, otherUni.id, form().data!)).rejects.toBeInstanceOf(Forbidden);
		expect(await db.practicumSettingsVersion.count({ where: { organisationId: p.uni.id } })).toBe(2);
		expect((await settingsFor(p.uni.id)).maxPerDay).toBe(10);
	});

	it("the jurisdiction's administrator may edit a university's settings; one of another jurisdiction may not", async () => {
		const p = await signedPlacement();
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: p.j.id }])).id);
		await savePracticumSettings(admin, p.uni.id, form().data!);
		const elsewhere = await signedPlacement();
		const otherAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: elsewhere.j.id }])).id);
		await expect(
			savePracticumSettings(otherAdmin, p.uni.id, form({ basedOn: '1', staleDays: '7' }).data!)
		).rejects.toBeInstanceOf(Forbidden);
		expect((await practicumSettingsPage(p.uni.id)).version).toBe(1);
	});

	it('two saves from the same version at once: one new version, the other told', async () => {
		const p = await signedPlacement();
		const results = await Promise.allSettled(
			['9', '10', '11'].map((d) => savePracticumSettings(p.coordinator, undefined, form({ maxPerDay: d }).data!))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await db.practicumSettingsVersion.count({ where: { organisationId: p.uni.id } })).toBe(2);
	});
});

describe('the practicum outcome gate', () => {
	it('PASS is refused without the hours and the final evaluation, nothing changes; FAIL and INCOMPLETE are recorded', async () => {
		const p = await signedPlacement();
		const e = await recordOutcome(p.coordinator, p.placement.id, 'PASS').catch((x) => x);
		expect(e).toBeInstanceOf(DomainError);
		expect(e.fields.outcome).toBe('0 of 400 required hours are approved. The final evaluation is not submitted yet.');
		expect(await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).toMatchObject({
			outcome: null,
			status: 'ACTIVE'
		});
		expect(await db.auditEvent.count({ where: { subjectId: p.placement.id, action: 'practicum.outcome' } })).toBe(0);
		await recordOutcome(p.coordinator, p.placement.id, 'INCOMPLETE');
		expect((await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).outcome).toBe('INCOMPLETE');
		await recordOutcome(p.coordinator, p.placement.id, 'FAIL');
		expect((await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).status).toBe('COMPLETED');
	});

	it('PASS is recorded once the required hours are approved and the final evaluation submitted', async () => {
		const p = await signedPlacement();
		await db.placement.update({ where: { id: p.placement.id }, data: { requiredHours: 8 } });
		const e = await logHours(p.student, p.placement.id, {
			date: knownDay('2026-03-02'),
			hours: 8,
			activity: 'Home visits',
			competencies: ['CORE.CASE_MANAGEMENT']
		});
		await db.practicumLog.update({ where: { id: e.id }, data: { status: 'APPROVED' } });
		const refused = await recordOutcome(p.coordinator, p.placement.id, 'PASS').catch((x) => x);
		expect(refused.fields.outcome).toBe('The final evaluation is not submitted yet.');
		await db.practicumEvaluation.create({
			data: { placementId: p.placement.id, kind: 'FINAL', ratings: {}, submittedById: p.supervisor.id }
		});
		await recordOutcome(p.coordinator, p.placement.id, 'PASS');
		expect((await db.placement.findUniqueOrThrow({ where: { id: p.placement.id } })).outcome).toBe('PASS');
	});
});
