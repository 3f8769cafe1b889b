// Import of content packages as drafts, the files route's rules and the export round trip (issue 22), on the real
// database through the store the pages call.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { zipSync, unzipSync } from 'fflate';
import { db } from '../db';
import { getContent } from '../content';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { createDraft, submitDraft, publishDraft, draftFor } from './store';
import { heldPackage, importHeld, previewImport } from './import';
import { localizeProblem } from './problem-messages';
import { draftPackage, exportableModules, modulePackage } from '../learning/module-packages';
import { GET as fileRoute } from '../../../routes/modules/[module]/files/[name]/+server';

// a 1×1 PNG
const PNG = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	)
);

const source = () => getContent().modules.find((x) => !x.draft && !x.authored)!;
/** A content/ module's file under another id, with an image of its own in the body. */
function moduleText(id: string, withImage = true) {
	const text = fs.readFileSync(source().file, 'utf8').replace(/^id: .*$/m, `id: ${id}`);
	return withImage ? `${text.trimEnd()}\n\n![A picture](/modules/${id}/files/pic.png)\n` : text;
}
const form = (providerId: string, zip: Uint8Array) => {
	const f = new FormData();
	f.set('providerId', providerId);
	f.set('file', new File([zip as Uint8Array<ArrayBuffer>], 'package.zip', { type: 'application/zip' }));
	return f;
};

async function setup() {
	const j = await makeJurisdiction();
	const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const author = await sessionUserOf((await makeUser([{ role: 'AUTHOR', organisationId: org.id }])).id);
	const reviewer = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: org.id }])).id);
	const outsider = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: other.id }])).id);
	const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER', organisationId: org.id }])).id);
	return { org, other, author, reviewer, outsider, learner };
}

const newId = () => `imp-${randomUUID().slice(0, 8)}`;

describe('import of a content package', () => {
	it('refuses a zip with a path outside its folder, and saves nothing', async () => {
		const { org, author } = await setup();
		const id = newId();
		const zip = zipSync({
			[`modules/${source().track}/${id}.md`]: new TextEncoder().encode(moduleText(id)),
			'../evil.md': new Uint8Array([65])
		});
		const before = await db.authoredModule.count();
		const preview = await previewImport(author, org.id, form(org.id, zip));
		expect(preview.ok).toBe(false);
		// said in the reader's words (problem-messages.ts), not readPackage's English
		if (!preview.ok) {
			expect(preview.problems.map((p) => p.message)).toContain(localizeProblem('the path contains ..'));
			expect(preview.problems.map((p) => p.message)).not.toContain('the path contains ..');
		}
		expect(await db.authoredModule.count()).toBe(before);
		expect(await db.authoredModule.findUnique({ where: { id } })).toBeNull();
	});

	it('refuses a module of the library (content/) with a message naming it', async () => {
		const { org, author } = await setup();
		const taken = source();
		const zip = zipSync({ [`modules/${taken.track}/${taken.id}.md`]: fs.readFileSync(taken.file) });
		const preview = await previewImport(author, org.id, form(org.id, zip));
		expect(preview.ok).toBe(false);
		if (!preview.ok)
			expect(preview.problems.some((p) => p.message.includes(taken.id) && /library/.test(p.message))).toBe(true);
	});

	it('previews a good package, holds it for its uploader only, and makes drafts with their images', async () => {
		const { org, other, author, reviewer } = await setup();
		const id = newId();
		const track = source().track;
		const zip = zipSync({
			[`modules/${track}/${id}.md`]: new TextEncoder().encode(moduleText(id)),
			[`modules/${track}/${id}/pic.png`]: PNG
		});
		const preview = await previewImport(author, org.id, form(org.id, zip));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		expect(preview.modules).toEqual([expect.objectContaining({ id, images: ['pic.png'] })]);
		expect(preview.modules[0].questions).toBe(source().assessment.questions.length);
		expect(await db.authoredModule.findUnique({ where: { id } })).toBeNull(); // nothing before the confirmation
		expect(await heldPackage(reviewer.id, preview.heldId)).toBeNull(); // another person cannot confirm it
		await expect(importHeld(author, other.id, preview.heldId)).rejects.toMatchObject({
			fields: { providerId: expect.any(String) }
		});

		const { ids } = await importHeld(author, org.id, preview.heldId);
		expect(ids).toEqual([id]);
		const authored = await db.authoredModule.findUnique({ where: { id }, include: { draft: true, files: true } });
		expect(authored).toMatchObject({ origin: 'IMPORT', providerId: org.id });
		expect(authored!.draft!.text).toContain(`provider: ${org.slug}`);
		expect(authored!.files.map((f) => [f.name, f.contentType])).toEqual([['pic.png', 'image/png']]);
		expect(await heldPackage(author.id, preview.heldId)).toBeNull(); // forgotten once used
	});
});

