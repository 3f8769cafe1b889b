// The notices of authoring (issue 22): a submitted draft goes to the provider's reviewers (its PROVIDER and AUTHOR
// members who did not edit it: nobody approves their own module); a published or returned one goes back to its
// editors. Each is written in the recipient's language, in the caller's transaction (the store's submit, publish and
// return call them), and the open "to review" notices of a module are cleared once a reviewer has decided.
import type { Db } from '../db';
import { notify, clearNotices } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { asLocale } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

/** The subject of the reviewers' open notice about one submitted module (cleared by publish or return). */
export const reviewSubject = (moduleId: string) => `module-review:${moduleId}`;

/** What the store passes (authoring/store.ts: submitDraft, returnDraft, publishDraft, inside their transaction). */
export interface NoticeModule {
	/** the module id */
	moduleId: string;
	title: string;
	/** everyone who saved the draft (ModuleDraft.editorIds) */
	editorIds: string[];
}

type Person = { id: string; email: string; locale: string | null };

/** The people who may review a provider's modules: its PROVIDER and AUTHOR members, not disabled, not `excluded`. */
export function reviewersOf(tx: Db, providerId: string, excluded: string[]): Promise<Person[]> {
	return tx.user.findMany({
		where: {
			disabledAt: null,
			id: { notIn: excluded },
			memberships: { some: { role: { in: ['PROVIDER', 'AUTHOR'] }, organisationId: providerId } }
		},
		select: { id: true, email: true, locale: true },
		orderBy: { id: 'asc' }
	});
}

function editorsOf(tx: Db, editorIds: string[], excluded: (string | null | undefined)[]): Promise<Person[]> {
	return tx.user.findMany({
		where: { disabledAt: null, id: { in: editorIds.filter((id) => !excluded.includes(id)) } },
		select: { id: true, email: true, locale: true },
		orderBy: { id: 'asc' }
	});
}

async function nameOf(tx: Db, id: string | null | undefined): Promise<string> {
	if (!id) return '—';
	return (await tx.user.findUnique({ where: { id }, select: { name: true } }))?.name ?? '—';
}

const reviewLink = (moduleId: string) => `/provider/modules/${encodeURIComponent(moduleId)}/review`;

/** A draft was submitted (after the store marked it SUBMITTED): each reviewer of the provider who is not among its
 *  editors, nor the one who submitted it, is asked to review it. Returns how many were told. */
export async function noticeSubmitted(
	tx: Db,
	mod: NoticeModule & { providerId: string; submittedById: string }
): Promise<number> {
	const reviewers = await reviewersOf(tx, mod.providerId, [...mod.editorIds, mod.submittedById]);
	const person = await nameOf(tx, mod.submittedById);
	for (const r of reviewers) {
		const locale = asLocale(r.locale);
		await notify(
			tx,
			r,
			{
				kind: 'module-to-review',
				subject: reviewSubject(mod.moduleId),
				title: m.authrev_notice_submitted_title({ title: mod.title }, { locale }),
				body: m.authrev_notice_submitted_body({ person, title: mod.title }, { locale }),
				link: reviewLink(mod.moduleId)
			},
			publicOrigin()
		);
	}
	return reviewers.length;
}

/** Version `number` was published (after the store wrote it): the editors are told (and when the terms changed, that
 *  regulators must accredit it again); the reviewers' open notices about the module are done. */
export async function noticePublished(tx: Db, mod: NoticeModule & { number: number }): Promise<number> {
	await clearNotices(tx, reviewSubject(mod.moduleId));
	const version = await tx.authoredVersion.findUnique({
		where: { moduleId_number: { moduleId: mod.moduleId, number: mod.number } },
		select: { approvedById: true, termsCarried: true, number: true }
	});
	const reaccredit = !!version && !version.termsCarried && version.number > 1;
	const person = await nameOf(tx, version?.approvedById);
	const editors = await editorsOf(tx, mod.editorIds, [version?.approvedById]);
	for (const e of editors) {
		const locale = asLocale(e.locale);
		const body = m.authrev_notice_published_body({ person, title: mod.title, number: mod.number }, { locale });
		await notify(
			tx,
			e,
			{
				kind: 'module-published',
				title: m.authrev_notice_published_title({ title: mod.title }, { locale }),
				body: reaccredit ? `${body} ${m.authrev_notice_reaccredit({}, { locale })}` : body,
				link: `/learn/${encodeURIComponent(mod.moduleId)}`
			},
			publicOrigin()
		);
	}
	return editors.length;
}

/** The draft was returned with `note` (after the store recorded it): the editors are told, with the note; the
 *  reviewers' open notices about the module are done. */
export async function noticeReturned(tx: Db, mod: NoticeModule & { note: string }): Promise<number> {
	await clearNotices(tx, reviewSubject(mod.moduleId));
	const draft = await tx.moduleDraft.findUnique({ where: { moduleId: mod.moduleId }, select: { returnedById: true } });
	const person = await nameOf(tx, draft?.returnedById);
	const editors = await editorsOf(tx, mod.editorIds, [draft?.returnedById]);
	for (const e of editors) {
		const locale = asLocale(e.locale);
		await notify(
			tx,
			e,
			{
				kind: 'module-returned',
				title: m.authrev_notice_returned_title({ title: mod.title }, { locale }),
				body: m.authrev_notice_returned_body({ person, title: mod.title, note: mod.note }, { locale }),
				link: `/provider/modules/${encodeURIComponent(mod.moduleId)}/edit`
			},
			publicOrigin()
		);
	}
	return editors.length;
}
