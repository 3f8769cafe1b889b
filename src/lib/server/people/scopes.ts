// The choices a person sees when inviting or granting: each role they may grant, in each scope they may grant it.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { ROLES, ROLE_SCOPES, grantableBy, scopeKey, type Grant } from './roles';
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
	const jurName = new Map(jurisdictions.map((j) => [j.id, j.name]));
	const locale = getLocale();
	const grants: Grant[] = isAdmin(user)
		? ROLES.flatMap((role) =>
				ROLE_SCOPES[role].flatMap((kind): Grant[] =>
					kind === 'global'
						? [{ role, organisationId: null, jurisdictionId: null }]
						: kind === 'organisation'
							? orgs
									// an analyst only in a ministry (memberships.ts checkGrantScope)
									.filter((o) => role !== 'ANALYST' || o.type === 'MINISTRY')
									.map((o) => ({ role, organisationId: o.id, jurisdictionId: null }))
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
	return grants
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
