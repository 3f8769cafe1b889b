// The catalogue a person sees: reviewed modules for everyone signed in; drafts only for their provider's authors
// and admins. Status per module comes from one query over the learner's attempts and completions.
import { db } from '../db';
import { getContent } from '../content';
import type { Module } from '../content/types';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';

export type Status = 'not-started' | 'in-progress' | 'completed';

async function providerOrgIds(slugs: string[]) {
	const orgs = await db.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
	return new Map(orgs.map((o) => [o.slug, o.id]));
}

/** Provider administrators and the authors they invite see their provider's content/ drafts. */
const writesFor = (role: string) => role === 'PROVIDER' || role === 'AUTHOR';

/** May this person see the module? Drafts: admins and provider staff (administrators, authors) of the owning provider. */
export async function canSee(user: SessionUser, mod: Module): Promise<boolean> {
	if (!mod.draft || isAdmin(user)) return true;
	const orgId = (await providerOrgIds([mod.provider])).get(mod.provider);
	return user.memberships.some((mem) => writesFor(mem.role) && mem.organisationId === orgId);
}

export async function visibleModules(user: SessionUser): Promise<Module[]> {
	const all = getContent().modules;
	if (isAdmin(user) || !all.some((mod) => mod.draft)) return all;
	const orgs = await providerOrgIds([...new Set(all.filter((mod) => mod.draft).map((mod) => mod.provider))]);
	const mine = new Set(user.memberships.filter((mem) => writesFor(mem.role)).map((mem) => mem.organisationId));
	return all.filter((mod) => !mod.draft || mine.has(orgs.get(mod.provider) ?? null));
}

export async function statuses(userId: string): Promise<Map<string, Status>> {
	const rows = await db.$queryRaw<{ module_id: string; completed: boolean }[]>`
		select module_id, bool_or(passed is true) as completed from assessment_attempts
		where user_id = ${userId}::uuid group by module_id`;
	return new Map(rows.map((r) => [r.module_id, r.completed ? 'completed' : 'in-progress']));
}

export interface Filters {
	track?: string;
	level?: string;
	competency?: string;
}

export async function catalogue(user: SessionUser, f: Filters) {
	const [mods, status] = await Promise.all([visibleModules(user), statuses(user.id)]);
	const list = mods.filter(
		(mod) =>
			(!f.track || mod.track === f.track) &&
			(!f.level || mod.level === f.level) &&
			(!f.competency || mod.competencies.includes(f.competency))
	);
	return list.map((mod) => ({
		id: mod.id,
		title: mod.title,
		track: mod.track,
		level: mod.level,
		credits: mod.credits,
		minutes: mod.minutes,
		draft: mod.draft,
		status: status.get(mod.id) ?? ('not-started' as Status)
	}));
}
