// The choices a person sees when inviting or granting: each role they may grant, in each scope they may grant it.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { ROLES, ROLE_SCOPES, grantableBy, scopeKey, type Grant } from './roles';
import { roleLabel } from '$lib/labels';
import { getLocale } from '$lib/paraglide/runtime';

export interface GrantChoice {
	value: string; // "<ROLE>|<scope key>"
	label: string;
}

export async function inviteChoices(user: SessionUser): Promise<GrantChoice[]> {
	const [orgs, jurisdictions] = await Promise.all([
		db.organisation.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
		db.jurisdiction.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })
	]);
	const orgName = new Map(orgs.map((o) => [o.id, o.name]));
	const jurName = new Map(jurisdictions.map((j) => [j.id, j.name]));
	const locale = getLocale();
	const grants: Grant[] = isAdmin(user)
		? ROLES.flatMap((role) =>
				ROLE_SCOPES[role].flatMap((kind): Grant[] =>
					kind === 'global'
						? [{ role, organisationId: null, jurisdictionId: null }]
						: kind === 'organisation'
							? orgs.map((o) => ({ role, organisationId: o.id, jurisdictionId: null }))
							: jurisdictions.map((j) => ({ role, organisationId: null, jurisdictionId: j.id }))
				)
			)
		: grantableBy(user);
	return grants.map((g) => ({
		value: `${g.role}|${scopeKey(g)}`,
		label: `${roleLabel(g.role, locale)} — ${g.organisationId ? orgName.get(g.organisationId) : g.jurisdictionId ? jurName.get(g.jurisdictionId) : 'Credo'}`
	}));
}
