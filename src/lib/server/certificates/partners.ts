// A programme's supporting partner is an organisation of its jurisdiction's register (any kind but the programme's own
// provider), so the indicators can be filtered by it and a name is spelt one way.
import { db, type Db } from '../db';
import { FieldError } from '../errors';
import { m } from '$lib/paraglide/messages';

export interface PartnerOption {
	id: string;
	name: string;
	type: string;
	jurisdiction: string;
}

/** The organisations that may support a programme of these providers: those of the providers' jurisdictions, the
 *  providers themselves left out; by kind, then name. */
export async function partnerOptions(providers: { id: string; jurisdictionId: string }[]): Promise<PartnerOption[]> {
	if (!providers.length) return [];
	const rows = await db.organisation.findMany({
		where: {
			jurisdictionId: { in: [...new Set(providers.map((p) => p.jurisdictionId))] },
			id: { notIn: providers.map((p) => p.id) }
		},
		orderBy: [{ type: 'asc' }, { name: 'asc' }],
		select: { id: true, name: true, type: true, jurisdiction: { select: { name: true } } }
	});
	return rows.map((o) => ({ id: o.id, name: o.name, type: o.type, jurisdiction: o.jurisdiction.name }));
}

/** The partner chosen for a programme of this provider in this jurisdiction, or a message beside the field: an
 *  organisation of another jurisdiction (or none at all) is refused, and so is the provider itself. */
export async function checkPartner(
	tx: Db,
	programme: { jurisdictionId: string; providerId: string },
	partnerId: string | null | undefined
): Promise<string | null> {
	if (!partnerId) return null;
	if (partnerId === programme.providerId) throw new FieldError('supportingPartnerId', m.prog_partner_is_provider());
	const org = await tx.organisation.findFirst({
		where: { id: partnerId, jurisdictionId: programme.jurisdictionId },
		select: { id: true }
	});
	if (!org) throw new FieldError('supportingPartnerId', m.prog_partner_unknown());
	return org.id;
}
