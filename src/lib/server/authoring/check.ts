// What content:check would say of a module written in the browser, as it will be published (with a review recorded,
// so the rules for reviewed modules apply: at least MIN_WORDS words, minutes that its length supports, a question bank a
// test-wise strategy cannot pass), plus what the Markdown renderer refuses (links to javascript: and other schemes,
// links elsewhere on the site, images not among the module's own uploads). Each problem is put where the author can
// fix it: a form field of ModuleForm (compose.ts) or a line of the body (1-based, as the editor counts). Pure.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { splitFrontMatter } from '../content/load.ts';
import { parseYaml, type Source } from '../content/yaml-source.ts';
import { checkLinks, checkModule } from '../content/validate.ts';
import { renderMarkdown, type Refusal } from '../content/markdown.ts';
import type { Framework, Module } from '../content/types.ts';
import { m } from '$lib/paraglide/messages';
import { localizeProblem } from './problem-messages.ts';

/**
 * A problem and where it is: `field` is a key path of ModuleForm — `id`, `version`, `title`, `track`, `level`,
 * `competencies`, `credits`, `creditCategory`, `minutes`, `provider`, `sources`, `sources.N.ref`, `sources.N.note`,
 * `passMark`, `draw`, `attemptsPerDay`, `questions`, `questions.N`, `questions.N.id`, `questions.N.type`,
 * `questions.N.prompt`, `questions.N.options`, `questions.N.options.M.text`, `questions.N.feedback`,
 * `questions.N.section`, `body` — or null when it is about the file as a whole. `bodyLine` is set for a problem at a
 * line of the body (field `body`). Messages are in the reader's language: the checker's (English, for developers)
 * are said again by localizeProblem (problem-messages.ts); what the renderer refuses is Credo's own message.
 */
export interface DraftProblem {
	field: string | null;
	bodyLine: number | null;
	message: string;
}

export interface CheckContext {
	framework: Framework;
	/** module ids a `/learn/<id>` link may name (the module's own id counts too) */
	knownModules: Set<string>;
	/** the URL prefix of the module's uploads, `/modules/<id>/files/` */
	imageBase: string;
}

/** The review a published version records; the check assumes one so that the rules for reviewed modules apply. */
const ASSUMED_REVIEW = { reviewer: 'Reviewer', reviewedOn: '2000-01-01' };

/** The renderer gives a reason, not a sentence: these are Credo's own messages (en + fr), unlike the checker's. */
const REASONS: Record<Refusal['reason'], (url: string) => string> = {
	scheme: (url) => m.authoring_check_link_scheme({ url }),
	'link-target': (url) => m.authoring_check_link_target({ url }),
	'image-source': (url) => (url ? m.authoring_check_image_source({ url }) : m.authoring_check_image_none())
};

type Path = (string | number)[];

/** The form field a checker path (and its message) is about. */
export function fieldOf(path: Path, message: string): string | null {
	const [top, ...rest] = path;
	if (top === 'sources') {
		if (rest.length === 0) return 'sources';
		// the checker points at the source; its message says which half is wrong
		return `sources.${rest[0]}.${/needs a note/.test(message) ? 'note' : 'ref'}`;
	}
	if (top === 'competencies') return 'competencies';
	if (top === 'assessment') {
		const [k, i, part, j] = rest;
		if (k === undefined) return null;
		if (k !== 'questions') return String(k);
		if (i === undefined) return 'questions';
		if (part === undefined) {
			if (/missing required field prompt$/.test(message)) return `questions.${i}.prompt`;
			if (/missing required field feedback$/.test(message)) return `questions.${i}.feedback`;
			if (/missing required field id$/.test(message)) return `questions.${i}.id`;
			if (/has no correct answer$/.test(message)) return `questions.${i}.options`;
			return `questions.${i}`;
		}
		if (part === 'options' && j !== undefined) return `questions.${i}.options.${j}.text`;
		return `questions.${i}.${part}`;
	}
	if (top === 'reviewer' || top === 'reviewedOn' || top === undefined) return null;
	return String(top);
}

/** For each line of the front-matter (file lines, from 2), the shortest path of a node or key that starts on it. */
function lineMap(src: Source, fm: string): Map<number, Path> {
	const starts = [0];
	for (let i = 0; i < fm.length; i++) if (fm[i] === '\n') starts.push(i + 1);
	const lineAt = (offset: number) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 2;
	};
	const map = new Map<number, Path>();
	const note = (node: unknown, path: Path) => {
		const range = (node as Node | null)?.range;
		if (!range) return;
		const line = lineAt(range[0]);
		const known = map.get(line);
		if (!known || known.length > path.length) map.set(line, path);
	};
	const walk = (node: unknown, path: Path) => {
		if (path.length) note(node, path); // the whole front-matter is no field
		if (isMap(node))
			for (const pair of node.items) {
				if (!isPair(pair)) continue;
				const at = [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)];
				note(pair.key, at);
				walk(pair.value, at);
			}
		else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
	};
	walk(src.doc.contents, []);
	return map;
}

/** Locating a problem costs a few renderings of the body: past this many, the paragraph's line will do. */
const MAX_LOCATED = 10;

