// A jurisdiction's DHIS2 mapping: who reads it, who changes it, reading and saving it (each change an audit event with
// what it was before). The ministry keeps it: the jurisdiction's analysts (ministry officers) and its administrators;
// regulators read it.
import { isDeepStrictEqual } from 'node:util';
import { db } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { administers } from '../auth/scope';
import { DomainError, Forbidden } from '../errors';
import { canRead } from './access';
import { mappingSchema, type Dhis2Mapping } from './dhis2-mapping';
import { m } from '$lib/paraglide/messages';

export function canEditDhis2(user: SessionUser, jurisdictionId: string): boolean {
	return (
		administers(user, jurisdictionId) ||
		// an analyst of the jurisdiction, or held in one of its (ministry) organisations
		user.memberships.some(
			(mem) => mem.role === 'ANALYST' && (mem.jurisdictionId ?? mem.orgJurisdictionId) === jurisdictionId
		)
	);
}

/** The saved mapping, or null when none is saved (or the stored one no longer fits the schema: it must be saved again). */
export async function storedMapping(jurisdictionId: string) {
	const row = await db.dhis2Mapping.findUnique({ where: { jurisdictionId } });
	if (!row) return null;
	const parsed = mappingSchema.safeParse(row.mapping);
	return { mapping: parsed.success ? parsed.data : null, updatedAt: row.updatedAt, updatedById: row.updatedById };
}

/** The mapping a person may read (404 for a jurisdiction they may not read). */
export async function dhis2MappingFor(user: SessionUser, jurisdictionId: string): Promise<Dhis2Mapping | null> {
	if (!canRead(user, jurisdictionId)) throw new DomainError(m.not_found(), 404);
	return (await storedMapping(jurisdictionId))?.mapping ?? null;
}

/** Saves the whole mapping; answers whether anything changed (an unchanged form writes nothing, audits nothing). */
export async function saveDhis2Mapping(user: SessionUser, jurisdictionId: string, mapping: Dhis2Mapping) {
	if (!canEditDhis2(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	const checked = mappingSchema.parse(mapping);
	return db.$transaction(async (tx) => {
		const before = await tx.dhis2Mapping.findUnique({ where: { jurisdictionId } });
		// jsonb keeps its own key order: compared as values
		if (before && isDeepStrictEqual(before.mapping, checked)) return false;
		await tx.dhis2Mapping.upsert({
			where: { jurisdictionId },
			create: { jurisdictionId, mapping: checked as object, updatedById: user.id },
			update: { mapping: checked as object, updatedById: user.id, updatedAt: new Date() }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'dhis2_mapping.updated',
			subjectType: 'jurisdiction',
			subjectId: jurisdictionId,
			jurisdictionId,
			data: { from: (before?.mapping ?? null) as object | null, to: checked as object } as never
		});
		return true;
	});
}
