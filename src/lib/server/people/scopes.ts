// The choices a person sees when inviting or granting: each role they may grant, in each scope they may grant it.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { ROLES, ROLE_ORG_TYPE, ROLE_SCOPES, grantableBy, scopeKey, type Grant } from './roles';
import { roleLabel } from '$lib/labels';
import { getLocale } from '$lib/paraglide/runtime';

export interface GrantChoice {
	value: string; // "<ROLE>|<scope key>"
	/** the role */
	label: string;
	/** where it applies: an organisation, a jurisdiction or the whole of Credo (the list is grouped by it) */
	group: string;
}

export async function inviteChoices(user: SessionUser): Promise<GrantChoice[]> {
	const [orgs, jurisdictions] = await Promise.all([
		db.organisation.findMany({ select: { id: true, name: true, type: true }, orderBy: { name: 'asc' } }),
		db.jurisdiction.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })
	]);
	const orgName = new Map(orgs.map((o) => [o.id, o.name]));
	const orgType = new Map(orgs.map((o) => [o.id, o.type]));
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
	// grouped by where the role applies: the whole of Credo, then each jurisdiction, then each organisation (by name);
	// the roles in each group in their usual order
	const where = (g: Grant) =>
		g.organisationId
			? [2, orgName.get(g.organisationId) ?? '']
			: g.jurisdictionId
				? [1, jurName.get(g.jurisdictionId) ?? '']
				: [0, 'Credo'];
	const order = new Map(ROLES.map((r, i) => [r, i]));
	// a role limited to one type of organisation (an author: a training provider) is offered only there
	const offered = grants.filter(
		(g) => !g.organisationId || !ROLE_ORG_TYPE[g.role] || orgType.get(g.organisationId) === ROLE_ORG_TYPE[g.role]
	);
	return offered
		.map((g) => ({ g, where: where(g) as [number, string] }))
		.sort(
			(a, b) =>
				a.where[0] - b.where[0] ||
				a.where[1].localeCompare(b.where[1]) ||
				scopeKey(a.g).localeCompare(scopeKey(b.g)) ||
				order.get(a.g.role)! - order.get(b.g.role)!
		)
		.map(({ g, where }) => ({ value: `${g.role}|${scopeKey(g)}`, label: roleLabel(g.role, locale), group: where[1] }));
}