/**
 * The body line where the nth occurrence of something is: the shortest prefix of the body (in lines) in which `count`
 * finds it n times. A paragraph's problems are reported at its first line; this finds the line itself. Null when the
 * whole body does not hold n.
 */
function locate(lines: string[], nth: number, count: (prefix: string) => number): number | null {
	const at = (n: number) => count(lines.slice(0, n).join('\n'));
	let lo = 1;
	let hi = lines.length;
	if (at(hi) < nth) return null;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (at(mid) >= nth) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Numbers each item by how many before it share its key (1 for the first). */
function occurrences<T>(items: T[], key: (item: T) => string): number[] {
	const seen = new Map<string, number>();
	return items.map((item) => {
		const n = (seen.get(key(item)) ?? 0) + 1;
		seen.set(key(item), n);
		return n;
	});
}

/** Everything the renderer refuses in the body, each at its body line. */
export function bodyRefusals(body: string, imageBase: string): DraftProblem[] {
	const { refused } = renderMarkdown(body, { imageBase });
	const lines = body.split(/\r?\n/);
	const nth = occurrences(refused, (r) => `${r.reason}\n${r.url}`);
	return refused.map((r, i) => {
		const same = (x: Refusal) => x.url === r.url && x.reason === r.reason;
		const line =
			i >= MAX_LOCATED
				? null
				: locate(lines, nth[i], (prefix) => renderMarkdown(prefix, { imageBase }).refused.filter(same).length);
		const written = lines.findIndex((l) => l.includes(r.url)) + 1; // a scheme refusal has no line of its own
		return { field: 'body', bodyLine: line ?? r.line ?? (written || null), message: REASONS[r.reason](r.url) };
	});
}

/** Links to /learn/… and #… that lead nowhere, each at its body line. */
function brokenLinks(id: string, body: string, known: Set<string>): DraftProblem[] {
	const check = (text: string) => checkLinks([{ id, body: text, bodyLine: 1, file: 'draft' } as Module], known);
	const found = check(body);
	const lines = body.split(/\r?\n/);
	const nth = occurrences(found, (p) => p.message);
	return found.map((p, i) => ({
		field: 'body',
		bodyLine:
			(i < MAX_LOCATED &&
				locate(lines, nth[i], (prefix) => check(prefix).filter((x) => x.message === p.message).length)) ||
			p.line,
		message: p.message
	}));
}

/**
 * Every problem content:check would report for this module file once published, plus the renderer's refusals, each
 * at its form field or body line. An empty list: the draft may be submitted.
 */
export function checkDraft(text: string, ctx: CheckContext): DraftProblem[] {
	const split = splitFrontMatter(text);
	if (!split)
		return [
			{ field: null, bodyLine: null, message: localizeProblem('a module starts with front-matter between --- lines') }
		];
	const problems: (DraftProblem & { yamlCode?: string })[] = [];
	const src = parseYaml('draft', split.fm, 2);
	const lines = lineMap(src, split.fm);
	const fieldAtLine = (line: number): string | null => {
		for (let l = line; l >= 2; l--) {
			const path = lines.get(l);
			if (path) return fieldOf(path, '');
		}
		return null;
	};
	for (const e of src.errors)
		problems.push({ field: fieldAtLine(e.line), bodyLine: null, message: e.message, yamlCode: e.yamlCode });

	// checkModule asks the Source for the line of each path it reports: answer with a token that names the path
	const paths: Path[] = [];
	const traced: Source = {
		...src,
		line: (path) => {
			paths.push([...path]);
			return -paths.length;
		}
	};
	let fm: Record<string, unknown> = {};
	let mod: Module | null = null;
	try {
		if (isMap(src.doc.contents) || src.doc.contents === null) {
			src.doc.set('reviewer', ASSUMED_REVIEW.reviewer);
			src.doc.set('reviewedOn', ASSUMED_REVIEW.reviewedOn);
		}
		fm = (src.doc.toJS() ?? {}) as Record<string, unknown>;
		const id = typeof fm.id === 'string' ? fm.id : '';
		const result = checkModule(traced, ctx.framework, { body: split.body, bodyLine: 1, hash: '', slug: id });
		mod = result.module;
		for (const p of result.problems) {
			if (p.line < 0)
				problems.push({ field: fieldOf(paths[-p.line - 1], p.message), bodyLine: null, message: p.message });
			else problems.push({ field: 'body', bodyLine: null, message: p.message }); // the body as a whole (its length)
		}
	} catch {
		problems.push({ field: null, bodyLine: null, message: m.authoring_check_unreadable() });
	}
	// links inside the body, even while other problems remain (content:check looks at them once the rest is right)
	const id = mod?.id ?? (typeof fm.id === 'string' ? fm.id : '');
	problems.push(...brokenLinks(id, split.body, new Set([...ctx.knownModules, id])));
	problems.push(...bodyRefusals(split.body, ctx.imageBase));
	// the checker speaks to developers in English: the editor says each problem in the reader's language
	return problems.map(({ yamlCode, ...p }) => ({ ...p, message: localizeProblem(p.message, {}, yamlCode) }));
}
