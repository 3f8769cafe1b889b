import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { userDetail } from '$lib/server/admin/directory';
import { inviteChoices } from '$lib/server/people/scopes';
import { grantRole, removeRole } from '$lib/server/people/memberships';
import { inviteSchema, parseScope } from '$lib/server/people/invitations';
import { parseForm } from '$lib/server/forms/parse';
import { text, uuid } from '$lib/server/forms/fields';
import { clientIp, deliver, failFrom, formAction, readForm } from '$lib/server/http';
import { erasePerson, eraseSchema } from '$lib/server/privacy/erasure';
import { m } from '$lib/paraglide/messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const grantSchema = inviteSchema.pick({ grant: true });
const removeSchema = z.object({ membershipId: uuid(), reason: text(500) });

export const load: PageServerLoad = async ({ params }) => {
	const admin = requireRole('ADMIN');
	const person = UUID.test(params.id) ? await userDetail(params.id) : null;
	if (!person) error(404, m.not_found());
	return { person, choices: await inviteChoices(admin), self: person.id === admin.id };
};

export const actions: Actions = {
	grant: async (event) => {
		const admin = requireRole('ADMIN');
		const form = await readForm(event);
		const parsed = parseForm(grantSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		if (!UUID.test(event.params.id)) error(404, m.not_found());
		try {
			const { role, scope } = parsed.data.grant;
			const { mailIds } = await grantRole(admin, event.params.id, { role, ...parseScope(scope) }, event.url.origin);
			await deliver(mailIds);
		} catch (e) {
			return failFrom(e, form);
		}
		return { granted: true };
	},
	remove: async (event) => {
		const admin = requireRole('ADMIN');
		const form = await readForm(event);
		const parsed = parseForm(removeSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, membershipId: String(form.get('membershipId') ?? '') });
		try {
			await deliver([await removeRole(admin, parsed.data.membershipId, parsed.data.reason, event.url.origin)]);
		} catch (e) {
			return failFrom(e, form);
		}
		return { removed: true };
	},
	// erasure on request (privacy/erasure.ts): the email typed again and a reason; never one's own account
	erase: formAction({
		guard: (event) => {
			const admin = requireRole('ADMIN');
			if (!UUID.test(event.params.id ?? '')) error(404, m.not_found());
			return admin;
		},
		schema: eraseSchema,
		run: async ({ user: admin, data, event }) => {
			await erasePerson(admin, event.params.id!, data, clientIp(event));
			return { erased: true };
		},
		name: 'erase'
	})
};
