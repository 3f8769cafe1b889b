// checkDraft: every problem content:check would report once the module is published, each at the form field or the
// body line the author must fix. The drafts start from a valid reviewed content/ module read into a form.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../content/load';
import { composeModule, formOf, type ModuleForm } from './compose';
import { checkDraft, fieldOf, type DraftProblem } from './check';
import { m } from '$lib/paraglide/messages';
import { localizeProblem } from './problem-messages';

const { content } = loadContent(path.resolve('content'));
const base = content.modules.find((m) => m.id === 'jus-diversion')!;
const ctx = {
	framework: content.framework,
	knownModules: new Set(content.modules.map((m) => m.id)),
	imageBase: '/modules/jus-diversion/files/'
};
const valid = () => formOf(fs.readFileSync(base.file, 'utf8'));
const check = (form: ModuleForm) => checkDraft(composeModule(form), ctx);
/** The body with `line` put in as its line number `at` (1-based). */
function withLine(form: ModuleForm, at: number, line: string): ModuleForm {
	const lines = form.body.split('\n');
	lines.splice(at - 1, 0, line);
	return { ...form, body: lines.join('\n') };
}

describe('checkDraft', () => {
	it('a valid module has no problems', () => {
		expect(check(valid())).toEqual([]);
	});

	it('a missing title is a problem of the field title', () => {
		expect(check({ ...valid(), title: '' })).toEqual([
			{ field: 'title', bodyLine: null, message: localizeProblem('missing required field title') }
		]);
	});

	it('a competency that does not exist is a problem of the field competencies', () => {
		const form = valid();
		form.competencies = [...form.competencies, 'JUS.NOT_A_COMPETENCY'];
		expect(check(form)).toEqual([
			{ field: 'competencies', bodyLine: null, message: localizeProblem('unknown competency id JUS.NOT_A_COMPETENCY') }
		]);
	});

	it('a question with no keyed option is a problem of that question’s options', () => {
		const form = valid();
		form.questions[2].options = form.questions[2].options.map((o) => ({ ...o, correct: false }));
		expect(check(form)).toEqual([
			{
				field: 'questions.2.options',
				bodyLine: null,
				message: localizeProblem(`question ${form.questions[2].id} has no correct answer`)
			}
		]);
	});

	it('each part of a question and of a source at its own field', () => {
		const form = valid();
		form.questions[0].prompt = '';
		form.questions[1].feedback = '';
		form.questions[3].options[1].text = ' ';
		form.questions[4].section = 'no-such-heading';
		form.sources[2].ref = 'page 12';
		form.sources[3].note = '';
		const found = check(form).map((p) => p.field);
		expect(found.sort()).toEqual(
			[
				'questions.0.prompt',
				'questions.1.feedback',
				'questions.3.options.1.text',
				'questions.4.section',
				'sources.2.ref',
				'sources.3.note'
			].sort()
		);
	});

	it('numbers typed wrong are problems of their fields', () => {
		const problems = check({ ...valid(), credits: 'abc', passMark: '120', draw: '2.5', attemptsPerDay: '0' });
		expect(problems.map((p) => [p.field, p.message])).toEqual([
			['credits', localizeProblem('missing required field credits (a number)')],
			['passMark', localizeProblem('passMark must be a percentage from 0 to 100')],
			['draw', localizeProblem('draw must be a whole number of at least 5')],
			['attemptsPerDay', localizeProblem('attemptsPerDay must be a whole number of at least 1')]
		]);
	});

	it('checks the rules of a reviewed module: too short a body, more minutes than its length supports', () => {
		const form = valid();
		for (const q of form.questions) q.section = '';
		const short = check({ ...form, body: '# Diversion\n\nToo short.\n' });
		expect(short).toEqual([
			{ field: 'body', bodyLine: null, message: localizeProblem('a reviewed module needs at least 600 words (has 3)') }
		]);
		const long = check({ ...valid(), minutes: '600' });
		expect(long.map((p) => p.field)).toEqual(['minutes']);
		expect(long[0].message).toMatch(/^600 minutes is more than the module’s length supports/);
	});

	it('a bank a test-wise strategy could pass is a problem of the questions field', () => {
		const form = valid();
		// every key becomes the longest option (single) — all but the shortest (multiple) keep their own shape
		for (const q of form.questions)
			if (q.type === 'single')
				q.options = q.options.map((o) =>
					o.correct ? { ...o, text: `${o.text} ${'and this, above all, in every case'.repeat(3)}` } : o
				);
		const problems = check(form);
		expect(problems.map((p) => p.field)).toEqual(['questions']);
		expect(problems[0].message).toMatch(
			/^Someone who has not read the module could pass by always choosing the longest option/
		);
	});

	it('a bank item with too few distractors is a problem of that question', () => {
		const form = valid();
		const i = form.questions.findIndex((q) => q.type === 'single');
		form.questions[i].options = form.questions[i].options.filter((o, j) => o.correct || j % 2 === 0).slice(0, 3);
		expect(check(form)).toContainEqual({
			field: `questions.${i}`,
			bodyLine: null,
			message: expect.stringMatching(/needs at least 3 wrong options/)
		});
	});

	it('a javascript: link in the body is a problem at its body line, however it is disguised', () => {
		expect(check(withLine(valid(), 5, 'See [this](javascript:alert(1)) now.'))).toEqual([
			{ field: 'body', bodyLine: 5, message: expect.stringContaining('javascript:alert(1)') }
		]);
		const disguised = check(withLine(valid(), 9, 'A [link](&#x6A;avascript:alert(2)) here.'));
		expect(disguised.map((p) => [p.field, p.bodyLine])).toEqual([['body', 9]]);
		// the second paragraph line, inside a paragraph that starts a line earlier
		const wrapped = check(withLine(withLine(valid(), 12, 'A paragraph that wraps'), 13, 'onto [a link](vbscript:x).'));
		expect(wrapped.map((p) => p.bodyLine)).toEqual([13]);
	});

	it('an image from elsewhere is a problem at its body line; the module’s own upload is not', () => {
		const form = withLine(withLine(valid(), 7, '![A chart](https://example.org/chart.png)'), 7, '');
		expect(check(form)).toEqual([
			{ field: 'body', bodyLine: 8, message: expect.stringContaining('https://example.org/chart.png') }
		]);
		expect(check(withLine(valid(), 7, '![A chart](/modules/jus-diversion/files/chart.png)'))).toEqual([]);
	});

	it('many refusals in a long body: each at its line, quickly', () => {
		const form = valid();
		const lines = Array.from(
			{ length: 40 },
			(_, i) => `Picture ${i}: ![p](https://example.org/${i % 3}.png) and [x](javascript:void(${i}))`
		);
		const started = Date.now();
		const problems = check({ ...form, body: `${form.body}\n${lines.join('\n\n')}\n` });
		expect(Date.now() - started).toBeLessThan(5000);
		const first = form.body.split('\n').length + 1;
		const images = problems.filter((p) => p.message.includes('example.org'));
		expect(images.map((p) => p.bodyLine)).toEqual(lines.map((_, i) => first + 2 * i));
		expect(problems.filter((p) => p.message.includes('javascript:')).map((p) => p.bodyLine)).toEqual(
			lines.map((_, i) => first + 2 * i)
		);
	});

	it('a link elsewhere on the site, and a broken module link, are problems at their body lines', () => {
		const form = withLine(
			withLine(valid(), 3, 'Go to [admin](/admin/users).'),
			20,
			'Read [another](/learn/no-such-module).'
		);
		expect(check(form)).toEqual([
			{ field: 'body', bodyLine: 20, message: localizeProblem('broken internal link /learn/no-such-module') },
			{ field: 'body', bodyLine: 3, message: expect.stringContaining('/admin/users') }
		]);
	});

	it('front-matter that blows up when read (an alias bomb) is one problem of the whole file, not a crash', () => {
		const bomb = [
			'a: &a [x, x, x, x, x, x, x, x, x, x]',
			'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
			'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
			'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'
		];
		const problems = checkDraft(`---\n${bomb.join('\n')}\n---\nBody\n`, ctx);
		expect(problems).toContainEqual({ field: null, bodyLine: null, message: m.authoring_check_unreadable() });
	});

	it('a text that is not a module: front-matter missing, YAML broken', () => {
		expect(checkDraft('# Just a body', ctx)).toEqual([
			{ field: null, bodyLine: null, message: localizeProblem('a module starts with front-matter between --- lines') }
		]);
		const text = composeModule(valid()).replace(/^title: .*$/m, 'title: [unclosed');
		const problems = checkDraft(text, ctx);
		expect(problems.length).toBeGreaterThan(0);
		expect(problems.every((p: DraftProblem) => typeof p.message === 'string' && p.bodyLine === null)).toBe(true);
		expect(problems[0].field).not.toBeNull();
	});
});

describe('fieldOf', () => {
	it('maps the checker’s paths to form fields', () => {
		expect(fieldOf(['title'], '')).toBe('title');
		expect(fieldOf(['competencies', 3], '')).toBe('competencies');
		expect(fieldOf(['assessment', 'passMark'], '')).toBe('passMark');
		expect(fieldOf(['assessment', 'questions', 1, 'options'], '')).toBe('questions.1.options');
		expect(fieldOf(['assessment', 'questions', 1, 'type'], '')).toBe('questions.1.type');
		expect(fieldOf(['sources', 2], 'each source needs ref (a seed citation like 000:170) and note')).toBe(
			'sources.2.ref'
		);
		expect(fieldOf(['reviewer'], '')).toBeNull();
	});
});
