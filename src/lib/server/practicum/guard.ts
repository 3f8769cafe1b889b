import { error } from '@sveltejs/kit';
import { requireUser } from '../auth/guards';
import { coordinatedUniversities } from './placements';
import { m } from '$lib/paraglide/messages';

/** A signed-in university coordinator. */
export function requireCoordinator() {
	const user = requireUser();
	if (!coordinatedUniversities(user).length) error(403, m.error_forbidden());
	return user;
}
