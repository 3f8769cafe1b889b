// Who may take which modules out as a content package: a provider's administrator its own provider's modules (modules
// name their provider by organisation slug), a global administrator any. Someone who administers no provider gets
// null (the route answers 403); another provider's module is not revealed (the route answers 404).
import { db } from '../db';
import { getContent } from '../content';
import { isAdmin } from '../auth/guards';
import type { Module } from '../content/types';
import type { SessionUser } from '../auth/session';

/** The provider slugs this person administers: 'all' for a global administrator, none for anyone else. */
async function providerSlugs(user: SessionUser): Promise<Set<string> | 'all'> {
	if (isAdmin(user)) return 'all';
	const ids = user.memberships.filter((m) => m.role === 'PROVIDER' && m.organisationId).map((m) => m.organisationId!);
	if (!ids.length) return new Set();
	const orgs = await db.organisation.findMany({ where: { id: { in: ids } }, select: { slug: true } });
	return new Set(orgs.map((o) => o.slug));
}

/** Every module of content/ this person may export (possibly none), or null when they administer no provider. */
export async function exportableModules(user: SessionUser): Promise<Module[] | null> {
	const slugs = await providerSlugs(user);
	if (slugs !== 'all' && !slugs.size) return null;
	return getContent().modules.filter((m) => slugs === 'all' || slugs.has(m.provider));
}

export function packageFileName(mods: Module[], now = new Date()): string {
	const day = now.toISOString().slice(0, 10);
	if (mods.length === 1) return `${mods[0].id}-${mods[0].version}.zip`;
	const providers = [...new Set(mods.map((m) => m.provider))];
	return `credo-modules-${providers.length === 1 ? providers[0] : 'all'}-${day}.zip`;
}
