// A university's practicum settings, edited in the browser by its coordinator or an administrator of its jurisdiction.
// Every save is a new version (practicum_settings_versions: who, when, why), written in one transaction with the
// current row (practicum_settings) that hours logging reads, so the current row is always the latest version. A save
// made from an older version than the current one is refused, so two people never overwrite each other unseen.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { administers } from '../auth/scope';
import { optionalText } from '../forms/fields';
import { coordinatedUniversities } from './placements';
import { m } from '$lib/paraglide/messages';

export const PRACTICUM_FIELDS = ['hourStep', 'maxPerEntry', 'maxPerDay', 'staleDays'] as const;
export type PracticumField = (typeof PRACTICUM_FIELDS)[number];
export type PracticumValues = Record<PracticumField, number>;

/** A number typed in a form, within [min, max], with at most two decimals (or whole). */
export const settingNumber = (min: number, max: number, whole = false) =>
	z
		.string({ error: () => m.field_required() })
		.trim()
		.min(1, { error: () => m.field_required() })
		.transform((s, ctx) => {
			const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
			const shapeOk = whole ? Number.isInteger(n) : Math.round(n * 100) === n * 100;
			if (Number.isFinite(n) && shapeOk && n >= min && n <= max) return n;
			ctx.addIssue({
				code: 'custom',
				message: Number.isNaN(n)
					? m.field_number()
					: whole
						? m.settings_whole({ min, max })
						: m.settings_decimal({ min, max })
			});
			return z.NEVER;
		});

export const practicumSettingsSchema = z
	.object({
		hourStep: settingNumber(0.05, 4),
		maxPerEntry: settingNumber(0.25, 24),
		maxPerDay: settingNumber(0.25, 24),
		staleDays: settingNumber(1, 365, true),
		reason: optionalText(500),
		basedOn: settingNumber(0, 1_000_000, true)
	})
	.refine((v) => v.maxPerEntry <= v.maxPerDay, {
		path: ['maxPerEntry'],
		error: () => m.psettings_entry_above_day()
	})
	.refine((v) => v.hourStep <= v.maxPerEntry, {
		path: ['hourStep'],
		error: () => m.psettings_step_above_entry()
	});
export type PracticumSettingsInput = z.output<typeof practicumSettingsSchema>;

/** The fields whose value differs between two versions, in form order. */
export function changedFields<F extends string>(
	fields: readonly F[],
	before: Record<F, unknown>,
	after: Record<F, unknown>
): { field: F; from: unknown; to: unknown }[] {
	return fields.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, from: before[f], to: after[f] }));
}

/**
 * A settings history, newest first: each version with who saved it (by name), when, why, its values and what it
 * changed from the version before. Shared by the practicum and the supervision settings pages.
 */
export async function versionHistory<
	F extends string,
	V extends { version: number; createdById: string | null; createdAt: Date; reason: string | null }
>(fields: readonly F[], versions: V[], valuesOf: (v: V) => Record<F, unknown>) {
	const people = await db.user.findMany({
		where: { id: { in: versions.flatMap((v) => (v.createdById ? [v.createdById] : [])) } },
		select: { id: true, name: true }
	});
	const name = new Map(people.map((p) => [p.id, p.name]));
	return versions.map((v, i) => ({
		version: v.version,
		by: v.createdById ? (name.get(v.createdById) ?? null) : null,
		at: v.createdAt,
		reason: v.reason,
		values: valuesOf(v),
		changes: versions[i + 1] ? changedFields(fields, valuesOf(versions[i + 1]), valuesOf(v)) : []
	}));
}

const values = (s: { hourStep: unknown; maxPerEntry: unknown; maxPerDay: unknown; staleDays: number }) => ({
	hourStep: Number(s.hourStep),
	maxPerEntry: Number(s.maxPerEntry),
	maxPerDay: Number(s.maxPerDay),
	staleDays: s.staleDays
});

/** The university whose settings this person may edit (its coordinator, or an administrator of its jurisdiction). */
export async function editableUniversity(user: SessionUser, universityId: string | undefined) {
	const id = universityId ?? coordinatedUniversities(user)[0];
	if (!id) throw new Forbidden();
	const org = /^[0-9a-f-]{36}$/.test(id)
		? await db.organisation.findFirst({
				where: { id, type: 'UNIVERSITY' },
				select: { id: true, name: true, jurisdictionId: true }
			})
		: null;
	if (!org) throw new DomainError(m.not_found(), 404);
	if (!coordinatedUniversities(user).includes(org.id) && !administers(user, org.jurisdictionId)) throw new Forbidden();
	return org;
}

function current(universityId: string) {
	return db.practicumSettings.upsert({
		where: { organisationId: universityId },
		create: { organisationId: universityId },
		update: {}
	});
}

/** The current settings and every version, newest first, each with who saved it and what it changed. */
export async function practicumSettingsPage(universityId: string) {
	const [now, versions] = await Promise.all([
		current(universityId),
		db.practicumSettingsVersion.findMany({ where: { organisationId: universityId }, orderBy: { version: 'desc' } })
	]);
	return {
		version: now.version,
		values: values(now),
		history: await versionHistory(PRACTICUM_FIELDS, versions, values)
	};
}

/** Saves the input as the next version, with an audit event; refused when nothing changed or someone saved since. */
export async function savePracticumSettings(
	user: SessionUser,
	universityId: string | undefined,
	input: PracticumSettingsInput
) {
	const org = await editableUniversity(user, universityId);
	const next: PracticumValues = values(input);
	return db.$transaction(async (tx) => {
		const before = await tx.practicumSettings.upsert({
			where: { organisationId: org.id },
			create: { organisationId: org.id },
			update: {}
		});
		if (before.version !== input.basedOn) throw new DomainError(m.settings_stale(), 409);
		if (!changedFields(PRACTICUM_FIELDS, values(before), next).length)
			throw new DomainError(m.settings_unchanged(), 400);
		const version = before.version + 1;
		// the row lock of this update orders concurrent saves; the second finds the version moved and is refused
		const { count } = await tx.practicumSettings.updateMany({
			where: { organisationId: org.id, version: before.version },
			data: { ...next, version }
		});
		if (!count) throw new DomainError(m.settings_stale(), 409);
		// the first save keeps what was in force before it as version 0
		if (before.version === 0)
			await tx.practicumSettingsVersion.create({
				data: { organisationId: org.id, version: 0, ...values(before), createdAt: before.updatedAt }
			});
		await tx.practicumSettingsVersion.create({
			data: { organisationId: org.id, version, ...next, createdById: user.id, reason: input.reason ?? null }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.settings_saved',
			subjectType: 'organisation',
			subjectId: org.id,
			organisationId: org.id,
			jurisdictionId: org.jurisdictionId,
			reason: input.reason ?? null,
			data: { version, before: values(before), after: next }
		});
		return { version };
	});
}
