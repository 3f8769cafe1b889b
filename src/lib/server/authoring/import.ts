// Import of a content package as drafts (issue 22). The zip is read with readPackage (limits, paths outside the
// package, types by content, every module with the rules of content:check) and refused whole with every problem; an
// id already served or authored is refused too. Between the preview and the confirmation the bytes stay on the
// server (module_import_holds: a random id, tied to the person who uploaded it, forgotten after an hour — any app
// server can confirm what another previewed), so the confirmation trusts nothing the browser sends back but that id; the package is read again before anything is saved.
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import { DomainError } from '../errors';
import { getContent } from '../content';
import { readPackage, DEFAULT_LIMITS, type PackagedModule, type PackageLimits } from '../content/package';
import { renderMarkdown } from '../content/markdown';
import type { Problem } from '../content/types';
import type { SessionUser } from '../auth/session';
import {
	FILE_NAME,
	authoringProviders,
	importOntoModule,
	importTargets,
	takenIds,
	prepareDraft,
	storeNewDraft,
	type PreparedDraft
} from './store';
import { FieldError } from '../errors';
import { fileOf, uploadedFile } from '../forms/upload';
import { m } from '$lib/paraglide/messages';
import { localizeProblem } from './problem-messages';

export const IMPORT_LIMITS: PackageLimits = DEFAULT_LIMITS;
/** How long an uploaded package waits for its confirmation. */
export const HOLD_MS = 60 * 60 * 1000;

const HELD_ID = /^[0-9a-f]{32}$/;

/** Keeps the bytes for `userId`; returns the random id the confirmation names. Packages older than HOLD_MS go. */
export async function holdPackage(userId: string, bytes: Uint8Array, now = new Date()): Promise<string> {
	await db.moduleImportHold.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - HOLD_MS) } } });
	const id = randomBytes(16).toString('hex');
	await db.moduleImportHold.create({ data: { id, userId, data: new Uint8Array(bytes), createdAt: now } });
	return id;
}

/** The bytes held under `id` for this person, or null (unknown id, another person's, or older than an hour). */
export async function heldPackage(userId: string, id: string, now = new Date()): Promise<Uint8Array | null> {
	if (!HELD_ID.test(id)) return null;
	const held = await db.moduleImportHold.findUnique({ where: { id } });
	if (!held || held.userId !== userId || now.getTime() - held.createdAt.getTime() > HOLD_MS) return null;
	return new Uint8Array(held.data);
}

export async function forgetPackage(id: string): Promise<void> {
	if (HELD_ID.test(id)) await db.moduleImportHold.deleteMany({ where: { id } });
}

export interface ImportPreviewModule {
	id: string;
	title: string;
	path: string;
	questions: number;
	/** the body rendered as the module page renders it (images show as their alt text until they are stored) */
	html: string;
	images: string[];
	/** a module of this provider already: the package becomes its new draft */
	existing: boolean;
}

export type ImportCheck =
	{ ok: true; modules: ImportPreviewModule[]; packaged: PackagedModule[] } | { ok: false; problems: Problem[] };

/** The name a packaged image is stored under: its path inside the module's folder (modules/<track>/<id>/<name>). */
export function fileName(mod: PackagedModule, filePath: string): string {
	return filePath.slice(mod.path.replace(/\.md$/, '/').length);
}

const isImage = (type: string) => type.startsWith('image/');
/** The names an uploaded image may have (the store's rule: lower case, digits, - and _, one image extension). */

/** Reads and checks a package for a provider; a module of content/ or of another provider is refused, one of this
 *  provider's own (exported and edited elsewhere) becomes its new draft. */
