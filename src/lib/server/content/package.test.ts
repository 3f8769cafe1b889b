// Content packages: a module exported and read back is the same file; every unsafe zip is refused whole, with its
// reason, before anything is inflated where the directory already tells.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import fs from 'node:fs';
import { loadContent } from './load';
import { DEFAULT_LIMITS, exportModules, readPackage, type PackageResult } from './package';

const { content } = loadContent(path.resolve('content'));
const framework = content.framework;
const context = { framework, knownModules: content.modules.map((m) => m.id) };
const mod = content.modules.find((m) => m.id === 'care-gatekeeping')!;
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const PNG = Uint8Array.from(
	Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
);

function problems(r: PackageResult) {
	expect(r.ok).toBe(false);
	return r.ok ? [] : r.problems;
}

/** A zip whose central directory says what the test wants (fflate writes the rest). */
function patched(files: Record<string, Uint8Array>, patch: (view: DataView, cd: number, bytes: Uint8Array) => void) {
	const bytes = zipSync(files, { level: 0 });
	const view = new DataView(bytes.buffer);
	let eocd = bytes.length - 22;
	while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
	patch(view, view.getUint32(eocd + 16, true), bytes);
	return bytes;
}

describe('exportModules', () => {
	it('a module exported and read back: same files, same hashes, no problems', async () => {
		const zip = exportModules([mod], { now: new Date('2026-05-01T10:00:00Z') });
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual(['manifest.json', 'modules/care-reform/care-gatekeeping.md']);
		const original = fs.readFileSync(path.resolve(mod.file));
		expect(Buffer.from(files['modules/care-reform/care-gatekeeping.md']).equals(original)).toBe(true);
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
		expect(manifest).toMatchObject({
			format: 'credo-content-package',
			exportedAt: '2026-05-01T10:00:00.000Z',
			modules: [{ id: mod.id, version: mod.version, path: 'modules/care-reform/care-gatekeeping.md', sha256: sha(original) }]
		});
		const r = await readPackage(zip, DEFAULT_LIMITS, context);
		expect(r.ok ? [] : r.problems).toEqual([]);
		if (!r.ok) return;
		expect(r.modules.map((m) => [m.path, m.hash, m.module.id, m.module.version])).toEqual([
			['modules/care-reform/care-gatekeeping.md', mod.hash, mod.id, mod.version]
		]);
		expect(r.modules[0].module.assessment).toEqual(mod.assessment);
		expect(r.modules[0].text).toBe(original.toString('utf8'));
	});

	it('all modules of content/ round-trip', async () => {
		const r = await readPackage(exportModules(content.modules), DEFAULT_LIMITS, context);
		expect(r.ok ? [] : r.problems).toEqual([]);
		expect(r.ok && r.modules.map((m) => m.hash).sort()).toEqual(content.modules.map((m) => m.hash).sort());
	});

	it('refuses a module whose file changed since content/ was loaded', () => {
		expect(() => exportModules([mod], { read: () => strToU8('changed') })).toThrow(/changed since/);
	});
});

