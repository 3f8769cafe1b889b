// A jurisdiction's supervision settings, edited in the browser by its administrator or one of its regulators. As for
// practicum settings, every save is a new version (supervision_settings_versions) written in one transaction with the
// current row (supervision_settings) that assignment checks and the report read; a save made from an older version is
// refused.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { administers } from '../auth/scope';
import { flag, optionalText } from '../forms/fields';
import { changedFields, settingNumber, versionHistory } from '../practicum/settings';
import { m } from '$lib/paraglide/messages';

export const SUPERVISION_FIELDS = [
	'ratioDedicated',
	'ratioOther',
	'studentsCount',
	'minYearsExperience',
	'requireRegistration',
	'requireCourse',
	'gapWeeks',
	'gapWeeksFirstYear'
] as const;
export type SupervisionField = (typeof SUPERVISION_FIELDS)[number];
export type SupervisionValues = {
	ratioDedicated: number;
	ratioOther: number;
	studentsCount: boolean;
	minYearsExperience: number;
	requireRegistration: boolean;
	requireCourse: boolean;
	gapWeeks: number;
	gapWeeksFirstYear: number;
};

export const supervisionSettingsSchema = z
	.object({
		ratioDedicated: settingNumber(1, 100, true),
		ratioOther: settingNumber(1, 100, true),
		studentsCount: flag(),
		minYearsExperience: settingNumber(0, 50, true),
		requireRegistration: flag(),
		requireCourse: flag(),
		gapWeeks: settingNumber(1, 104, true),
		gapWeeksFirstYear: settingNumber(1, 104, true),
		reason: optionalText(500),
		basedOn: settingNumber(0, 1_000_000, true)
	})
	.refine((v) => v.gapWeeksFirstYear <= v.gapWeeks, {
		path: ['gapWeeksFirstYear'],
		error: () => m.ssettings_gap_first_above()
	});
export type SupervisionSettingsInput = z.output<typeof supervisionSettingsSchema>;

const values = (s: SupervisionValues): SupervisionValues => ({
	ratioDedicated: s.ratioDedicated,
	ratioOther: s.ratioOther,
	studentsCount: s.studentsCount,
	minYearsExperience: s.minYearsExperience,
	requireRegistration: s.requireRegistration,
	requireCourse: s.requireCourse,
	gapWeeks: s.gapWeeks,
	gapWeeksFirstYear: s.gapWeeksFirstYear
});

const regulates = (user: SessionUser, jurisdictionId: string) =>
	user.memberships.some((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId === jurisdictionId);

/** The jurisdiction (by code, else the person's first as regulator) whose settings this person may edit. */
export async function editableJurisdiction(user: SessionUser, code: string | undefined) {
	const first = user.memberships.find((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId)?.jurisdictionId;
	if (!code && !first) throw new Forbidden();
	const j = await db.jurisdiction.findFirst({
		where: code ? { code: code.slice(0, 20) } : { id: first! },
		select: { id: true, code: true, name: true }
	});
	if (!j) throw new DomainError(m.not_found(), 404);
	if (!regulates(user, j.id) && !administers(user, j.id)) throw new Forbidden();
	return j;
}

function current(jurisdictionId: string) {
	return db.supervisionSettings.upsert({ where: { jurisdictionId }, create: { jurisdictionId }, update: {} });
}

/** The current settings and every version, newest first, each with who saved it and what it changed. */
export async function supervisionSettingsPage(jurisdictionId: string) {
	const [now, versions] = await Promise.all([
		current(jurisdictionId),
		db.supervisionSettingsVersion.findMany({ where: { jurisdictionId }, orderBy: { version: 'desc' } })
	]);
	return {
		version: now.version,
		values: values(now),
		history: await versionHistory(SUPERVISION_FIELDS, versions, values)
	};
}

/** Saves the input as the next version, with an audit event; refused when nothing changed or someone saved since. */
export async function saveSupervisionSettings(
	user: SessionUser,
	code: string | undefined,
	input: SupervisionSettingsInput
) {
	const j = await editableJurisdiction(user, code);
	const next = values(input);
	return db.$transaction(async (tx) => {
		const before = await tx.supervisionSettings.upsert({
			where: { jurisdictionId: j.id },
			create: { jurisdictionId: j.id },
			update: {}
		});
		if (before.version !== input.basedOn) throw new DomainError(m.settings_stale(), 409);
		if (!changedFields(SUPERVISION_FIELDS, values(before), next).length)
			throw new DomainError(m.settings_unchanged(), 400);
		const version = before.version + 1;
		// the row lock of this update orders concurrent saves; the second finds the version moved and is refused
		const { count } = await tx.supervisionSettings.updateMany({
			where: { jurisdictionId: j.id, version: before.version },
			data: { ...next, version }
		});
		if (!count) throw new DomainError(m.settings_stale(), 409);
		// the first save keeps what was in force before it as version 0
		if (before.version === 0)
			await tx.supervisionSettingsVersion.create({ data: { jurisdictionId: j.id, version: 0, ...values(before) } });
		await tx.supervisionSettingsVersion.create({
			data: { jurisdictionId: j.id, version, ...next, createdById: user.id, reason: input.reason ?? null }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'supervision.settings_saved',
			subjectType: 'jurisdiction',
			subjectId: j.id,
			jurisdictionId: j.id,
			reason: input.reason ?? null,
			data: { version, before: values(before), after: next }
		});
		return { version };
	});
}
