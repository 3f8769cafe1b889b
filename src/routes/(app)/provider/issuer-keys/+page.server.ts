import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { providerOrgs } from '$lib/server/certificates/programmes';
import { issuerKeysPage, rotateIssuerKey, rotateKeySchema, rotationCheck } from '$lib/server/certificates/key-rotation';
import { formAction } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** A provider's administrator (or an admin), else 403. */
async function requireProviderAdmin() {
	const user = requireUser();
	if (!(await providerOrgs(user)).length) error(403, m.error_forbidden());
	return user;
}

export const load: PageServerLoad = async () => ({ issuers: await issuerKeysPage(await requireProviderAdmin()) });

export const actions: Actions = {
	// a new key cannot be taken back: the first post answers with a check-your-answers step, the confirm posts it again
	// with `confirmed`
	rotate: formAction({
		guard: () => requireProviderAdmin(),
		schema: rotateKeySchema,
		run: async ({ user, data }) =>
			data.confirmed
				? { rotated: await rotateIssuerKey(user, data) }
				: { confirmRotate: await rotationCheck(user, data) }
	})
};