describe('readPackage refuses, with a message and nothing returned', () => {
	const md = fs.readFileSync(path.resolve(mod.file));
	const ok = { 'modules/care-reform/care-gatekeeping.md': new Uint8Array(md) };
	const one = async (files: Record<string, Uint8Array>, limits = DEFAULT_LIMITS) =>
		problems(await readPackage(zipSync(files), limits, context));

	it.each([
		['../x.md', 'the path contains ..'],
		['/etc/passwd', 'the path is absolute'],
		['C:\\x', 'the path contains a backslash'],
		['C:/x.md', 'the path starts with a drive letter'],
		['modules/../../x.md', 'the path contains ..'],
		['modules/a\0b.md', 'the path contains a NUL character'],
		['other/x.md', 'the path is outside modules/'],
		['x.md', 'the path is outside modules/']
	])('a path %j', async (name, message) => {
		const found = await one({ ...ok, [name]: strToU8('x') });
		expect(found).toContainEqual({ file: name, line: 0, message });
	});

	it('a symlink entry', async () => {
		const bytes = patched({ ...ok, 'modules/care-reform/link.md': strToU8('/etc/passwd') }, (view, cd, b) => {
			// the second central header: made by Unix (3), mode 0120777 (a symbolic link)
			let at = cd;
			at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
			view.setUint16(at + 4, (3 << 8) | 20, true);
			view.setUint32(at + 38, (0o120777 << 16) >>> 0, true);
			void b;
		});
		expect(problems(await readPackage(bytes, DEFAULT_LIMITS, context))).toContainEqual({
			file: 'modules/care-reform/link.md',
			line: 0,
			message: 'symbolic links are not accepted'
		});
	});

	it('a 200 MB declared size (a zip bomb), before inflating', async () => {
		const bytes = patched(ok, (view, cd) => view.setUint32(cd + 24, 200 * 1024 * 1024, true));
		const found = problems(await readPackage(bytes, DEFAULT_LIMITS, context));
		expect(found).toContainEqual({
			file: 'modules/care-reform/care-gatekeeping.md',
			line: 0,
			message: 'the file is 200 MB once unpacked; the most a file may be is 5 MB'
		});
		expect(found).toContainEqual({ file: '(package)', line: 0, message: 'the package unpacks to 200 MB; the most it may unpack to is 50 MB' });
	});

	it('a package over the size limit', async () => {
		const found = await one(ok, { ...DEFAULT_LIMITS, maxBytes: 1000 });
		expect(found).toEqual([{ file: '(package)', line: 0, message: expect.stringMatching(/^the package is .* MB; the most a package may be is 0 MB$/) }]);
	});

	it('too many entries', async () => {
		const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`modules/care-reform/care-gatekeeping/${i}.yaml`, strToU8('a: 1')]));
		expect(await one({ ...ok, ...many }, { ...DEFAULT_LIMITS, maxEntries: 10 })).toEqual([
			{ file: '(package)', line: 0, message: 'the package holds 12 entries; the most it may hold is 10' }
		]);
	});

	it('an .exe', async () => {
		expect(await one({ ...ok, 'modules/care-reform/run.exe': strToU8('MZ') })).toEqual([
			{
				file: 'modules/care-reform/run.exe',
				line: 0,
				message: 'a .exe file is not accepted: only modules (.md), YAML (.yaml, .yml), manifest.json and images (.png, .jpg, .jpeg, .gif, .webp)'
			}
		]);
	});

	it('a .png that is really HTML; a real PNG is accepted with its module', async () => {
		expect(await one({ ...ok, 'modules/care-reform/care-gatekeeping/chart.png': strToU8('<html><script>alert(1)</script></html>') })).toEqual([
			{ file: 'modules/care-reform/care-gatekeeping/chart.png', line: 0, message: 'the file is not an image of an accepted type (found no known type)' }
		]);
		const r = await readPackage(zipSync({ ...ok, 'modules/care-reform/care-gatekeeping/chart.png': PNG }), DEFAULT_LIMITS, context);
		expect(r.ok && r.modules[0].files.map((f) => [f.path, f.type])).toEqual([['modules/care-reform/care-gatekeeping/chart.png', 'image/png']]);
	});

	it('a module with a bad front-matter field, at its file and line', async () => {
		const bad = md.toString('utf8').replace(/^level: .*$/m, 'level: grand-master');
		const line = bad.split('\n').findIndex((l) => l.startsWith('level:')) + 1;
		expect(await one({ 'modules/care-reform/care-gatekeeping.md': strToU8(bad) })).toEqual([
			{ file: 'modules/care-reform/care-gatekeeping.md', line, message: 'unknown level id grand-master' }
		]);
	});

	it('a manifest hash that does not match its file', async () => {
		const zip = unzipSync(exportModules([mod]));
		zip['modules/care-reform/care-gatekeeping.md'] = strToU8(md.toString('utf8') + '\nOne more line.\n');
		const found = await one(zip);
		expect(found).toContainEqual({
			file: 'modules/care-reform/care-gatekeeping.md',
			line: 1,
			message: 'the file differs from the one exported (manifest.json gives another sha-256)'
		});
	});

	it('not a zip', async () => {
		expect(problems(await readPackage(strToU8('hello'), DEFAULT_LIMITS, context))).toEqual([
			{ file: '(package)', line: 0, message: 'the file is not a zip' }
		]);
	});
});
