import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { rulesFor } from './assignments';
import { saveSupervisionSettings, supervisionSettingsPage, supervisionSettingsSchema } from './settings';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

const form = (over: Record<string, string | undefined> = {}) =>
	supervisionSettingsSchema.safeParse({
		ratioDedicated: '10',
		ratioOther: '6',
		minYearsExperience: '3',
		requireRegistration: 'on',
		requireCourse: 'on',
		gapWeeks: '8',
		gapWeeksFirstYear: '4',
		basedOn: '0',
		...over
	});
const errorsOf = (over: Record<string, string | undefined>) => {
	const r = form(over);
	return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

async function setting() {
	const j = await makeJurisdiction();
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
	return { j, regulator, admin };
}

describe('supervision settings', () => {
	it('refuses zero ratios, negative years, non-numbers and a first-year gap above the other, beside each field', () => {
		expect(errorsOf({ ratioOther: '0' }).ratioOther).toMatch(/whole number from 1 to 100/);
		expect(errorsOf({ minYearsExperience: '-1' }).minYearsExperience).toMatch(/from 0 to 50/);
		expect(errorsOf({ gapWeeks: 'eight' }).gapWeeks).toBe('Enter a number.');
		expect(errorsOf({ gapWeeksFirstYear: '10' }).gapWeeksFirstYear).toMatch(/first year/);
		expect(form({ requireCourse: undefined }).data?.requireCourse).toBe(false);
	});

	it('a regulator saves a new version; assignment checks read it; the history says who and what changed', async () => {
		const { j, regulator, admin } = await setting();
		await saveSupervisionSettings(regulator, undefined, form({ ratioOther: '2' }).data!);
		await saveSupervisionSettings(
			admin,
			j.code,
			form({ ratioOther: '2', requireCourse: undefined, basedOn: '1' }).data!
		);
		expect(await rulesFor(j.id)).toMatchObject({ ratioOther: 2, requireCourse: false, version: 2 });
		const page = await supervisionSettingsPage(j.id);
		expect(page.history.map((h) => h.version)).toEqual([2, 1, 0]);
		expect(page.history[0].changes).toEqual([{ field: 'requireCourse', from: true, to: false }]);
		expect(page.history[1].changes).toEqual([{ field: 'ratioOther', from: 6, to: 2 }]);
		expect(await db.auditEvent.count({ where: { subjectId: j.id, action: 'supervision.settings_saved' } })).toBe(2);
	});

	it('a regulator or administrator of another jurisdiction, and a stale save, change nothing', async () => {
		const { j, regulator } = await setting();
		const other = await setting();
		await expect(saveSupervisionSettings(other.regulator, j.code, form().data!)).rejects.toBeInstanceOf(Forbidden);
		await expect(saveSupervisionSettings(other.admin, j.code, form({ ratioOther: '3' }).data!)).rejects.toBeInstanceOf(
			Forbidden
		);
		await saveSupervisionSettings(regulator, undefined, form({ ratioOther: '3' }).data!);
		await expect(saveSupervisionSettings(regulator, undefined, form({ ratioOther: '4' }).data!)).rejects.toMatchObject({
			status: 409
		});
		expect((await rulesFor(j.id)).ratioOther).toBe(3);
		expect(await db.supervisionSettingsVersion.count({ where: { jurisdictionId: j.id } })).toBe(2);
	});
});
