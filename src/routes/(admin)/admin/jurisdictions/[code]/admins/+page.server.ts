import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { setupStatus } from '$lib/server/setup/status';
import { invite } from '$lib/server/people/invitations';
import { email } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ params }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	const { admins, invited } = await setupStatus(jurisdiction.id);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		admins,
		invited,
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	// the ordinary invitation, for the one role this page grants: administrator of this jurisdiction only (a form
	// sent again, e.g. a reload, is answered "already saved" by its idempotency key, not a second invitation)
	default: formAction({
		guard: (event) => requireJurisdictionAdmin(event.params.code!),
		schema: z.object({ email: email() }),
		run: async ({ user: { user, jurisdiction }, data, event }) => {
			const grant = { role: 'ADMIN' as const, scope: `jur:${jurisdiction.id}` };
			await invite(user, { email: data.email, grant }, event.url.origin, getLocale());
			return { sent: data.email };
		}
	})
};