export async function checkPackage(bytes: Uint8Array, providerId: string): Promise<ImportCheck> {
	const read = await readPackage(bytes, IMPORT_LIMITS, {
		framework: getContent().framework,
		knownModules: await takenIds()
	});
	// readPackage speaks content:check's English; the provider reads each problem in their language
	if (!read.ok)
		return {
			ok: false,
			problems: read.problems.map(({ yamlCode, ...p }) => ({ ...p, message: localizeProblem(p.message, {}, yamlCode) }))
		};
	const problems: Problem[] = [];
	const existing = new Set<string>();
	const targets = await importTargets(
		providerId,
		read.modules.map((p) => p.module.id)
	);
	for (const p of read.modules) {
		const target = targets.get(p.module.id)!;
		if (target === 'existing') existing.add(p.module.id);
		else if (target !== 'new') problems.push({ file: p.path, line: 2, message: target.refused });
		for (const f of p.files)
			if (isImage(f.type) && !FILE_NAME.test(fileName(p, f.path)))
				problems.push({ file: f.path, line: 0, message: m.authrev_import_image_name() });
	}
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		packaged: read.modules,
		modules: read.modules.map((p) => ({
			id: p.module.id,
			title: p.module.title,
			path: p.path,
			questions: p.module.assessment.questions.length,
			html: renderMarkdown(p.module.body, { title: p.module.title, imageBase: null }).html,
			images: p.files.filter((f) => isImage(f.type)).map((f) => fileName(p, f.path)),
			existing: existing.has(p.module.id)
		}))
	};
}

/**
 * Confirms the import of the package held under `heldId`: read and checked again, then each module becomes a draft
 * of `providerId` with its images. Refused (400, nothing saved) when the package is gone or no longer passes.
 */
export async function importHeld(user: SessionUser, providerId: string, heldId: string): Promise<{ ids: string[] }> {
	await providerOf(user, providerId);
	const bytes = await heldPackage(user.id, heldId);
	if (!bytes) throw new DomainError(m.authrev_import_expired(), 400, { file: m.authrev_import_expired() });
	const check = await checkPackage(bytes, providerId);
	if (!check.ok) throw new DomainError(check.problems.map((p) => p.message).join(' '), 400);
	// everything refusable is checked first; then every module is written in one transaction (all or nothing)
	type Plan =
		{ prepared: PreparedDraft } | { existing: string; text: string; files: { name: string; bytes: Uint8Array }[] };
	const planned: Plan[] = [];
	for (const [i, p] of check.packaged.entries()) {
		const files = p.files.filter((f) => isImage(f.type)).map((f) => ({ name: fileName(p, f.path), bytes: f.bytes }));
		planned.push(
			check.modules[i].existing
				? { existing: p.module.id, text: p.text, files }
				: { prepared: await prepareDraft(user, { providerId, text: p.text, origin: 'IMPORT', files }) }
		);
	}
	await db.$transaction(async (tx) => {
		for (const x of planned)
			if ('prepared' in x) await storeNewDraft(tx, user, x.prepared);
			else await importOntoModule(tx, user, x.existing, { text: x.text, files: x.files });
	});
	const ids = planned.map((x) => ('prepared' in x ? x.prepared.id : x.existing));
	await forgetPackage(heldId);
	return { ids };
}

/** One of this person's providers, else a message beside the provider field. */
async function providerOf(user: SessionUser, providerId: string) {
	const provider = (await authoringProviders(user)).find((p) => p.id === providerId);
	if (!provider) throw new FieldError('providerId', m.authrev_provider_choose());
	return provider;
}

export type ImportPreview =
	| { ok: true; modules: ImportPreviewModule[]; heldId: string; providerId: string; providerName: string }
	| { ok: false; problems: Problem[] };

/** The upload: the provider checked, the zip read and checked; a good package is held for the confirmation. */
export async function previewImport(user: SessionUser, providerId: string, form: FormData): Promise<ImportPreview> {
	const provider = await providerOf(user, providerId);
	if (!fileOf(form, 'file')) throw new FieldError('file', m.authrev_file_zip());
	const file = uploadedFile(form, 'file', IMPORT_LIMITS.maxBytes, () =>
		m.authrev_file_big({ mb: Math.round(IMPORT_LIMITS.maxBytes / 1024 / 1024) })
	);
	const bytes = new Uint8Array(await file.arrayBuffer());
	const check = await checkPackage(bytes, provider.id);
	if (!check.ok) return { ok: false, problems: check.problems };
	const heldId = await holdPackage(user.id, bytes);
	return { ok: true, modules: check.modules, heldId, providerId: provider.id, providerName: provider.name };
}