describe('files and export of an authored module', () => {
	async function published() {
		const s = await setup();
		const id = newId();
		await createDraft(s.author, {
			providerId: s.org.id,
			text: moduleText(id),
			origin: 'NEW',
			files: [{ name: 'pic.png', bytes: PNG }]
		});
		const d = await draftFor(s.author, id);
		await submitDraft(s.author, id, d.revision);
		return { ...s, id };
	}
	const get = async (user: unknown, module: string, name: string) => {
		try {
			const r = await fileRoute({
				locals: { user },
				params: { module, name },
				url: new URL(`http://x/modules/${module}/files/${name}`)
			} as unknown as Parameters<typeof fileRoute>[0]);
			return { status: r.status, headers: r.headers, body: new Uint8Array(await r.arrayBuffer()) };
		} catch (e) {
			return { status: (e as { status?: number }).status ?? 500, headers: new Headers(), body: new Uint8Array() };
		}
	};

	it('serves a draft’s image to its provider only, a published one to anyone signed in, with safe headers', async () => {
		const { id, author, reviewer, outsider, learner } = await published();
		expect((await get(author, id, 'pic.png')).status).toBe(200);
		expect((await get(outsider, id, 'pic.png')).status).toBe(404);
		expect((await get(learner, id, 'pic.png')).status).toBe(404);
		expect((await get(null, id, 'pic.png')).status).toBe(303);
		expect((await get(author, id, 'other.png')).status).toBe(404);
		await publishDraft(reviewer, id);
		const r = await get(learner, id, 'pic.png');
		expect(r.status).toBe(200);
		expect(r.body).toEqual(PNG);
		expect(r.headers.get('content-type')).toBe('image/png');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('content-security-policy')).toBe("default-src 'none'");
		expect(r.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect((await get(null, id, 'pic.png')).status).toBe(303);
	});

	it('exports the published version with its images, and the package imports back as a draft', async () => {
		const { id, org, author, reviewer, outsider } = await published();
		// the draft, by its authors only
		const draftZip = await draftPackage(author, id);
		expect(Object.keys(unzipSync(draftZip.zip))).toContain(`modules/${source().track}/${id}/pic.png`);
		await expect(draftPackage(outsider, id)).rejects.toMatchObject({ status: 404 });
		await publishDraft(reviewer, id);
		const mods = (await exportableModules(reviewer))!;
		const mod = mods.find((x) => x.id === id)!;
		expect(mod.authored).toEqual({ number: 1 });
		expect((await exportableModules(outsider))!.some((x) => x.id === id)).toBe(false);
		const zip = await modulePackage([mod]);
		const files = unzipSync(zip);
		const version = await db.authoredVersion.findFirstOrThrow({ where: { moduleId: id } });
		expect(new TextDecoder().decode(files[`modules/${mod.track}/${id}.md`])).toBe(version.text);
		expect(files[`modules/${mod.track}/${id}/pic.png`]).toEqual(PNG);

		// back in under another id (the original is taken): a draft with the same text and image
		const copy = newId();
		const renamed: Record<string, Uint8Array> = {
			[`modules/${mod.track}/${copy}.md`]: new TextEncoder().encode(
				version.text.replace(/^id: .*$/m, `id: ${copy}`).replaceAll(`/modules/${id}/files/`, `/modules/${copy}/files/`)
			),
			[`modules/${mod.track}/${copy}/pic.png`]: files[`modules/${mod.track}/${id}/pic.png`]
		};
		// the exported package itself comes back as the module's new draft (edited elsewhere, brought back)
		const own = await previewImport(author, org.id, form(org.id, zip));
		expect(own.ok && own.modules[0].existing).toBe(true);
		if (own.ok) await importHeld(author, org.id, own.heldId);
		const again = await draftFor(author, id);
		expect(again.draft!.text).toBe(version.text.replace(/^reviewer: .*\n^reviewedOn: .*\n/m, ''));
		expect(again.authored.origin).not.toBe('IMPORT'); // the same module, not a new one
		// while that draft is open, the same package is refused (nothing is overwritten); another provider's too
		const twice = await previewImport(author, org.id, form(org.id, zip));
		expect(twice.ok).toBe(false);
		if (!twice.ok) expect(twice.problems[0].message).toMatch(/has a draft already/);
		const preview = await previewImport(author, org.id, form(org.id, zipSync(renamed)));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		await importHeld(author, org.id, preview.heldId);
		const back = await draftFor(author, copy);
		expect(back.draft!.text).not.toMatch(/^reviewer:/m); // a new draft is not reviewed
		expect(back.authored.origin).toBe('IMPORT');
		expect(await db.moduleFile.count({ where: { moduleId: copy, name: 'pic.png' } })).toBe(1);
	});
});
