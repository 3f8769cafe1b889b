// Who may take which modules out as a content package: a provider's administrator (or author) its own provider's
// modules (modules name their provider by organisation slug), a global administrator any. Someone who writes for no
// provider gets null (the route answers 403); another provider's module is not revealed (the route answers 404).
// A module written in the browser (issue 22) goes out as its latest published version's text, or its draft when its
// authors ask, with its images in its folder modules/<track>/<id>/: the package imports back as a draft.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '../db';
import { getContent } from '../content';
import { isAdmin } from '../auth/guards';
import { exportModules } from '../content/package';
import { DomainError } from '../errors';
import { authoringProviders, draftFor } from '../authoring/store';
import { readModuleText } from '../authoring/review';
import type { Module } from '../content/types';
import type { SessionUser } from '../auth/session';
import { m } from '$lib/paraglide/messages';

/** The provider slugs this person writes for (authoring's own list): 'all' for a global administrator. */
async function providerSlugs(user: SessionUser): Promise<Set<string> | 'all'> {
	if (isAdmin(user)) return 'all';
	return new Set((await authoringProviders(user)).map((p) => p.slug));
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

/** The images of these authored modules, by module. */
async function filesOfModules(ids: string[]): Promise<Map<string, { name: string; bytes: Uint8Array }[]>> {
	const files = new Map<string, { name: string; bytes: Uint8Array }[]>();
	if (!ids.length) return files;
	const rows = await db.moduleFile.findMany({
		where: { moduleId: { in: ids } },
		select: { moduleId: true, name: true, data: true },
		orderBy: [{ moduleId: 'asc' }, { name: 'asc' }]
	});
	for (const r of rows)
		files.set(r.moduleId, [...(files.get(r.moduleId) ?? []), { name: r.name, bytes: new Uint8Array(r.data) }]);
	return files;
}

/** The zip: an authored module's text from `text`, a content/ module's file as it lies in content/. */
function zipOf(
	mods: Module[],
	text: Map<string, Uint8Array>,
	files: Map<string, { name: string; bytes: Uint8Array }[]>,
	now?: Date
): Uint8Array<ArrayBuffer> {
	return exportModules(mods, {
		now,
		read: (mod) => text.get(mod.id) ?? new Uint8Array(fs.readFileSync(path.resolve(mod.file))),
		files: (mod) => files.get(mod.id) ?? []
	});
}

/** The content package of these modules (from exportableModules): content/ files as they lie, authored modules as
 *  their latest published version with their images. */
export async function modulePackage(mods: Module[], now?: Date): Promise<Uint8Array<ArrayBuffer>> {
	const authored = mods.filter((x) => x.authored);
	const text = new Map<string, Uint8Array>();
	if (authored.length) {
		const rows = await db.authoredVersion.findMany({
			where: { OR: authored.map((x) => ({ moduleId: x.id, number: x.authored!.number })) },
			select: { moduleId: true, text: true }
		});
		for (const r of rows) text.set(r.moduleId, new TextEncoder().encode(r.text));
	}
	return zipOf(mods, text, await filesOfModules(authored.map((x) => x.id)), now);
}

/** An authored module's draft as a content package, for the people who write for its provider (404 otherwise); 400
 *  while the draft cannot be read as a module. */
export async function draftPackage(
	user: SessionUser,
	moduleId: string,
	now?: Date
): Promise<{ zip: Uint8Array<ArrayBuffer>; fileName: string }> {
	const d = await draftFor(user, moduleId);
	if (!d.draft) throw new DomainError(m.authrev_no_draft(), 404);
	const { module } = readModuleText(moduleId, d.draft.text, getContent().framework);
	if (!module) throw new DomainError(m.authrev_export_unreadable(), 400);
	const mod: Module = { ...module, file: `modules/${module.track}/${moduleId}.md` };
	const text = new Map([[moduleId, new TextEncoder().encode(d.draft.text)]]);
	const zip = zipOf([mod], text, await filesOfModules([moduleId]), now);
	return { zip, fileName: `${moduleId}-draft.zip` };
}
