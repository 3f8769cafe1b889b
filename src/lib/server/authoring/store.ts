// Modules written in the browser (issue 22): drafts, review and publishing. A draft holds the whole module file in
// the content/ format; every save is kept (autosave always saves, problems and all) and raises the revision, so a
// save from a page that missed another's save is refused rather than lost. Submitting is refused while checkDraft
// finds a problem; a reviewer of the same provider who never edited the draft approves and publishes it as an
// immutable version (the text with the review recorded, its sha-256 the version learners are credited against).
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import { isAdmin } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { contentModules, getContent } from '../content';
import { IMAGE_TYPES } from '../content/package';
import { splitFrontMatter } from '../content/load';
import { parseYaml } from '../content/yaml-source';
import { checkDraft, type DraftProblem } from './check';
import { imageBase, moduleOfText, syncPublished } from './published';
import { termsOf } from './terms';
import { noticeNewTerms } from '../licensing/accreditation';
import { noticePublished, noticeReturned, noticeSubmitted } from './notices';
import { dayIn } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';
import type { AuthoredVersion, ModuleDraft } from '../generated/prisma/client';

/** An uploaded image: at most this many bytes. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Images one module may hold (they are never deleted). */
export const MAX_FILES = 60;
/** A module file (front-matter, bank and body): at most this many characters (content/'s longest is ~21,000). */
export const MAX_TEXT = 400_000;

const tooLong = () => m.authoring_too_long({ max: MAX_TEXT.toLocaleString('en') });
const MODULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const FILE_NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)*\.(png|jpe?g|gif|webp)$/;

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

export { imageBase } from './published';

/** The training providers this person writes for: their PROVIDER and AUTHOR memberships (an administrator: all). */
export async function authoringProviders(user: SessionUser): Promise<{ id: string; slug: string; name: string }[]> {
	const ids = user.memberships
		.filter((x) => (x.role === 'PROVIDER' || x.role === 'AUTHOR') && x.organisationId)
		.map((x) => x.organisationId!);
	if (!ids.length && !isAdmin(user)) return [];
	return db.organisation.findMany({
		where: { type: 'TRAINING_PROVIDER', ...(isAdmin(user) ? {} : { id: { in: ids } }) },
		select: { id: true, slug: true, name: true },
		orderBy: { name: 'asc' }
	});
}

export type AuthoredStatus = 'draft' | 'returned' | 'submitted' | 'published';

export interface AuthoredRow {
	id: string;
	title: string;
	providerId: string;
	providerSlug: string;
	providerName: string;
	status: AuthoredStatus;
	hasDraft: boolean;
	latestNumber: number | null;
	updatedAt: Date;
	editors: string[];
	editorIds: string[];
	submittedBy: string | null;
	returnedNote: string | null;
	/** this person may approve it now: submitted, of their provider, and they never edited it */
	mayReview: boolean;
}

/** The front-matter of a module text as plain values ({} when it has none or it cannot be read). */
function frontMatterOf(text: string): Record<string, unknown> {
	const split = splitFrontMatter(text);
	const fm: unknown = split ? parseYaml('draft.md', split.fm, 2).doc.toJS() : null;
	return fm && typeof fm === 'object' ? (fm as Record<string, unknown>) : {};
}

function titleOf(text: string): string {
	const title = frontMatterOf(text).title;
	return typeof title === 'string' && title.trim() ? title : '';
}

function statusOf(draft: Pick<ModuleDraft, 'status' | 'returnedAt'> | null): AuthoredStatus {
	if (!draft) return 'published';
	if (draft.status === 'SUBMITTED') return 'submitted';
	return draft.returnedAt ? 'returned' : 'draft';
}

/** The names of the people who edited or submitted these drafts, by id. */
export async function peopleOf(drafts: (Pick<ModuleDraft, 'editorIds' | 'submittedById'> | null)[]) {
	const ids = new Set(drafts.flatMap((d) => [...(d?.editorIds ?? []), ...(d?.submittedById ? [d.submittedById] : [])]));
	const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
	return new Map(users.map((u) => [u.id, u.name]));
}

