// What the review pages show (issue 22): the queue of submitted modules a person may review, and one module's
// check-your-answers page — its summary, a preview rendered by the module page's own pipeline, what changed against
// the latest published version and whether the accreditation terms carry. The decisions themselves are the store's
// (publishDraft, returnDraft).
import { z } from 'zod';
import { localFramework } from '../content';
import { renderMarkdown } from '../content/markdown';
import { text } from '../forms/fields';
import type { SessionUser } from '../auth/session';
import { authoredList, draftFor, filesOf, imageBase, peopleOf } from './store';
import { readModuleText, reviewSummary, versionChanges, type ReviewSummary, type VersionChanges } from './review';
import { m } from '$lib/paraglide/messages';

/** The "return to the authors" form: a note is required. */
export const returnSchema = z.object({
	note: z
		.string({ error: () => m.authrev_note_required() })
		.trim()
		.min(1, { error: () => m.authrev_note_required() })
		.pipe(text(2000))
});

/** Submitted modules of this person's providers: those they may review, and how many wait for another reviewer
 *  (they edited them). */
export async function reviewQueue(user: SessionUser) {
	const rows = (await authoredList(user)).filter((r) => r.status === 'submitted');
	return {
		toReview: rows
			.filter((r) => r.mayReview)
			.map((r) => ({
				id: r.id,
				title: r.title,
				providerName: r.providerName,
				submittedBy: r.submittedBy,
				updatedAt: r.updatedAt,
				latestNumber: r.latestNumber
			})),
		own: rows.filter((r) => !r.mayReview).length
	};
}

export interface ReviewPage {
	id: string;
	providerName: string;
	status: 'draft' | 'returned' | 'submitted' | 'published';
	mayReview: boolean;
	/** this person edited the draft: they may not approve it */
	edited: boolean;
	summary: (ReviewSummary & { trackTitle: string; levelTitle: string; competencyTitles: string[] }) | null;
	html: string | null;
	changes: VersionChanges | null;
	latestNumber: number | null;
	submittedBy: string | null;
	editors: string[];
	images: string[];
}

/** One module's review page (404 when it is not of this person's providers: draftFor). */
export async function reviewPage(user: SessionUser, moduleId: string): Promise<ReviewPage> {
	const d = await draftFor(user, moduleId);
	const fw = localFramework();
	const draft = d.draft;
	const read = draft ? readModuleText(moduleId, draft.text, fw) : null;
	const latest = d.versions[0] ?? null;
	const before = latest ? readModuleText(moduleId, latest.text, fw).module : null;
	const mod = read?.module ?? null;
	const names = await peopleOf([draft]);
	const files = await filesOf(user, moduleId);
	const title = (id: string, list: { id: string; title: string }[]) => list.find((x) => x.id === id)?.title ?? id;
	return {
		id: moduleId,
		providerName: d.authored.provider.name,
		status: d.status,
		mayReview: d.mayReview,
		edited: !!draft?.editorIds.includes(user.id),
		summary: mod
			? {
					...reviewSummary(mod),
					trackTitle: title(mod.track, fw.tracks),
					levelTitle: title(mod.level, fw.levels),
					competencyTitles: mod.competencies.map((c) => title(c, fw.competencies))
				}
			: null,
		html: mod ? renderMarkdown(mod.body, { title: mod.title, imageBase: imageBase(moduleId) }).html : null,
		changes: mod ? versionChanges(before, mod) : null,
		latestNumber: latest?.number ?? null,
		submittedBy: draft?.submittedById ? (names.get(draft.submittedById) ?? null) : null,
		editors: (draft?.editorIds ?? []).map((id) => names.get(id) ?? '—'),
		images: files.map((f) => f.name)
	};
}
