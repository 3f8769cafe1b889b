// Content packages: modules as a zip in the content/ format (content/FORMAT.md), to take a provider's modules out and,
// later, to bring a package back in as drafts. A package is untrusted input: readPackage checks the zip's own
// directory (sizes, entry count, paths, symlinks) before inflating anything, then each file's type by its content,
// then every module with the rules of content:check. Any problem refuses the whole package: nothing is returned.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { splitFrontMatter } from './load.ts';
import { parseYaml } from './yaml-source.ts';
import { checkLinks, checkModule } from './validate.ts';
import type { Framework, Module, Problem } from './types.ts';

export const PACKAGE_FORMAT = 'credo-content-package';
export const PACKAGE_VERSION = 1;

export interface ManifestEntry {
	id: string;
	version: string;
	track: string;
	provider: string;
	path: string;
	sha256: string;
}

export interface Manifest {
	format: typeof PACKAGE_FORMAT;
	formatVersion: number;
	exportedAt: string;
	modules: ManifestEntry[];
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The module's path inside content/ and inside a package: `modules/<track>/<id>.md`, as it lies in content/. */
export function packagePath(mod: Pick<Module, 'file'>): string {
	const file = mod.file.split(path.sep).join('/');
	const at = file.lastIndexOf('modules/');
	if (at < 0) throw new Error(`${mod.file} is not under a modules/ folder`);
	return file.slice(at);
}

/**
 * A zip of the modules in the content/ format: each module's file exactly as it is in content/ (front-matter with the
 * question bank, then the body) at its own path, and manifest.json (ids, versions, sha-256 of each file, when). A
 * file that changed since content/ was loaded (its hash differs from the module's) is refused: the package would
 * carry a version learners were never credited against.
 */
export function exportModules(
	modules: Module[],
	options: {
		now?: Date;
		read?: (mod: Module) => Uint8Array;
		/** the module's own files (an authored module's images), packed in its folder modules/<track>/<id>/ */
		files?: (mod: Module) => { name: string; bytes: Uint8Array }[];
	} = {}
): Uint8Array<ArrayBuffer> {
	const now = options.now ?? new Date();
	const read = options.read ?? ((mod: Module) => new Uint8Array(fs.readFileSync(path.resolve(mod.file))));
	const files: Zippable = {};
	const entries: ManifestEntry[] = [];
	for (const mod of [...modules].sort((a, b) => a.id.localeCompare(b.id))) {
		const bytes = read(mod);
		const hash = sha256(bytes);
		if (hash !== mod.hash) throw new Error(`${mod.file} changed since content/ was loaded`);
		const at = packagePath(mod);
		files[at] = [bytes, { mtime: now }];
		for (const f of options.files?.(mod) ?? []) files[at.replace(/\.md$/, '/') + f.name] = [f.bytes, { mtime: now }];
		entries.push({ id: mod.id, version: mod.version, track: mod.track, provider: mod.provider, path: at, sha256: hash });
	}
	const manifest: Manifest = {
		format: PACKAGE_FORMAT,
		formatVersion: PACKAGE_VERSION,
		exportedAt: now.toISOString(),
		modules: entries
	};
	files['manifest.json'] = [new TextEncoder().encode(JSON.stringify(manifest, null, '\t') + '\n'), { mtime: now }];
	return zipSync(files, { level: 6, mtime: now }) as Uint8Array<ArrayBuffer>; // fflate allocates a plain ArrayBuffer
}

export interface PackageLimits {
	/** the zip file itself */
	maxBytes: number;
	/** the sum of the sizes its directory declares once inflated */
	maxUncompressedBytes: number;
	/** one inflated file */
	maxFileBytes: number;
	maxEntries: number;
}

export const DEFAULT_LIMITS: PackageLimits = {
	maxBytes: 10 * 1024 * 1024,
	maxUncompressedBytes: 50 * 1024 * 1024,
	maxFileBytes: 5 * 1024 * 1024,
	maxEntries: 500
};

/** The image types a package may carry, by content (never SVG: it can hold script). */
export const IMAGE_TYPES: Record<string, string[]> = {
	'image/png': ['png'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/gif': ['gif'],
	'image/webp': ['webp']
};

export interface PackagedFile {
	/** the path inside the package, under the module's own folder modules/<track>/<id>/ */
	path: string;
	bytes: Uint8Array;
	/** the type found by content (images) or text/yaml */
	type: string;
}

export interface PackagedModule {
	path: string;
	/** the module file as it came, and its sha-256: what a draft would hold */
	text: string;
	hash: string;
	module: Module;
	/** images and YAML files in modules/<track>/<id>/ */
	files: PackagedFile[];
}

export type PackageResult =
	| { ok: true; modules: PackagedModule[]; manifest: Manifest | null }
	| { ok: false; problems: Problem[] };

/** A zip entry as its central directory declares it. */
interface Entry {
	name: string;
	method: number;
	flags: number;
	compressedSize: number;
	size: number;
	crc: number;
	unixMode: number | null;
	isDirectory: boolean;
}

const PACKAGE = '(package)';
const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Reads the central directory without inflating anything; a string is the reason it cannot be read. */
function directory(bytes: Uint8Array): Entry[] | string {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	if (eocd < 0) return 'the file is not a zip';
	const count = view.getUint16(eocd + 10, true);
	const cdSize = view.getUint32(eocd + 12, true);
	const cdOffset = view.getUint32(eocd + 16, true);
	if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return 'zip64 packages are not accepted';
	if (cdOffset + cdSize > eocd) return 'the zip directory is damaged';
	const entries: Entry[] = [];
	let at = cdOffset;
	for (let n = 0; n < count; n++) {
		if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) return 'the zip directory is damaged';
		const madeBy = view.getUint16(at + 4, true) >> 8;
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		const external = view.getUint32(at + 38, true);
		const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
		const name = new TextDecoder('utf-8').decode(nameBytes);
		const entry: Entry = {
			name,
			flags: view.getUint16(at + 8, true),
			method: view.getUint16(at + 10, true),
			crc: view.getUint32(at + 16, true),
			compressedSize: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			unixMode: madeBy === 3 ? external >>> 16 : null,
			isDirectory: name.endsWith('/')
		};
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) return 'zip64 packages are not accepted';
		entries.push(entry);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Why a path may not be in a package, or null. */
export function pathProblem(name: string): string | null {
	if (name.includes('\0')) return 'the path contains a NUL character';
	// eslint-disable-next-line no-control-regex
	if (/[\u0001-\u001f\u007f]/.test(name)) return 'the path contains a control character';
	if (name.includes('\\')) return 'the path contains a backslash';
	if (/^[a-zA-Z]:/.test(name)) return 'the path starts with a drive letter';
	if (name.startsWith('/')) return 'the path is absolute';
	const segments = name.replace(/\/$/, '').split('/');
	if (segments.some((s) => s === '..')) return 'the path contains ..';
	if (segments.some((s) => s === '' || s === '.')) return 'the path has an empty or . segment';
	if (name !== 'manifest.json' && segments[0] !== 'modules') return 'the path is outside modules/';
	return null;
}

const TEXT_EXTENSIONS = ['md', 'yaml', 'yml'];
const IMAGE_EXTENSIONS = Object.values(IMAGE_TYPES).flat();

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/**
 * Reads a package and checks all of it; refuses it whole, with every problem by file (and line, for modules), or
 * returns its modules ready to become drafts. `framework` is what modules are checked against; `knownModules` are the
 * ids a link `/learn/<id>` may name besides the package's own.
 */
export async function readPackage(
	bytes: Uint8Array,
	limits: PackageLimits,
	context: { framework: Framework; knownModules?: Iterable<string> }
): Promise<PackageResult> {
	const refuse = (problems: Problem[]): PackageResult => ({ ok: false, problems });
	const whole = (message: string) => refuse([{ file: PACKAGE, line: 0, message }]);
	if (bytes.length > limits.maxBytes)
		return whole(`the package is ${mb(bytes.length)}; the most a package may be is ${mb(limits.maxBytes)}`);
	const dir = directory(bytes);
	if (typeof dir === 'string') return whole(dir);
	if (dir.length > limits.maxEntries)
		return whole(`the package holds ${dir.length} entries; the most it may hold is ${limits.maxEntries}`);

	// everything the directory says, before a byte is inflated
	const problems: Problem[] = [];
	const at = (file: string, message: string, line = 0) => problems.push({ file, line, message });
	let declared = 0;
	const seen = new Set<string>();
	for (const e of dir) {
		declared += e.size;
		const bad = pathProblem(e.name);
		if (bad) {
			at(e.name, bad);
			continue;
		}
		if (seen.has(e.name)) at(e.name, 'the package holds this path twice');
		seen.add(e.name);
		const type = e.unixMode === null ? 0 : e.unixMode & 0o170000;
		if (type === 0o120000) at(e.name, 'symbolic links are not accepted');
		else if (type !== 0 && type !== 0o100000 && type !== 0o040000) at(e.name, 'only files and folders are accepted');
		if (e.flags & 1) at(e.name, 'encrypted files are not accepted');
		if (e.method !== 0 && e.method !== 8) at(e.name, 'the file is compressed in a way Credo does not read');
		if (e.size > limits.maxFileBytes) at(e.name, `the file is ${mb(e.size)} once unpacked; the most a file may be is ${mb(limits.maxFileBytes)}`);
		if (e.isDirectory) continue;
		const ext = e.name.includes('.') ? e.name.slice(e.name.lastIndexOf('.') + 1).toLowerCase() : '';
		if (e.name !== 'manifest.json' && !TEXT_EXTENSIONS.includes(ext) && !IMAGE_EXTENSIONS.includes(ext))
			at(e.name, `a .${ext || '(none)'} file is not accepted: only modules (.md), YAML (.yaml, .yml), manifest.json and images (${IMAGE_EXTENSIONS.map((x) => `.${x}`).join(', ')})`);
	}
	if (declared > limits.maxUncompressedBytes)
		at(PACKAGE, `the package unpacks to ${mb(declared)}; the most it may unpack to is ${mb(limits.maxUncompressedBytes)}`);
	if (problems.length) return refuse(problems);

	let files: Record<string, Uint8Array>;
	try {
		const sizes = new Map(dir.map((e) => [e.name, e]));
		files = unzipSync(bytes, {
			// the directory fflate reads is the one checked above; anything else is not inflated
			filter: (f) => {
				const e = sizes.get(f.name);
				return !!e && !e.isDirectory && f.originalSize === e.size && f.originalSize <= limits.maxFileBytes;
			}
		});
	} catch {
		return whole('the zip is damaged and cannot be unpacked');
	}
	for (const e of dir) {
		if (e.isDirectory) continue;
		const data = files[e.name];
		if (!data || data.length !== e.size || crc32(data) !== e.crc) at(e.name, 'the file is damaged in the zip');
	}
	if (problems.length) return refuse(problems);

	// each file by its content
	const text = new Map<string, string>();
	let manifest: Manifest | null = null;
	const attached: PackagedFile[] = [];
	for (const [name, data] of Object.entries(files)) {
		const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
		if (IMAGE_EXTENSIONS.includes(ext)) {
			const found = await fileTypeFromBuffer(data);
			if (!found || !IMAGE_TYPES[found.mime]) at(name, `the file is not an image of an accepted type (found ${found?.mime ?? 'no known type'})`);
			else if (!IMAGE_TYPES[found.mime].includes(ext)) at(name, `the file is ${found.mime} but named .${ext}`);
			else attached.push({ path: name, bytes: data, type: found.mime });
			continue;
		}
		let decoded: string;
		try {
			decoded = new TextDecoder('utf-8', { fatal: true }).decode(data);
		} catch {
			at(name, 'the file is not UTF-8 text');
			continue;
		}
		if (decoded.includes('\0') || (await fileTypeFromBuffer(data))) {
			at(name, 'the file is not text');
			continue;
		}
		if (name === 'manifest.json') {
			try {
				manifest = JSON.parse(decoded) as Manifest;
			} catch {
				at(name, 'manifest.json is not valid JSON');
			}
			continue;
		}
		if (ext === 'md') text.set(name, decoded);
		else {
			const src = parseYaml(name, decoded);
			for (const e of src.errors) problems.push({ file: name, ...e });
			attached.push({ path: name, bytes: data, type: 'application/yaml' });
		}
	}

	// every module, with the rules of content:check
	const modules: PackagedModule[] = [];
	const ids = new Set<string>(context.knownModules ?? []);
	const packageIds = new Set<string>();
	for (const name of [...text.keys()].sort()) {
		const parts = name.split('/');
		const slug = parts[parts.length - 1].replace(/\.md$/, '');
		if (parts.length !== 3) {
			at(name, 'a module lies at modules/<track>/<id>.md', 1);
			continue;
		}
		if (packageIds.has(slug)) at(name, `duplicate module id ${slug}`, 2);
		packageIds.add(slug);
		ids.add(slug);
		const source = text.get(name)!;
		const split = splitFrontMatter(source);
		if (!split) {
			at(name, 'a module starts with front-matter between --- lines', 1);
			continue;
		}
		const src = parseYaml(name, split.fm, 2);
		for (const e of src.errors) problems.push({ file: name, ...e });
		const hash = sha256(source);
		const result = checkModule(src, context.framework, { body: split.body, bodyLine: split.bodyLine, hash, slug });
		problems.push(...result.problems);
		if (!result.module) continue;
		if (result.module.track !== parts[1]) at(name, `the module's track is ${result.module.track}: it lies in modules/${result.module.track}/`, src.line(['track']));
		const folder = `modules/${parts[1]}/${slug}/`;
		modules.push({ path: name, text: source, hash, module: result.module, files: attached.filter((f) => f.path.startsWith(folder)) });
	}
	problems.push(...checkLinks(modules.map((m) => m.module), ids));
	for (const f of attached)
		if (!modules.some((m) => m.files.includes(f)) && !problems.some((p) => p.file === f.path))
			at(f.path, 'a file belongs in the folder of a module of the package: modules/<track>/<id>/');
	if (manifest) {
		const entries = Array.isArray(manifest.modules) ? manifest.modules : [];
		if (manifest.format !== PACKAGE_FORMAT || !Array.isArray(manifest.modules)) at('manifest.json', 'manifest.json is not a Credo content package manifest');
		for (const e of entries) {
			const mod = modules.find((m) => m.path === e?.path);
			if (text.has(String(e?.path)) && mod && mod.hash !== e.sha256)
				at(String(e.path), `the file differs from the one exported (manifest.json gives another sha-256)`, 1);
			if (!text.has(String(e?.path))) at('manifest.json', `manifest.json lists ${String(e?.path)}, which the package does not hold`);
		}
	}
	if (!text.size && !problems.length) at(PACKAGE, 'the package holds no module');
	if (problems.length) return refuse(problems);
	return { ok: true, modules, manifest };
}
