// localizeProblem: every message content:check can say of a module file is recognised and said again in the reader's
// language. The templates are read from the checkers' source, so a new message without a row here fails this test;
// real checks of crafted drafts show the editor never shows the developer's English.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, splitFrontMatter } from '../content/load';
import { parseYaml } from '../content/yaml-source';
import { composeModule, formOf, type ModuleForm } from './compose';
import { checkDraft } from './check';
import { readModuleText } from './review';
import { localizeProblem, problemKey, PROBLEM_TABLE } from './problem-messages';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

const read = (file: string) => fs.readFileSync(path.resolve('src/lib/server/content', file), 'utf8');
/** The text from `from` to `to` (or the end): the part of a checker that speaks of module files. */
function part(text: string, from: string, to?: string): string {
	const start = text.indexOf(from);
	expect(start, from).toBeGreaterThanOrEqual(0);
	const end = to === undefined ? text.length : text.indexOf(to, start);
	expect(end, to).toBeGreaterThan(start);
	return text.slice(start, end);
}

const LITERAL = String.raw`(?:'(?:\\.|[^'\\])*'|\x60(?:\\.|[^\x60\\])*\x60)`;
/** Each message literal: the last argument of `at(…)`, or the value of `message:` (template pieces joined by +). */
function templates(code: string): string[] {
	const found: string[] = [];
	const pieces = (joined: string) =>
		[...joined.matchAll(new RegExp(LITERAL, 'g'))].map((x) => x[0].slice(1, -1)).join('');
	for (const line of code.split('\n'))
		if (/\bat\(/.test(line))
			for (const hit of line.matchAll(new RegExp(String.raw`,\s*(${LITERAL})\s*\)`, 'g'))) found.push(pieces(hit[1]));
	for (const hit of code.matchAll(new RegExp(String.raw`message:\s*((?:${LITERAL}\s*\+?\s*)+)`, 'g')))
		found.push(pieces(hit[1]));
	return [...new Set(found)];
}
/** The index just past the string literal that opens at `start` ('…', "…" or `…`, with `${…}` holding literals of its own). */
function literalEnd(code: string, start: number): number {
	const quote = code[start];
	let i = start + 1;
	while (i < code.length) {
		const c = code[i];
		if (c === '\\') i += 2;
		else if (c === quote) return i + 1;
		else if (quote === '`' && c === '$' && code[i + 1] === '{') i = bracketEnd(code, i + 1);
		else i++;
	}
	throw new Error(`unclosed literal at ${start}`);
}
/** The index just past the bracket that closes the one at `open` (strings inside skipped). */
function bracketEnd(code: string, open: number): number {
	let depth = 0;
	for (let i = open; i < code.length;) {
		const c = code[i];
		if (c === "'" || c === '"' || c === '`') i = literalEnd(code, i);
		else {
			if ('([{'.includes(c)) depth++;
			else if (')]}'.includes(c) && --depth === 0) return i + 1;
			i++;
		}
	}
	throw new Error(`unclosed bracket at ${open}`);
}
/** The arguments of the call whose ( is at `open`, as source text. */
function callArguments(code: string, open: number): string[] {
	const end = bracketEnd(code, open) - 1;
	const args: string[] = [];
	let from = open + 1;
	for (let i = from; i < end;) {
		const c = code[i];
		if (c === "'" || c === '"' || c === '`') i = literalEnd(code, i);
		else if ('([{'.includes(c)) i = bracketEnd(code, i);
		else {
			if (c === ',') {
				args.push(code.slice(from, i).trim());
				from = i + 1;
			}
			i++;
		}
	}
	args.push(code.slice(from, end).trim());
	return args;
}
/** The text of an argument that is one string literal, else null. */
function literalOf(source: string): string | null {
	if (!/^['"`]/.test(source) || literalEnd(source, 0) !== source.length) return null;
	return source.slice(1, -1);
}
/**
 * package.ts's messages: the second argument of `at(file, message, line?)`, the argument of `whole(message)`, and
 * the literals returned by directory() and pathProblem() (reasons a zip or a path is refused, passed on as messages).
 */
function packageTemplates(code: string): string[] {
	const found: string[] = [];
	for (const hit of code.matchAll(/\b(at|whole)\(/g)) {
		const args = callArguments(code, hit.index + hit[0].length - 1);
		const message = literalOf(args[hit[1] === 'at' ? 1 : 0] ?? '');
		if (message !== null) found.push(message);
	}
	for (const hit of code.matchAll(/\breturn\s+(?=['"`])/g)) {
		const start = hit.index + hit[0].length;
		found.push(code.slice(start + 1, literalEnd(code, start) - 1));
	}
	return [...new Set(found)];
}
/** A message the template could produce: each `${…}` filled with 7 (every capture of the table takes it). */
const sample = (template: string) => template.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '7');

const validate = read('validate.ts');
const SOURCES = {
	// checkFramework's messages are about framework/*.yaml, which no provider writes: not in the table
	'validate.ts (checkModule, checkAssessment, checkLinks)': templates(part(validate, 'export function checkModule')),
	'bank-check.ts': templates(part(read('bank-check.ts'), 'export function bankProblems')),
	// the module files only: missing framework files and framework.yaml are the developers' business
	'load.ts (module files)': templates(part(read('load.ts'), 'for (const file of walk(', 'checkLinks(modules')),
	// a package brought in as drafts: from the zip's directory to the end of readPackage (exportModules' errors are
	// the server's, not a provider's)
	'package.ts (readPackage, directory, pathProblem)': packageTemplates(part(read('package.ts'), 'function directory('))
};

/** Runs `run` (synchronous) as if the reader's language were `locale`, then puts back Paraglide's own getLocale. */
function inLocale<T>(locale: Locale, run: () => T): T {
	const before = getLocale;
	overwriteGetLocale(() => locale);
	try {
		return run();
	} finally {
		overwriteGetLocale(before);
	}
}

describe('the table covers every message template of the checkers', () => {
	it('finds the templates in the source (the reading of the source works)', () => {
		expect(SOURCES['validate.ts (checkModule, checkAssessment, checkLinks)'].length).toBeGreaterThanOrEqual(35);
		expect(SOURCES['validate.ts (checkModule, checkAssessment, checkLinks)']).toContain('missing required field ${k}');
		expect(SOURCES['bank-check.ts']).toHaveLength(3);
		expect(SOURCES['bank-check.ts'].join('\n')).toContain('"longest option for single');
		expect(SOURCES['load.ts (module files)']).toEqual([
			"duplicate module id ${path.basename(file, '.md')}",
			'a module starts with front-matter between --- lines'
		]);
		const pkg = SOURCES['package.ts (readPackage, directory, pathProblem)'];
		expect(pkg.length).toBeGreaterThanOrEqual(35);
		for (const template of [
			'the file is not a zip', // returned by directory()
			'the path contains ..', // returned by pathProblem()
			'the package is ${mb(bytes.length)}; the most a package may be is ${mb(limits.maxBytes)}', // whole(…)
			'a module lies at modules/<track>/<id>.md', // at(…) with a line after the message
			'duplicate module id ${slug}',
			'the package holds no module'
		])
			expect(pkg).toContain(template);
		// a template holding a template of its own is read whole
		expect(pkg.find((t) => t.startsWith('a .'))).toMatch(/manifest\.json and images \(\$\{.*\}\)$/);
	});

	for (const [file, list] of Object.entries(SOURCES))
		for (const template of list)
			it(`${file}: ${template}`, () => {
				const message = sample(template);
				expect(problemKey(message), `no row of PROBLEM_TABLE recognises “${message}”`).not.toBeNull();
				const en = localizeProblem(message, { locale: 'en' });
				const fr = localizeProblem(message, { locale: 'fr' });
				expect(en).not.toBe(message);
				expect(fr).not.toBe(en);
				expect(en).not.toMatch(/undefined/);
				expect(fr).not.toMatch(/undefined/);
			});

	it('each row of the table is distinct, and says different words in French', () => {
		expect(new Set(PROBLEM_TABLE.map((r) => r.key)).size).toBe(PROBLEM_TABLE.length);
		const values = new Proxy({}, { get: () => 'X' }) as Record<string, string>;
		for (const row of PROBLEM_TABLE)
			expect(row.say(values, { locale: 'fr' }), row.key).not.toBe(row.say(values, { locale: 'en' }));
	});

	it('keeps the values of the message: names, numbers, links', () => {
		expect(localizeProblem('unknown competency id JUS.NOT_THERE', { locale: 'en' })).toBe(
			'JUS.NOT_THERE is not a competency of the framework: choose one from the list'
		);
		expect(localizeProblem('unknown competency id JUS.NOT_THERE', { locale: 'fr' })).toContain('JUS.NOT_THERE');
		expect(localizeProblem('missing required field creditCategory', { locale: 'en' })).toBe(
			'The credit category is missing: fill it in'
		);
		expect(localizeProblem('missing required field creditCategory', { locale: 'fr' })).toContain(
			'catégorie de crédits'
		);
		expect(localizeProblem('broken internal link /learn/x#y', { locale: 'fr' })).toContain('/learn/x#y');
		const strategy =
			'"longest option for single, all but the shortest for multiple" passes a draw of 10 at 80 % with probability ' +
			'12.5 % (at most 10 %): balance the option lengths of q-1 (key is the longest option), q-2 (keys are all but the shortest)';
		const fr = localizeProblem(strategy, { locale: 'fr' });
		for (const value of ['10', '80', '12.5', 'q-1', 'q-2']) expect(fr).toContain(value);
		expect(fr).toContain('la bonne réponse est l’option la plus longue');
		expect(fr).not.toContain('key is the longest');
	});

	it('says a package’s sizes and names in the reader’s units', () => {
		const big = 'the package is 12.5 MB; the most a package may be is 10 MB';
		expect(localizeProblem(big, { locale: 'en' })).toBe('The package is 12.5 MB: a package may be at most 10 MB');
		expect(localizeProblem(big, { locale: 'fr' })).toBe('Le paquet fait 12,5 Mo : un paquet peut faire 10 Mo au plus');
		expect(
			localizeProblem(
				'a .(none) file is not accepted: only modules (.md), YAML (.yaml, .yml), manifest.json and images (.png, .gif)',
				{ locale: 'en' }
			)
		).toBe(
			'A file without an extension is not accepted: only modules (.md), YAML (.yaml, .yml), manifest.json and images (.png, .gif)'
		);
		expect(problemKey('the file is not an image of an accepted type (found no known type)')).toBe(
			'pkg_not_image_unknown'
		);
		expect(localizeProblem('the file is image/png but named .jpg', { locale: 'fr' })).toBe(
			'Le contenu du fichier est du type image/png mais son nom se termine par .jpg : renommez-le'
		);
		expect(
			localizeProblem('manifest.json lists modules/x/y.md, which the package does not hold', { locale: 'fr' })
		).toContain('modules/x/y.md');
	});

	it('says an unknown message as it is', () => {
		expect(localizeProblem('something nobody wrote yet')).toBe('something nobody wrote yet');
		expect(problemKey('something nobody wrote yet')).toBeNull();
	});
});

describe('checkDraft says the checkers’ problems in the reader’s language', () => {
	const { content } = loadContent(path.resolve('content'));
	const base = content.modules.find((x) => x.id === 'jus-diversion')!;
	const ctx = {
		framework: content.framework,
		knownModules: new Set(content.modules.map((x) => x.id)),
		imageBase: '/modules/jus-diversion/files/'
	};
	const valid = () => formOf(fs.readFileSync(base.file, 'utf8'));
	const firstSingle = (f: ModuleForm) => f.questions.findIndex((q) => q.type === 'single');
	/** The English message of a row with every value left open. */
	function shape(key: string): RegExp {
		const row = PROBLEM_TABLE.find((r) => r.key === key);
		expect(row, key).toBeDefined();
		const open = '\u0001';
		const text = row!.say(new Proxy({}, { get: () => open }), { locale: 'en' });
		const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return new RegExp(`^${text.split(open).map(escape).join('.+')}$`);
	}

	/** Drafts, each with one or more mistakes, and the key of a problem it must show. */
	const drafts: [string, () => string][] = [
		['missing_field', () => composeModule({ ...valid(), title: '' })],
		['version', () => composeModule({ ...valid(), version: 'one' })],
		['unknown_track', () => composeModule({ ...valid(), track: 'NOPE' })],
		['unknown_level', () => composeModule({ ...valid(), level: 'NOPE' })],
		['unknown_category', () => composeModule({ ...valid(), creditCategory: 'NOPE' })],
		['no_competencies', () => composeModule({ ...valid(), competencies: [] })],
		['unknown_competency', () => composeModule({ ...valid(), competencies: ['JUS.NOT_THERE'] })],
		['missing_credits', () => composeModule({ ...valid(), credits: 'abc' })],
		['credits_positive', () => composeModule({ ...valid(), credits: '0' })],
		['minutes_whole', () => composeModule({ ...valid(), minutes: '0' })],
		['minutes_too_many', () => composeModule({ ...valid(), minutes: '600' })],
		['credits_too_many', () => composeModule({ ...valid(), credits: '99' })],
		['no_sources', () => composeModule({ ...valid(), sources: [] })],
		['source_ref', () => composeModule({ ...valid(), sources: [{ ref: 'page 12', note: 'x' }] })],
		['source_note', () => composeModule({ ...valid(), sources: [{ ref: '001:284', note: '' }] })],
		['source_document', () => composeModule({ ...valid(), sources: [{ ref: '999:1', note: 'x' }] })],
		['pass_mark', () => composeModule({ ...valid(), passMark: '120' })],
		['draw', () => composeModule({ ...valid(), draw: '2' })],
		['attempts', () => composeModule({ ...valid(), attemptsPerDay: '0' })],
		['pool', () => composeModule({ ...valid(), draw: '50' })],
		[
			'section_unknown',
			() => {
				const f = valid();
				f.questions[0].section = 'no-such-heading';
				return composeModule(f);
			}
		],
		[
			'question_duplicate',
			() => {
				const f = valid();
				f.questions[1].id = f.questions[0].id;
				return composeModule(f);
			}
		],
		[
			'question_prompt',
			() => {
				const f = valid();
				f.questions[0].prompt = '';
				return composeModule(f);
			}
		],
		[
			'question_feedback',
			() => {
				const f = valid();
				f.questions[0].feedback = '';
				return composeModule(f);
			}
		],
		[
			'question_options',
			() => {
				const f = valid();
				f.questions[0].options = f.questions[0].options.filter((o) => o.correct).slice(0, 1);
				return composeModule(f);
			}
		],
		[
			'option_text',
			() => {
				const f = valid();
				f.questions[0].options[1].text = ' ';
				return composeModule(f);
			}
		],
		[
			'no_correct',
			() => {
				const f = valid();
				f.questions[0].options = f.questions[0].options.map((o) => ({ ...o, correct: false }));
				return composeModule(f);
			}
		],
		[
			'single_many',
			() => {
				const f = valid();
				const i = firstSingle(f);
				f.questions[i].options = f.questions[i].options.map((o) => ({ ...o, correct: true }));
				return composeModule(f);
			}
		],
		[
			'distractors',
			() => {
				const f = valid();
				const i = firstSingle(f);
				f.questions[i].options = f.questions[i].options.filter((o, j) => o.correct || j % 2 === 0).slice(0, 3);
				return composeModule(f);
			}
		],
		[
			'guessable',
			() => {
				const f = valid();
				for (const q of f.questions)
					if (q.type === 'single')
						q.options = q.options.map((o) =>
							o.correct ? { ...o, text: `${o.text} ${'and this, above all, in every case'.repeat(3)}` } : o
						);
				return composeModule(f);
			}
		],
		['too_short', () => composeModule({ ...valid(), body: '# Diversion\n\nToo short.\n' })],
		[
			'broken_link',
			() => composeModule({ ...valid(), body: `${valid().body}\nRead [more](/learn/no-such-module).\n` })
		],
		['no_front_matter', () => '# Just a body'],
		// front-matter written by hand
		['yaml_duplicate_key', () => composeModule(valid()).replace(/^title: .*$/m, '$&\ntitle: Again')],
		['yaml_key_line', () => composeModule(valid()).replace(/^title: (.*)$/m, 'title:$1')],
		['yaml_no_value', () => composeModule(valid()).replace(/^title: .*$/m, '$&\na line without a colon')],
		['yaml_list_as_key', () => composeModule(valid()).replace(/^(sources:\n)( +)/m, '$1\t')],
		['yaml_dash_missing', () => composeModule(valid()).replace(/^(sources:\n)( +- )/m, '$1$2 - ')],
		['yaml_nested', () => composeModule(valid()).replace(/^title: .*$/m, 'title: Diversion: a guide')],
		['yaml_quote', () => composeModule(valid()).replace(/^title: .*$/m, 'title: "Diversion')],
		['yaml_tab', () => composeModule(valid()).replace(/^( {2})(\S)/m, '\t$2')],
		['yaml_start_char', () => composeModule(valid()).replace(/^title: .*$/m, 'title: @diversion')],
		['yaml_flow_seq', () => composeModule(valid()).replace(/^title: .*$/m, 'title: [unclosed')],
		['yaml_flow_map', () => composeModule(valid()).replace(/^title: .*$/m, 'title: {unclosed')],
		['yaml_comment', () => composeModule(valid()).replace(/^title: .*$/m, 'title: "Diversion"# note')],
		['yaml_trailing', () => composeModule(valid()).replace(/^title: .*$/m, 'title: "Diversion" guide')],
		['yaml_comma', () => composeModule(valid()).replace(/^title: .*$/m, 'title: [a,, b]')],
		['yaml_escape', () => composeModule(valid()).replace(/^title: .*$/m, 'title: "a\\q"')],
		['yaml_anchor', () => composeModule(valid()).replace(/^title: .*$/m, 'title: &a &b Diversion')]
	];

	it('the review’s reading of a text (readModuleText) says its problems in the reader’s language too', () => {
		const text = composeModule({ ...valid(), level: 'NOPE' });
		const en = inLocale('en', () => readModuleText('jus-diversion', text, content.framework));
		const fr = inLocale('fr', () => readModuleText('jus-diversion', text, content.framework));
		expect(en.module).toBeNull();
		expect(en.problems.map((p) => p.message)).toContain(localizeProblem('unknown level id NOPE', { locale: 'en' }));
		expect(fr.problems.map((p) => p.message)).toContain(localizeProblem('unknown level id NOPE', { locale: 'fr' }));
		expect(en.problems.map((p) => p.message)).not.toContain('unknown level id NOPE');
		expect(inLocale('fr', () => readModuleText('x', '# no front-matter', content.framework)).problems).toEqual([
			{
				file: 'x.md',
				line: 1,
				message: localizeProblem('a module starts with front-matter between --- lines', { locale: 'fr' })
			}
		]);
	});

	// the parser's rarer errors, which the table does not name: said by the parser's error code
	const rare: [string, string][] = [
		['MULTIPLE_TAGS', 'title: !a !b Diversion'],
		['BLOCK_IN_FLOW', 'title: [a, - b]'],
		['KEY_OVER_1024_CHARS', `${'a'.repeat(1100)}: Diversion`],
		['ALIAS_PROPS', 'title: &y *x'],
		['UNEXPECTED_TOKEN', 'title: Diversion\n]']
	];
	for (const [code, line] of rare)
		it(`the parser's ${code}: said in the reader's words, in English and in French`, () => {
			const text = composeModule(valid()).replace(/^title: .*$/m, () => line);
			const parser = parseYaml('x', splitFrontMatter(text)!.fm, 2).errors;
			expect(parser.map((e) => e.yamlCode)).toContain(code);
			const en = inLocale('en', () => checkDraft(text, ctx));
			const fr = inLocale('fr', () => checkDraft(text, ctx));
			for (const e of parser) {
				expect(en.map((p) => p.message)).not.toContain(e.message);
				expect(fr.map((p) => p.message)).not.toContain(e.message);
			}
			en.forEach((p, i) => expect(fr[i].message, p.message).not.toBe(p.message));
		});

	for (const [key, draft] of drafts)
		it(`${key}: shown in English and in French, never the checker’s words`, () => {
			const text = draft();
			const en = inLocale('en', () => checkDraft(text, ctx));
			const fr = inLocale('fr', () => checkDraft(text, ctx));
			expect(en.length).toBeGreaterThan(0);
			expect(fr.map((p) => [p.field, p.bodyLine])).toEqual(en.map((p) => [p.field, p.bodyLine]));
			// a message left as the checker said it would read the same in both languages
			en.forEach((p, i) => expect(fr[i].message, p.message).not.toBe(p.message));
			// the expected row said it: one of the problems has the shape of its English message
			expect(en.map((p) => p.message)).toContainEqual(expect.stringMatching(shape(key)));
		});
});
