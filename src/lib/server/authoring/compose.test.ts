// The form ↔ file round trip: every content/ module read into a form and written back checks exactly as before.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadContent, splitFrontMatter } from '../content/load';
import { parseYaml } from '../content/yaml-source';
import { checkModule } from '../content/validate';
import { composeModule, emptyForm, formOf, type ModuleForm } from './compose';
import { checkDraft } from './check';

const { content } = loadContent(path.resolve('content'));
const framework = content.framework;
const files = content.modules.map((m) => m.file);
const allFiles = (dir: string): string[] =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) =>
			e.isDirectory() ? allFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []
		);

/** What content:check makes of a module file: the module (without what depends on the file's bytes) and the problems. */
function checked(text: string, slug: string) {
	const split = splitFrontMatter(text)!;
	const r = checkModule(parseYaml('m', split.fm, 2), framework, {
		body: split.body,
		bodyLine: split.bodyLine,
		hash: '',
		slug
	});
	const mod = r.module && { ...r.module, bodyLine: 0 };
	return { module: mod, problems: r.problems.map((p) => p.message) };
}

function reviewOf(text: string) {
	const fm = parseDocument(splitFrontMatter(text)!.fm).toJS() as Record<string, unknown>;
	return typeof fm.reviewer === 'string' ? { reviewer: fm.reviewer, reviewedOn: String(fm.reviewedOn) } : undefined;
}

describe('composeModule(formOf(text))', () => {
	it('covers every module of content/', () => {
		expect(allFiles(path.resolve('content/modules')).length).toBe(files.length);
		expect(files.length).toBeGreaterThan(10);
	});

	it.each(files.map((f) => [path.basename(f, '.md'), f]))(
		'%s checks as before, and as a draft the same',
		(slug, file) => {
			const text = fs.readFileSync(file, 'utf8');
			const form = formOf(text);
			const composed = composeModule(form, reviewOf(text));
			const before = checked(text, slug);
			expect(before.module).not.toBeNull();
			expect(checked(composed, slug)).toEqual(before);
			// the draft check (review assumed) is the same for the file and for its form written back without a review
			const ctx = {
				framework,
				knownModules: new Set(content.modules.map((m) => m.id)),
				imageBase: `/modules/${slug}/files/`
			};
			expect(checkDraft(composeModule(form), ctx)).toEqual(checkDraft(text, ctx));
			// a fixed point: the composed text reads back into the same form and is written out the same
			expect(formOf(composed)).toEqual(form);
			expect(composeModule(formOf(composed), reviewOf(text))).toBe(composed);
		}
	);
});

describe('composeModule', () => {
	const form: ModuleForm = {
		...emptyForm(),
		id: 'x-mod',
		version: '1.0.0',
		title: 'Case notes: what "good" looks like',
		track: 'core',
		level: 'generalist',
		competencies: ['CORE.ETHICS', 'CORE.CASE_MANAGEMENT'],
		credits: '0.5',
		creditCategory: 'ethics',
		minutes: '30',
		provider: 'credo-academy',
		sources: [{ ref: '000:170', note: 'Why records matter' }],
		passMark: '70',
		draw: 'five',
		attemptsPerDay: '',
		questions: [
			{
				id: '',
				type: 'single',
				prompt: 'Which?',
				options: [
					{ text: 'A', correct: true },
					{ text: 'B', correct: false }
				],
				feedback: 'Because.',
				section: ''
			},
			{
				id: 'q1',
				type: 'multiple',
				prompt: 'Which ones?',
				options: [{ text: 'C', correct: true }],
				feedback: 'F',
				section: 'records'
			}
		],
		body: '# Case notes\n\nText.\n'
	};

	it('writes the content/ format: keys in order, numbers as numbers, the rest as typed, ids for unnamed questions', () => {
		const text = composeModule(form);
		expect(text).toBe(
			[
				'---',
				'id: x-mod',
				'version: 1.0.0',
				'title: Case notes: what "good" looks like'.replace('title: ', "title: '") + "'",
				'track: core',
				'level: generalist',
				'competencies: [CORE.ETHICS, CORE.CASE_MANAGEMENT]',
				'credits: 0.5',
				'creditCategory: ethics',
				'minutes: 30',
				'provider: credo-academy',
				'sources:',
				'  - ref: "000:170"',
				'    note: Why records matter',
				'assessment:',
				'  passMark: 70',
				'  draw: five',
				'  attemptsPerDay: ""',
				'  questions:',
				'    - id: q2',
				'      type: single',
				'      prompt: Which?',
				'      options:',
				'        - text: A',
				'          correct: true',
				'        - text: B',
				'      feedback: Because.',
				'    - id: q1',
				'      type: multiple',
				'      prompt: Which ones?',
				'      options:',
				'        - text: C',
				'          correct: true',
				'      feedback: F',
				'      section: records',
				'---',
				'# Case notes',
				'',
				'Text.',
				''
			].join('\n')
		);
		const back = formOf(text);
		expect(back).toEqual({ ...form, questions: [{ ...form.questions[0], id: 'q2' }, form.questions[1]] });
	});

	it('records a review when one is given, and formOf drops it', () => {
		const text = composeModule(form, { reviewer: 'Ada Obi, reviewer', reviewedOn: '2026-10-15' });
		expect(text).toContain('provider: credo-academy\nreviewer: "Ada Obi, reviewer"\nreviewedOn: 2026-10-15\nsources:');
		expect(Object.keys(formOf(text))).not.toContain('reviewer');
		expect(composeModule(formOf(text))).toBe(composeModule(form));
	});
});

