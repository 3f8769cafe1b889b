// The published versions of modules written in the browser, served beside content/ (issue 22). Each version is
// immutable (authored_versions refuses updates and deletes), so a process loads each once, by its content hash, and
// learns of new ones by counting the rows (append-only: the count is a generation number). The latest version of each
// module joins getContent(); every version stays reachable by its hash, so a learner mid-way through an older one
// finishes on it.
import { db } from '../db';
import { getContent, setAuthoredModules } from '../content';
import { readModuleText } from './review';
import type { Module } from '../content/types';

const byHash = new Map<string, Module>();
const latest = new Map<string, Module>();
let generation = -1;
let checkedAt = 0;
let loading: Promise<void> | null = null;

/** The URL prefix of a module's own images: the only images its Markdown may show. */
export const imageBase = (moduleId: string) => `/modules/${moduleId}/files/`;

/** The images a served module may show: a module written in the browser, its own uploads; a content/ module, none. */
export const moduleImageBase = (mod: Module): string | null => (mod.authored ? imageBase(mod.id) : null);

/** How often a process looks for versions published by another process (ms). */
export const PUBLISHED_POLL_MS = 2000;

/** The module a published text holds, or null (with the problems) when the served framework no longer accepts it. */
export function moduleOfText(id: string, text: string, number: number): { module: Module | null; problems: string[] } {
	const read = readModuleText(id, text, getContent().framework);
	const problems = read.problems.map((p) => `${p.line}: ${p.message}`);
	if (!read.module || read.problems.length) return { module: null, problems };
	return { module: { ...read.module, file: `modules/${read.module.track}/${id}.md`, authored: { number } }, problems };
}

async function load(): Promise<void> {
	const known = [...byHash.keys()];
	const [{ n }] = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from authored_versions`;
	if (n === generation) return;
	const rows = await db.authoredVersion.findMany({
		where: known.length ? { contentHash: { notIn: known } } : {},
		select: { moduleId: true, number: true, text: true, contentHash: true },
		orderBy: [{ moduleId: 'asc' }, { number: 'asc' }]
	});
	for (const r of rows) {
		const { module, problems } = moduleOfText(r.moduleId, r.text, r.number);
		if (!module) {
			console.error(`published module ${r.moduleId} v${r.number} is not served: ${problems.join('; ')}`);
			continue;
		}
		byHash.set(r.contentHash, module);
		const current = latest.get(module.id);
		if (!current || current.authored!.number < r.number) latest.set(module.id, module);
	}
	generation = n;
	setAuthoredModules([...latest.values()].sort((a, b) => a.id.localeCompare(b.id)));
}

/**
 * Brings this process's view of the published versions up to date: at most every PUBLISHED_POLL_MS (one count), at
 * once when `force` (after this process published). A database that cannot be reached leaves the view as it was.
 */
export async function syncPublished(force = false): Promise<void> {
	const now = Date.now();
	if (!force && now - checkedAt < PUBLISHED_POLL_MS) return;
	checkedAt = now;
	if (!loading)
		loading = load().finally(() => {
			loading = null;
		});
	await loading;
}

/** Any published version of an authored module, by its content hash (a learner's attempt names its version so). */
export function authoredVersionByHash(hash: string): Module | undefined {
	return byHash.get(hash);
}

/** Forgets what was loaded (tests that reset the database). */
export function resetPublished(): void {
	byHash.clear();
	latest.clear();
	generation = -1;
	checkedAt = 0;
	setAuthoredModules([]);
}