/** Every authored module of the providers this person writes for, newest change first. */
export async function authoredList(user: SessionUser): Promise<AuthoredRow[]> {
	const providers = await authoringProviders(user);
	if (!providers.length) return [];
	const rows = await db.authoredModule.findMany({
		where: { providerId: { in: providers.map((p) => p.id) } },
		include: {
			provider: { select: { slug: true, name: true } },
			draft: true,
			versions: { select: { number: true, text: true, publishedAt: true }, orderBy: { number: 'desc' }, take: 1 }
		}
	});
	const names = await peopleOf(rows.map((r) => r.draft));
	return rows
		.map((r) => {
			const latest = r.versions[0] ?? null;
			const text = r.draft?.text ?? latest?.text ?? '';
			const status = statusOf(r.draft);
			return {
				id: r.id,
				title: titleOf(text) || r.id,
				providerId: r.providerId,
				providerSlug: r.provider.slug,
				providerName: r.provider.name,
				status,
				hasDraft: !!r.draft,
				latestNumber: latest?.number ?? null,
				updatedAt: r.draft?.updatedAt ?? latest?.publishedAt ?? r.createdAt,
				editors: (r.draft?.editorIds ?? []).map((id) => names.get(id) ?? ''),
				editorIds: r.draft?.editorIds ?? [],
				submittedBy: r.draft?.submittedById ? (names.get(r.draft.submittedById) ?? null) : null,
				returnedNote: status === 'returned' ? r.draft!.returnedNote : null,
				mayReview: status === 'submitted' && !r.draft!.editorIds.includes(user.id)
			};
		})
		.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** The authored module if this person writes for its provider; otherwise a 404 (another provider's is not revealed). */
async function writable(tx: Tx | typeof db, user: SessionUser, moduleId: string) {
	const authored = await tx.authoredModule.findUnique({
		where: { id: moduleId },
		include: { provider: { select: { id: true, slug: true, name: true, jurisdictionId: true } } }
	});
	const providers = authored ? await authoringProviders(user) : [];
	if (!authored || !providers.some((p) => p.id === authored.providerId)) throw new DomainError(m.not_found(), 404);
	return authored;
}

/** What the editor and the review page show: the draft (or, when none, the latest version's text to start from). */
export async function draftFor(user: SessionUser, moduleId: string) {
	const authored = await writable(db, user, moduleId);
	const [draft, versions] = await Promise.all([
		db.moduleDraft.findUnique({ where: { moduleId } }),
		db.authoredVersion.findMany({ where: { moduleId }, orderBy: { number: 'desc' } })
	]);
	return {
		authored,
		draft,
		versions,
		status: statusOf(draft),
		mayEdit: draft?.status !== 'SUBMITTED',
		mayReview: draft?.status === 'SUBMITTED' && !draft.editorIds.includes(user.id),
		/** the text to edit: the draft's, or the latest version's without its review (a new draft begins from it) */
		text: draft?.text ?? (versions[0] ? withoutReview(versions[0].text) : ''),
		revision: draft?.revision ?? 0
	};
}

/** Every module id taken: content/ and every authored module (drafts included). */
export async function takenIds(): Promise<Set<string>> {
	const authored = await db.authoredModule.findMany({ select: { id: true } });
	return new Set([...contentModules().map((x) => x.id), ...authored.map((a) => a.id)]);
}

/** The problems a draft text has against the rules of content:check (what submitting waits on), and images it names
 *  that were never uploaded. */
export async function problemsOf(moduleId: string, text: string): Promise<DraftProblem[]> {
	const known = await takenIds();
	const problems = checkDraft(text, {
		framework: getContent().framework,
		knownModules: known,
		imageBase: imageBase(moduleId)
	});
	const split = splitFrontMatter(text);
	if (split) {
		if (frontMatterOf(text).id !== moduleId)
			problems.push({ field: 'id', bodyLine: null, message: m.authoring_id_fixed({ id: moduleId }) });
		const files = new Set(
			(await db.moduleFile.findMany({ where: { moduleId }, select: { name: true } })).map((f) => f.name)
		);
		const base = imageBase(moduleId);
		split.body.split('\n').forEach((line, i) => {
			for (const match of line.matchAll(/\]\(([^)\s]+)/g))
				if (match[1].startsWith(base) && !files.has(match[1].slice(base.length)))
					problems.push({
						field: null,
						bodyLine: i + 1,
						message: m.authoring_image_missing({ name: match[1].slice(base.length) })
					});
		});
	}
	return problems;
}

/** The provider a module names in its front-matter must be the one it is written for. */
function withProvider(text: string, slug: string): string {
	const split = splitFrontMatter(text);
	if (!split) return text;
	const lines = text.split('\n');
	const end = lines.indexOf('---', 1);
	const at = lines.slice(1, end).findIndex((l) => /^provider\s*:/.test(l));
	if (at >= 0) lines[at + 1] = `provider: ${slug}`;
	else lines.splice(end, 0, `provider: ${slug}`);
	return lines.join('\n');
}

/** The text without a recorded review (top-level reviewer / reviewedOn lines): a new draft is not reviewed. */
export function withoutReview(text: string): string {
	const lines = text.split('\n');
	const end = lines.indexOf('---', 1);
	if (!text.startsWith('---') || end < 0) return text;
	return [
		lines[0],
		...lines.slice(1, end).filter((l) => !/^(reviewer|reviewedOn)\s*:/.test(l)),
		...lines.slice(end)
	].join('\n');
}

/** The text with its review recorded after the provider line (what publishing stores). */
export function withReview(text: string, reviewer: string, reviewedOn: string): string {
	const lines = withoutReview(text).split('\n');
	const end = lines.indexOf('---', 1);
	const provider = lines.slice(1, end).findIndex((l) => /^provider\s*:/.test(l));
	const at = provider >= 0 ? provider + 2 : end;
	lines.splice(at, 0, `reviewer: ${JSON.stringify(reviewer)}`, `reviewedOn: ${reviewedOn}`);
	return lines.join('\n');
}

/** The id a module file names in its front-matter, or null. */
function idOf(text: string): string | null {
	const id = frontMatterOf(text).id;
	return typeof id === 'string' ? id : null;
}

export interface NewDraft {
	providerId: string;
	text: string;
	origin: 'NEW' | 'IMPORT' | 'COPY';
	copiedFrom?: string;
	files?: { name: string; bytes: Uint8Array }[];
}

/** Begins a module (written here, imported from a package, or copied from content/) as a draft of one provider. */
export async function createDraft(user: SessionUser, input: NewDraft): Promise<{ id: string }> {
	const prepared = await prepareDraft(user, input);
	await db.$transaction((tx) => storeNewDraft(tx, user, prepared));
	return { id: prepared.id };
}

export type PreparedDraft = Awaited<ReturnType<typeof prepareDraft>>;

/** Everything about a new draft that can be refused before anything is written: provider, id, images. */
export async function prepareDraft(user: SessionUser, input: NewDraft) {
	const provider = (await authoringProviders(user)).find((p) => p.id === input.providerId);
	if (!provider) throw new DomainError(m.error_forbidden(), 403);
	if (input.text.length > MAX_TEXT) throw new DomainError(tooLong(), 400);
	if ((input.files ?? []).length > MAX_FILES)
		throw new DomainError(m.authoring_too_many_files({ max: MAX_FILES }), 400);
	const id = idOf(input.text);
	if (!id || !MODULE_ID.test(id) || id.length > 80)
		throw new DomainError(m.authoring_id_invalid(), 400, { id: m.authoring_id_invalid() });
	if ((await takenIds()).has(id))
		throw new DomainError(m.authoring_id_taken({ id }), 400, { id: m.authoring_id_taken({ id }) });
	const files: { name: string; type: string; bytes: Uint8Array }[] = [];
	for (const f of input.files ?? [])
		files.push({ name: f.name, ...(await checkImage(f.name, f.bytes)), bytes: f.bytes });
	return { id, provider, input, files, text: withProvider(withoutReview(input.text), provider.slug) };
}

/** Opens the module's draft with `text`, its first editor `user` (the caller's transaction), and audits it. */
async function openDraft(
	tx: Tx,
	user: SessionUser,
	mod: { id: string; providerId: string },
	text: string,
	data: Record<string, string | number | null>
) {
	await tx.moduleDraft.create({ data: { moduleId: mod.id, text, editorIds: [user.id], updatedById: user.id } });
	await audit(tx, {
		actorId: user.id,
		action: 'module.draft_created',
		subjectType: 'module',
		subjectId: mod.id,
		organisationId: mod.providerId,
		data
	});
}

/** Stores an image already checked (checkImage) with a module (the caller's transaction). */
async function storeFile(
	tx: Tx,
	user: SessionUser,
	moduleId: string,
	f: { name: string; type: string; bytes: Uint8Array }
) {
	await tx.moduleFile.create({
		data: {
			moduleId,
			name: f.name,
			contentType: f.type,
			size: f.bytes.length,
			sha256: sha256(f.bytes),
			data: new Uint8Array(f.bytes),
			uploadedById: user.id
		}
	});
}

/** Writes a prepared new draft in the caller's transaction (an import writes all its modules in one). */
export async function storeNewDraft(tx: Tx, user: SessionUser, d: PreparedDraft): Promise<void> {
	await tx.authoredModule.create({
		data: {
			id: d.id,
			providerId: d.provider.id,
			createdById: user.id,
			origin: d.input.origin,
			copiedFrom: d.input.copiedFrom ?? null
		}
	});
	for (const f of d.files) await storeFile(tx, user, d.id, f);
	await openDraft(tx, user, { id: d.id, providerId: d.provider.id }, d.text, {
		origin: d.input.origin,
		copiedFrom: d.input.copiedFrom ?? null,
		files: d.files.length
	});
}

/**
 * A package brought back onto a module of the same provider (exported, edited elsewhere, imported): its text becomes
 * the module's new draft, its images are added (a name already taken must hold the same bytes). Refused while the
 * module has a draft of its own. Runs in the caller's transaction.
 */
export async function importOntoModule(
	tx: Tx,
	user: SessionUser,
	moduleId: string,
	input: { text: string; files: { name: string; bytes: Uint8Array }[] }
): Promise<void> {
	const authored = await writable(tx, user, moduleId);
	if (await lockedDraft(tx, moduleId)) throw new DomainError(m.authoring_import_has_draft({ id: moduleId }), 400);
	const existing = new Map(
		(await tx.moduleFile.findMany({ where: { moduleId }, select: { name: true, sha256: true } })).map((f) => [
			f.name,
			f.sha256
		])
	);
	for (const f of input.files) {
		const { type } = await checkImage(f.name, f.bytes);
		const known = existing.get(f.name);
		if (known && known !== sha256(f.bytes))
			throw new DomainError(m.authoring_import_file_differs({ name: f.name }), 400);
		if (!known) await storeFile(tx, user, moduleId, { name: f.name, type, bytes: f.bytes });
	}
	const text = withProvider(withoutReview(input.text), authored.provider.slug);
	await openDraft(tx, user, authored, text, { origin: 'IMPORT', files: input.files.length });
}

export type ImportTarget = 'new' | 'existing' | { refused: string };

/** What each imported module id means for this provider: a new module, its own module (a new draft of it), or
 *  refused (content/'s, another provider's, or one with a draft open). One query for the whole package. */
export async function importTargets(providerId: string, ids: string[]): Promise<Map<string, ImportTarget>> {
	const library = new Set(contentModules().map((x) => x.id));
	const authored = new Map(
		(
			await db.authoredModule.findMany({
				where: { id: { in: ids } },
				select: { id: true, providerId: true, draft: { select: { moduleId: true } } }
			})
		).map((a) => [a.id, a])
	);
	return new Map(
		ids.map((id): [string, ImportTarget] => {
			const a = authored.get(id);
			if (library.has(id)) return [id, { refused: m.authoring_import_content({ id }) }];
			if (!a) return [id, 'new'];
			if (a.providerId !== providerId) return [id, { refused: m.authoring_id_taken({ id }) }];
			if (a.draft) return [id, { refused: m.authoring_import_has_draft({ id }) }];
			return [id, 'existing'];
		})
	);
}

/** The draft row locked for a change (the transaction's), or null. */
async function lockedDraft(tx: Tx, moduleId: string) {
	const rows = await tx.$queryRaw<
		{ module_id: string }[]
	>`select module_id from module_drafts where module_id = ${moduleId} for update`;
	return rows.length ? tx.moduleDraft.findUnique({ where: { moduleId } }) : null;
}

/**
 * Saves the editor's text. Always saves (problems and all) unless the page missed another save (409: its revision is
 * older) or the draft waits for review (409). Revision 0 with no draft begins a new draft from the latest version.
 */
export async function saveDraft(
	user: SessionUser,
	moduleId: string,
	input: { revision: number; text: string }
): Promise<{ revision: number }> {
	const authored = await writable(db, user, moduleId);
	if (input.text.length > MAX_TEXT) throw new DomainError(tooLong(), 400, { body: tooLong() });
	const text = withProvider(withoutReview(input.text), authored.provider.slug);
	return db.$transaction(async (tx) => {
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`module-draft:${moduleId}`}))`;
		const draft = await lockedDraft(tx, moduleId);
		if (!draft) {
			if (input.revision !== 0) throw new DomainError(m.authoring_stale(), 409);
			await openDraft(tx, user, authored, text, { origin: 'EDIT' });
			return { revision: 1 };
		}
		if (draft.status === 'SUBMITTED') throw new DomainError(m.authoring_submitted_locked(), 409);
		if (draft.revision !== input.revision) throw new DomainError(m.authoring_stale(), 409);
		const updated = await tx.moduleDraft.update({
			where: { moduleId },
			data: {
				text,
				revision: { increment: 1 },
				updatedById: user.id,
				updatedAt: new Date(),
				editorIds: draft.editorIds.includes(user.id) ? draft.editorIds : [...draft.editorIds, user.id]
			}
		});
		return { revision: updated.revision };
	});
}

/** Sends the draft for review; refused with its problems while any remain (nothing changes). */
export async function submitDraft(user: SessionUser, moduleId: string, revision: number): Promise<void> {
	const authored = await writable(db, user, moduleId);
	const current = await db.moduleDraft.findUnique({ where: { moduleId } });
	if (!current) throw new DomainError(m.not_found(), 404);
	const problems = await problemsOf(moduleId, current.text);
	if (problems.length) throw new DomainError(m.authoring_submit_problems({ count: problems.length }), 400);
	await db.$transaction(async (tx) => {
		const draft = await lockedDraft(tx, moduleId);
		if (!draft || draft.status === 'SUBMITTED') throw new DomainError(m.authoring_submitted_locked(), 409);
		if (draft.revision !== revision) throw new DomainError(m.authoring_stale(), 409);
		await tx.moduleDraft.update({
			where: { moduleId },
			data: {
				status: 'SUBMITTED',
				submittedById: user.id,
				submittedAt: new Date(),
				editorIds: draft.editorIds.includes(user.id) ? draft.editorIds : [...draft.editorIds, user.id]
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'module.submitted',
			subjectType: 'module',
			subjectId: moduleId,
			organisationId: authored.providerId,
			data: { revision }
		});
		await noticeSubmitted(tx, {
			moduleId,
			title: titleOf(draft.text) || moduleId,
			providerId: authored.providerId,
			editorIds: draft.editorIds,
			submittedById: user.id
		});
	});
}

/** The reviewer of a submitted draft: of its provider, never one of its editors. */
async function reviewable(tx: Tx, user: SessionUser, moduleId: string) {
	const authored = await writable(tx, user, moduleId);
	const draft = await lockedDraft(tx, moduleId);
	if (!draft || draft.status !== 'SUBMITTED') throw new DomainError(m.authoring_not_submitted(), 409);
	if (draft.editorIds.includes(user.id)) throw new DomainError(m.authoring_own_module(), 403);
	return { authored, draft };
}

/** Sends a submitted draft back to its authors with the reviewer's note. */
export async function returnDraft(user: SessionUser, moduleId: string, note: string): Promise<void> {
	if (!note.trim()) throw new DomainError(m.authoring_note_required(), 400, { note: m.authoring_note_required() });
	await db.$transaction(async (tx) => {
		const { authored, draft } = await reviewable(tx, user, moduleId);
		await tx.moduleDraft.update({
			where: { moduleId },
			data: { status: 'DRAFT', returnedNote: note.trim(), returnedById: user.id, returnedAt: new Date() }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'module.returned',
			subjectType: 'module',
			subjectId: moduleId,
			organisationId: authored.providerId,
			reason: note.trim()
		});
		await noticeReturned(tx, {
			moduleId,
			title: titleOf(draft.text) || moduleId,
			editorIds: draft.editorIds,
			note: note.trim()
		});
	});
}

/**
 * Approves and publishes a submitted draft: the text with the review recorded becomes version N+1 (immutable), the
 * draft ends. The terms carry (earlier accreditations cover it) only when notional minutes, competencies and pass mark
 * are those of version N; otherwise regulators who accredited it are told a new version waits for them.
 */
export async function publishDraft(
	user: SessionUser,
	moduleId: string,
	now = new Date()
): Promise<{ number: number; termsCarried: boolean }> {
	const result = await db.$transaction(async (tx) => {
		const { authored, draft } = await reviewable(tx, user, moduleId);
		const problems = await problemsOf(moduleId, draft.text);
		if (problems.length) throw new DomainError(m.authoring_submit_problems({ count: problems.length }), 400);
		const text = withReview(draft.text, user.name, dayIn(now, 'UTC'));
		const parsed = moduleOfText(moduleId, text, 0);
		if (!parsed.module) throw new DomainError(m.authoring_submit_problems({ count: parsed.problems.length }), 400);
		const previous = await tx.authoredVersion.findFirst({ where: { moduleId }, orderBy: { number: 'desc' } });
		const terms = termsOf(parsed.module);
		const termsCarried = !!previous && previous.terms === terms;
		const number = (previous?.number ?? 0) + 1;
		const hash = sha256(text);
		if (await tx.authoredVersion.findUnique({ where: { contentHash: hash } }))
			throw new DomainError(m.authoring_unchanged(), 409);
		await tx.authoredVersion.create({
			data: {
				moduleId,
				number,
				text,
				contentHash: hash,
				editorIds: draft.editorIds,
				submittedById: draft.submittedById!,
				approvedById: user.id,
				terms,
				termsCarried,
				publishedAt: now
			}
		});
		await tx.moduleDraft.delete({ where: { moduleId } });
		await audit(tx, {
			actorId: user.id,
			action: 'module.published',
			subjectType: 'module',
			subjectId: moduleId,
			organisationId: authored.providerId,
			data: { number, contentHash: hash, terms, termsCarried, previousTerms: previous?.terms ?? null }
		});
		const title = parsed.module.title;
		await noticePublished(tx, { moduleId, title, number, editorIds: draft.editorIds });
		if (previous && !termsCarried) await noticeNewTerms(tx, moduleId, title, terms);
		return { number, termsCarried };
	});
	await syncPublished(true);
	return result;
}

/** Checks an uploaded image: name, size, and type by its content (never SVG). */
async function checkImage(name: string, bytes: Uint8Array): Promise<{ type: string }> {
	if (!FILE_NAME.test(name)) throw new DomainError(m.authoring_file_name(), 400, { file: m.authoring_file_name() });
	if (bytes.length > MAX_FILE_BYTES)
		throw new DomainError(m.authoring_file_size({ mib: MAX_FILE_BYTES / 2 ** 20 }), 400, {
			file: m.authoring_file_size({ mib: MAX_FILE_BYTES / 2 ** 20 })
		});
	const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
	if (!found || !IMAGE_TYPES[found.mime])
		throw new DomainError(m.authoring_file_type(), 400, { file: m.authoring_file_type() });
	return { type: found.mime };
}

/** A safe file name from what the browser sent: lower case, no path, one extension matching the content. */
export function fileNameFrom(original: string, type: string): string {
	const base =
		(original.split(/[\\/]/).pop() ?? '')
			.replace(/\.[^.]*$/, '')
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'image';
	return `${base.slice(0, 60)}.${IMAGE_TYPES[type]?.[0] ?? 'bin'}`;
}

/** Uploads an image with a module. A name is taken once (files are never replaced): a second upload of another image
 *  under the same name gets a numbered name; the same bytes again answer the existing file. */
export async function addFile(
	user: SessionUser,
	moduleId: string,
	input: { name: string; bytes: Uint8Array }
): Promise<{ name: string; url: string }> {
	const authored = await writable(db, user, moduleId);
	const sniffed = await fileTypeFromBuffer(input.bytes).catch(() => undefined);
	const wanted = fileNameFrom(input.name, sniffed?.mime ?? '');
	const { type } = await checkImage(wanted, input.bytes);
	const digest = sha256(input.bytes);
	return db.$transaction(async (tx) => {
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`module-files:${moduleId}`}))`;
		const existing = await tx.moduleFile.findMany({ where: { moduleId }, select: { name: true, sha256: true } });
		const same = existing.find((f) => f.sha256 === digest);
		if (same) return { name: same.name, url: imageBase(moduleId) + same.name };
		const full = m.authoring_too_many_files({ max: MAX_FILES });
		if (existing.length >= MAX_FILES) throw new DomainError(full, 400, { file: full });
		const names = new Set(existing.map((f) => f.name));
		let name = wanted;
		for (let i = 2; names.has(name); i++) name = wanted.replace(/(\.[a-z]+)$/, `-${i}$1`);
		await storeFile(tx, user, moduleId, { name, type, bytes: input.bytes });
		await audit(tx, {
			actorId: user.id,
			action: 'module.file_added',
			subjectType: 'module',
			subjectId: moduleId,
			organisationId: authored.providerId,
			data: { name, size: input.bytes.length, sha256: digest }
		});
		return { name, url: imageBase(moduleId) + name };
	});
}

/** The images uploaded with a module (for the editor's list). */
export async function filesOf(user: SessionUser, moduleId: string) {
	await writable(db, user, moduleId);
	return db.moduleFile.findMany({
		where: { moduleId },
		select: { name: true, contentType: true, size: true, createdAt: true },
		orderBy: { createdAt: 'asc' }
	});
}

/** An image of a module, for someone who may see it: anyone signed in once the module is published; its provider's
 *  authors before. Null otherwise (the route answers 404). */
export async function fileFor(
	user: SessionUser | null,
	moduleId: string,
	name: string
): Promise<{ contentType: string; data: Uint8Array } | null> {
	if (!user || !FILE_NAME.test(name)) return null;
	const file = await db.moduleFile.findUnique({
		where: { moduleId_name: { moduleId, name } },
		select: { contentType: true, data: true }
	});
	if (!file) return null;
	const published = await db.authoredVersion.count({ where: { moduleId } });
	if (!published) {
		try {
			await writable(db, user, moduleId);
		} catch {
			return null;
		}
	}
	return { contentType: file.contentType, data: new Uint8Array(file.data) };
}

export type { AuthoredVersion };
