// Jurisdictions from nothing: a global administrator creates one in the browser (code, name, time zone, default
// language); its name, time zone and language are then edited by a global administrator or the jurisdiction's own.
// The code never changes once made: imports, reports and URLs name the jurisdiction by it.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { FieldError, Forbidden } from '../errors';
import { adminJurisdictions, administers, isAdmin } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { choice, text } from '../forms/fields';
import { claimOnce, type Once } from '../idempotency';
import { m } from '$lib/paraglide/messages';

export const LOCALES = ['en', 'fr'] as const;
const CODE = /^[A-Za-z0-9-]{1,16}$/;

/** The time zones a jurisdiction may keep: the IANA zones this runtime knows, and UTC. */
export function timeZones(): string[] {
	return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

const timeZone = () =>
	z.string({ error: () => m.field_choose() }).refine((v) => timeZones().includes(v), { error: () => m.field_choose() });

export const jurisdictionEditSchema = z.object({
	name: text(120),
	timeZone: timeZone(),
	defaultLocale: choice(LOCALES)
});

export const jurisdictionSchema = jurisdictionEditSchema.extend({
	code: text(16)
		.regex(CODE, { error: () => m.jur_code_format() })
		.transform((v) => v.toUpperCase())
});

export type JurisdictionInput = z.output<typeof jurisdictionSchema>;
export type JurisdictionEdit = z.output<typeof jurisdictionEditSchema>;

/**
 * The jurisdiction a URL names: its code as stored, else upper-cased (codes made here are kept upper-case; older
 * ones may not be). Anything that cannot be a code reads nothing.
 */
export async function jurisdictionByCode(code: string) {
	if (!CODE.test(code)) return null;
	return (
		(await db.jurisdiction.findUnique({ where: { code } })) ??
		(code === code.toUpperCase() ? null : db.jurisdiction.findUnique({ where: { code: code.toUpperCase() } }))
	);
}

/** The jurisdictions this person administers (every one for a global administrator), with what each holds. */
export async function listJurisdictions(user: SessionUser) {
	const ids = adminJurisdictions(user);
	return db.jurisdiction.findMany({
		where: ids === null ? {} : { id: { in: ids } },
		orderBy: { code: 'asc' },
		select: {
			id: true,
			code: true,
			name: true,
			timeZone: true,
			defaultLocale: true,
			_count: { select: { areas: true, organisations: true, workers: true } }
		}
	});
}

const codeTaken = () => new FieldError('code', m.jur_code_taken());

/** A global administrator's new jurisdiction; `once` (the form's idempotency key) makes a double click one. */
export async function createJurisdiction(user: SessionUser, input: JurisdictionInput, once?: Once | null) {
	if (!isAdmin(user)) throw new Forbidden(m.error_forbidden());
	try {
		return await db.$transaction(async (tx) => {
			await claimOnce(tx, once);
			if (await tx.jurisdiction.findUnique({ where: { code: input.code }, select: { id: true } })) throw codeTaken();
			const j = await tx.jurisdiction.create({ data: input });
			await audit(tx, {
				actorId: user.id,
				action: 'jurisdiction.created',
				subjectType: 'jurisdiction',
				subjectId: j.id,
				jurisdictionId: j.id,
				data: { ...input }
			});
			return j;
		});
	} catch (e) {
		// two administrators creating the same code at once: the unique index decides, the loser gets the message
		if ((e as { code?: string }).code === 'P2002') throw codeTaken();
		throw e;
	}
}

/** Name, time zone and language; the audit event keeps each changed field as [before, after]. */
export async function updateJurisdiction(user: SessionUser, jurisdictionId: string, input: JurisdictionEdit) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	return db.$transaction(async (tx) => {
		const before = await tx.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId } });
		const changes = Object.fromEntries(
			(Object.keys(input) as (keyof JurisdictionEdit)[])
				.filter((k) => before[k] !== input[k])
				.map((k) => [k, [before[k], input[k]]])
		);
		if (!Object.keys(changes).length) return { changed: false };
		await tx.jurisdiction.update({ where: { id: jurisdictionId }, data: input });
		await audit(tx, {
			actorId: user.id,
			action: 'jurisdiction.updated',
			subjectType: 'jurisdiction',
			subjectId: jurisdictionId,
			jurisdictionId,
			data: changes
		});
		return { changed: true };
	});
}
