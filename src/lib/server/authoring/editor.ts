// What the editor pages do (issue 22), on top of the store: the provider's list (authored modules and its content/
// modules), a new draft from the first page (or a copy of a content/ module), the editor's state, and a save that
// answers the new revision, every problem and the preview — the module page's own Markdown pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors';
import { contentModules, getContent } from '../content';
import { headingsOf, renderMarkdown } from '../content/markdown';
import { composeModule, formOf, type ModuleForm } from './compose';
import {
	addFile,
	authoredList,
	authoringProviders,
	createDraft,
	draftFor,
	filesOf,
	imageBase,
	problemsOf,
	saveDraft,
	submitDraft,
	takenIds
} from './store';
import { applyOp, copyId, formFromFields, sortProblems, shownField, startingForm } from './editor-form';
import type { SessionUser } from '../auth/session';
import { m } from '$lib/paraglide/messages';

/** The providers this person writes for; none is a 403 (a DomainError the route's guard turns into its status). */
export async function requireAuthorProviders(user: SessionUser) {
	const providers = await authoringProviders(user);
	if (!providers.length) throw new DomainError(m.error_forbidden(), 403);
	return providers;
}

/** The list page: the modules written here, and the content/ modules of the same providers (read-only, copyable). */
export async function providerModules(user: SessionUser) {
	const providers = await requireAuthorProviders(user);
	const slugs = new Set(providers.map((p) => p.slug));
	const authored = await authoredList(user);
	const written = new Set(authored.map((a) => a.id));
	const library = contentModules()
		.filter((mod) => slugs.has(mod.provider) && !written.has(mod.id))
		.map((mod) => ({ id: mod.id, title: mod.title, version: mod.version, provider: mod.provider, draft: mod.draft }));
	return { providers, authored, library };
}

/** Every problem of a text (what submitting waits on), sorted for the page, and its preview. */
export async function review(moduleId: string, text: string, form: ModuleForm) {
	const problems = await problemsOf(moduleId, text);
	const html = renderMarkdown(form.body, { imageBase: imageBase(moduleId), title: form.title }).html;
	// the sections a question may send a learner back to: the body's headings, by their anchors
	const sections = headingsOf(form.body, form.title).map((h) => ({ id: h.id, text: h.text }));
	return { problems: sortProblems(problems, shownField), count: problems.length, html, sections };
}

/** A content/ module's file as it was loaded, for a copy: the file is read again only if it has not changed. */
const contentModule = (id: string) => contentModules().find((x) => x.id === id);

function contentText(moduleId: string): string {
	const mod = contentModule(moduleId);
	if (!mod) throw new DomainError(m.not_found(), 404);
	return fs.readFileSync(path.resolve(mod.file), 'utf8');
}

/** What the first page suggests for a copy of a content/ module: a free id and its title and track. */
export async function copyStart(moduleId: string) {
	const mod = contentModule(moduleId);
	if (!mod) return null;
	const taken = await takenIds(); // drafts too: a suggestion another draft holds would be refused
	return { copiedFrom: mod.id, id: copyId(mod.id, (id) => taken.has(id)), title: mod.title, track: mod.track };
}

export interface StartInput {
	providerId: string;
	id: string;
	title: string;
	track: string;
	copiedFrom?: string | null;
}

/** A new draft from the first page: a fresh module, or a copy of a content/ module under the chosen id and title. */
export async function startModule(user: SessionUser, input: StartInput): Promise<{ id: string }> {
	const providers = await requireAuthorProviders(user);
	const provider = providers.find((p) => p.id === input.providerId);
	if (!provider) throw new DomainError(m.modedit_provider_unknown(), 400, { providerId: m.modedit_provider_unknown() });
	if (!getContent().framework.tracks.some((t) => t.id === input.track))
		throw new DomainError(m.modedit_track_unknown(), 400, { track: m.modedit_track_unknown() });
	if (input.copiedFrom) {
		const form = formOf(contentText(input.copiedFrom));
		const text = composeModule({
			...form,
			id: input.id,
			title: input.title,
			track: input.track,
			provider: provider.slug
		});
		return createDraft(user, { providerId: provider.id, text, origin: 'COPY', copiedFrom: input.copiedFrom });
	}
	const text = composeModule(
		startingForm({ id: input.id, title: input.title, track: input.track, provider: provider.slug })
	);
	return createDraft(user, { providerId: provider.id, text, origin: 'NEW' });
}

/** The editor's state: the draft (or the latest version's text), as a form, with its problems and preview. */
export async function editorState(user: SessionUser, moduleId: string) {
	const found = await draftFor(user, moduleId);
	const form = formOf(found.text);
	const files = await filesOf(user, moduleId);
	return {
		found,
		form,
		files: files.map((f) => ({ name: f.name, size: f.size, url: `${imageBase(moduleId)}${f.name}` })),
		revision: found.revision,
		...(await review(moduleId, found.text, form))
	};
}

/**
 * One save (autosave, the Save button, or a button adding or removing a row: `op`): always saved, whatever the
 * problems; a stale revision is a 409. The id and the provider stay the module's own.
 */
export async function saveEditor(user: SessionUser, moduleId: string, revision: number, fields: FormData) {
	const found = await draftFor(user, moduleId);
	const op = fields.get('op');
	const posted = formFromFields(fields, { id: moduleId, provider: found.authored.provider.slug });
	const form = typeof op === 'string' && op ? applyOp(posted, op) : posted;
	const text = composeModule(form);
	const saved = await saveDraft(user, moduleId, { revision, text });
	return { revision: saved.revision, ...(await review(moduleId, text, form)) };
}

/** Uploads an image with the module: the snippet to paste into the body comes back with its address. */
export async function uploadImage(user: SessionUser, moduleId: string, file: File) {
	const saved = await addFile(user, moduleId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
	return { ...saved, snippet: `![${m.modedit_alt_placeholder()}](${saved.url})` };
}

/** Sends the draft for review (refused while any problem remains: the page lists them). */
export async function submitEditor(user: SessionUser, moduleId: string, revision: number) {
	await submitDraft(user, moduleId, revision);
}
