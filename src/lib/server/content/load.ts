// Reads content/ (framework YAML + Markdown modules) and checks it. Returns every problem as file:line: message;
// the app refuses to start and the build fails while any problem remains (see index.ts and vite.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseYaml, type Source } from './yaml-source.ts';
import { checkFramework, checkModule, checkLinks, CONTENT_LOCALES } from './validate.ts';
import type { Content, Framework, Module, Problem } from './types.ts';

export interface Loaded {
	content: Content;
	problems: Problem[];
}

function readList<T>(root: string, rel: string, problems: Problem[]): { items: T[]; src: Source | null } {
	const file = path.join(root, rel);
	if (!fs.existsSync(file)) {
		problems.push({ file, line: 1, message: `missing file ${rel}` });
		return { items: [], src: null };
	}
	const src = parseYaml(path.relative(process.cwd(), file), fs.readFileSync(file, 'utf8'));
	for (const e of src.errors) problems.push({ file: src.file, ...e });
	const value = src.doc.toJS() as unknown;
	if (!Array.isArray(value)) {
		problems.push({ file: src.file, line: 1, message: 'expected a YAML list' });
		return { items: [], src };
	}
	return { items: value as T[], src };
}

function walk(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []
	);
}

function readInfo(root: string, problems: Problem[]): Framework['info'] {
	const file = path.join(root, 'framework/framework.yaml');
	const rel = path.relative(process.cwd(), file);
	if (!fs.existsSync(file)) {
		problems.push({ file: rel, line: 1, message: 'missing file framework/framework.yaml' });
		return {} as Framework['info'];
	}
	const src = parseYaml(rel, fs.readFileSync(file, 'utf8'));
	const info = (src.doc.toJS() ?? {}) as Record<string, unknown>;
	if (info.lastChangeDateTime instanceof Date) info.lastChangeDateTime = info.lastChangeDateTime.toISOString();
	for (const k of ['title', 'version', 'publisher', 'creator', 'language', 'lastChangeDateTime', 'description'])
		if (typeof info[k] !== 'string' || !info[k]) problems.push({ file: rel, line: src.line([k]), message: `missing required field ${k}` });
	for (const k of ['title', 'description'])
		for (const locale of CONTENT_LOCALES)
			if (typeof info[`${k}_${locale}`] !== 'string' || !info[`${k}_${locale}`]) problems.push({ file: rel, line: src.line([k]), message: `missing ${k}_${locale} (the ${k} in ${locale})` });
	return info as unknown as Framework['info'];
}

/** Splits "---\nfront-matter\n---\nbody"; the front-matter starts on line 2. */
export function splitFrontMatter(text: string): { fm: string; body: string; bodyLine: number } | null {
	if (!text.startsWith('---\n') && !text.startsWith('---\r\n')) return null;
	const lines = text.split(/\r?\n/);
	const end = lines.indexOf('---', 1);
	if (end < 0) return null;
	return { fm: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

export function loadContent(root = path.resolve(process.env.CONTENT_DIR ?? 'content')): Loaded {
	const problems: Problem[] = [];
	const tracks = readList<Framework['tracks'][number]>(root, 'framework/tracks.yaml', problems);
	const levels = readList<Framework['levels'][number]>(root, 'framework/levels.yaml', problems);
	const categories = readList<Framework['categories'][number]>(root, 'framework/credit-categories.yaml', problems);
	const documents = readList<Framework['documents'][number]>(root, 'framework/sources.yaml', problems);
	const competencySources: { items: Framework['competencies']; src: Source }[] = [];
	const compDir = path.join(root, 'framework/competencies');
	for (const f of fs.existsSync(compDir) ? fs.readdirSync(compDir).filter((f) => f.endsWith('.yaml')).sort() : []) {
		const r = readList<Framework['competencies'][number]>(root, `framework/competencies/${f}`, problems);
		if (r.src) competencySources.push({ items: r.items, src: r.src });
	}
	const info = readInfo(root, problems);
	const framework: Framework = {
		info,
		tracks: tracks.items,
		levels: [...levels.items].sort((a, b) => a.rank - b.rank),
		categories: categories.items,
		competencies: competencySources.flatMap((c) => c.items),
		documents: documents.items
	};
	problems.push(...checkFramework(framework, { tracks: tracks.src, levels: levels.src, categories: categories.src, competencies: competencySources, documents: documents.src }));

	const modules: Module[] = [];
	const ids = new Set<string>(); // every module file, valid or not, so one broken module does not break links to it
	for (const file of walk(path.join(root, 'modules')).sort()) {
		const rel = path.relative(process.cwd(), file);
		if (ids.has(path.basename(file, '.md'))) problems.push({ file: rel, line: 2, message: `duplicate module id ${path.basename(file, '.md')}` });
		ids.add(path.basename(file, '.md'));
		const text = fs.readFileSync(file, 'utf8');
		const split = splitFrontMatter(text);
		if (!split) {
			problems.push({ file: rel, line: 1, message: 'a module starts with front-matter between --- lines' });
			continue;
		}
		const src = parseYaml(rel, split.fm, 2);
		for (const e of src.errors) problems.push({ file: rel, ...e });
		const hash = createHash('sha256').update(text).digest('hex');
		const result = checkModule(src, framework, { body: split.body, bodyLine: split.bodyLine, hash, slug: path.basename(file, '.md') });
		problems.push(...result.problems);
		if (result.module) modules.push(result.module);
	}
	problems.push(...checkLinks(modules, ids));
	return { content: { framework, modules }, problems };
}

export function formatProblems(problems: Problem[]): string {
	return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
