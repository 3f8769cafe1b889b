// Organisations offered as choices in forms (a training provider for a CPD activity, an agency for an agreement).
import { db } from '../db';
import type { OrganisationType } from '../generated/prisma/enums';

/** The organisations of these types, by name: what a select offers. */
export function organisationsOfType(types: readonly OrganisationType[]) {
	return db.organisation.findMany({
		where: { type: { in: [...types] } },
		select: { id: true, name: true },
		orderBy: { name: 'asc' }
	});
}