describe('composeModule then formOf', () => {
	const odd = [
		'',
		' ',
		'a: b',
		'- x',
		'# c',
		'"q"',
		"it's",
		'one\ntwo',
		'---',
		'...',
		'true',
		'0.5',
		'@x',
		'`x`',
		'{a}',
		'[a]',
		'%x',
		'é ü 中',
		'  lead',
		'tail  ',
		'null',
		'~',
		'*a',
		'&a',
		'!x',
		'|',
		'>'
	];

	it('gives back every text exactly as typed, whatever it holds', () => {
		for (const t of odd) {
			const form: ModuleForm = {
				...emptyForm(),
				id: t,
				version: t,
				title: t,
				track: t,
				level: t,
				competencies: [t, t],
				creditCategory: t,
				provider: t,
				sources: [{ ref: t, note: t }],
				questions: [
					{
						id: `id${t}`,
						type: 'multiple',
						prompt: t,
						options: [{ text: t, correct: true }],
						feedback: t,
						section: `s${t}`
					}
				],
				body: `${t}\n---\n${t}`
			};
			const text = composeModule(form);
			expect(text.split('\n').filter((l) => l === '---')).toHaveLength(t === '---' ? 5 : 3);
			expect(formOf(text), JSON.stringify(t)).toEqual(form);
		}
	});

	it('writes numbers that parse as numbers, and keeps anything else as typed', () => {
		for (const [typed, read] of [
			['30', '30'],
			[' 45 ', '45'],
			['0.25', '0.25'],
			['.5', '0.5'],
			['abc', 'abc'],
			['', ''],
			['1e3', '1e3'],
			['0x10', '0x10'],
			['12 minutes', '12 minutes']
		])
			expect(formOf(composeModule({ ...emptyForm(), minutes: typed })).minutes, typed).toBe(read);
	});
});

describe('formOf', () => {
	it('never throws: a broken file gives empty fields', () => {
		expect(formOf('')).toEqual(emptyForm());
		expect(formOf('just a body\n')).toEqual({ ...emptyForm(), body: 'just a body\n' });
		expect(formOf('---\ntitle: [unclosed\n---\nBody')).toMatchObject({ title: '', body: 'Body' });
		expect(formOf('---\n- a list\n---\n')).toEqual(emptyForm());
		expect(formOf('---\na: &a [1]\nb: [*a, *a, *a]\n---\n')).toEqual(emptyForm());
		const odd = formOf(
			'---\ntitle: {a: 1}\ncompetencies: CORE.ETHICS\nsources: nope\nassessment:\n  questions: [3, {options: [x]}]\n---\n'
		);
		expect(odd).toMatchObject({ title: '', competencies: ['CORE.ETHICS'], sources: [] });
		expect(odd.questions).toEqual([
			{ id: '', type: 'single', prompt: '', options: [], feedback: '', section: '' },
			{ id: '', type: 'single', prompt: '', options: [{ text: '', correct: false }], feedback: '', section: '' }
		]);
	});

	it('reads numbers back as the strings a form holds', () => {
		const f = formOf('---\ncredits: 0.25\nminutes: 20\nassessment:\n  passMark: 70\n  draw: abc\n---\n');
		expect([f.credits, f.minutes, f.passMark, f.draw]).toEqual(['0.25', '20', '70', 'abc']);
	});
});
