import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { userDetail } from '$lib/server/admin/directory';
import { inviteChoices } from '$lib/server/people/scopes';
import { grantRole, removeRole } from '$lib/server/people/memberships';
import { inviteSchema, parseScope } from '$lib/server/people/invitations';
import { text, uuid } from '$lib/server/forms/fields';
import { clientIp, formAction } from '$lib/server/http';
import { erasePerson, eraseSchema } from '$lib/server/privacy/erasure';
import { m } from '$lib/paraglide/messages';

const grantSchema = inviteSchema.pick({ grant: true });
const removeSchema = z.object({ membershipId: uuid(), reason: text(500) });
const adminOnly = () => requireAdmin();

export const load: PageServerLoad = async ({ params }) => {
	const admin = requireAdmin();
	const person = await userDetail(params.id);
	if (!person) error(404, m.not_found());
	return { person, choices: await inviteChoices(admin), self: person.id === admin.id };
};

export const actions: Actions = {
	grant: formAction({
		guard: adminOnly,
		schema: grantSchema,
		run: async ({ user, data, event }) => {
			const { role, scope } = data.grant;
			await grantRole(user, event.params.id!, { role, ...parseScope(scope) }, event.url.origin);
			return { granted: true };
		}
	}),
	// the page finds the role an answer belongs to by the membershipId posted back in its values
	remove: formAction({
		guard: adminOnly,
		schema: removeSchema,
		run: async ({ user, data, event }) => {
			await removeRole(user, data.membershipId, data.reason, event.url.origin);
			return { removed: true };
		}
	}),
	// erasure on request (privacy/erasure.ts): the email typed again and a reason; never one's own account
	erase: formAction({
		guard: adminOnly,
		schema: eraseSchema,
		run: async ({ user, data, event }) => {
			await erasePerson(user, event.params.id!, data, clientIp(event));
			return { erased: true };
		},
		name: 'erase'
	})
};
