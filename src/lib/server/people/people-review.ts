// What a jurisdiction's administrator reviews on its people page: links waiting for confirmation and records that
// may be one person twice (listed, never merged).
import { db } from '../db';
import { duplicateFinder, type DuplicateRow } from './linking';

const PAGE = 5_000;
/** Groups shown at most: enough to work through, small enough for one page. */
export const DUPLICATE_GROUPS = 50;

const recordSelect = {
	id: true,
	givenName: true,
	familyName: true,
	email: true,
	userId: true,
	area: { select: { code: true, name: true } },
	organisation: { select: { code: true, name: true } },
	identifiers: { where: { kind: 'NATIONAL_WORKER_ID' as const }, select: { value: true } }
};

type RecordRow = { identifiers: { value: string }[] } & Record<string, unknown>;
const withNationalId = <R extends RecordRow>({ identifiers, ...r }: R) => ({
	...r,
	nationalWorkerId: identifiers[0]?.value ?? null
});

export async function openProposals(jurisdictionId: string) {
	const rows = await db.workerLinkProposal.findMany({
		where: { jurisdictionId, status: 'open' },
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			createdAt: true,
			user: { select: { name: true, email: true } },
			worker: { select: recordSelect }
		}
	});
	return rows.map((p) => ({ ...p, worker: withNationalId(p.worker) }));
}

/** Records of the jurisdiction sharing an address or a normalised name, read in pages of ids (linking.ts groups). */
export async function possibleDuplicates(jurisdictionId: string) {
	const finder = duplicateFinder();
	let after: string | undefined;
	for (;;) {
		const page: DuplicateRow[] = await db.workerProfile.findMany({
			where: { jurisdictionId, ...(after && { id: { gt: after } }) },
			orderBy: { id: 'asc' },
			take: PAGE,
			select: { id: true, givenName: true, familyName: true, email: true }
		});
		finder.add(page);
		if (page.length < PAGE) break;
		after = page[page.length - 1].id;
	}
	const all = finder.groups();
	const groups = all.slice(0, DUPLICATE_GROUPS);
	const records = await db.workerProfile.findMany({
		where: { id: { in: [...new Set(groups.flatMap((g) => g.ids))] } },
		select: recordSelect
	});
	const byId = new Map(records.map((r) => [r.id, withNationalId(r)]));
	return {
		total: all.length,
		groups: groups.map((g) => ({ reasons: g.reasons, workers: g.ids.map((id) => byId.get(id)!).filter(Boolean) }))
	};
}
