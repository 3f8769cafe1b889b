import { db } from '../db';

/** What a person sees about themselves: their roles with scope names and their workforce record. */
export async function myOverview(userId: string) {
	const [memberships, worker, learning] = await Promise.all([
		db.membership.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: {
				id: true,
				role: true,
				organisation: { select: { name: true } },
				jurisdiction: { select: { name: true } }
			}
		}),
		db.workerProfile.findUnique({
			where: { userId },
			select: {
				givenName: true,
				familyName: true,
				cadre: true,
				jurisdiction: { select: { name: true } },
				area: { select: { name: true } },
				organisation: { select: { name: true } },
				identifiers: { select: { kind: true, value: true } }
			}
		}),
		db.$queryRaw<{ modules: number; credits: string | null }[]>`
			select (select count(distinct module_id)::int from module_completions where user_id = ${userId}::uuid) as modules,
				(select sum(coalesce(approved_credits, credits))::text from cpd_entries where user_id = ${userId}::uuid
					and status in ('RECORDED', 'APPROVED') and disallowed_at is null) as credits`
	]);
	return {
		roles: memberships.map((r) => ({
			id: r.id,
			role: r.role,
			scope: r.organisation?.name ?? r.jurisdiction?.name ?? null
		})),
		worker,
		learning: { modules: learning[0].modules, credits: Number(learning[0].credits ?? 0) }
	};
}
