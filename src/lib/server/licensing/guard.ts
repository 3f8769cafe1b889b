import { error } from '@sveltejs/kit';
import { requireUser } from '../auth/guards';
import { regulatorJurisdictions } from './licences';
import { m } from '$lib/paraglide/messages';

/** A signed-in regulator (of at least one jurisdiction); every query below is limited to their jurisdictions. */
export function requireRegulator() {
	const user = requireUser();
	if (!regulatorJurisdictions(user).length) error(403, m.error_forbidden());
	return user;
}
