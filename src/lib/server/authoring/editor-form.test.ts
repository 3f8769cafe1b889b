import { describe, expect, it } from 'vitest';
import { applyOp, copyId, formFromFields, shownField, sortProblems, startingForm } from './editor-form';
import { composeModule, formOf } from './compose';

function fields(entries: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('the editor form', () => {
	it('reads the posted fields back into a module form, questions and options in order', () => {
		const form = formFromFields(
			fields([
				['title', 'Tracing families'],
				['competencies', 'CARE.REFERRAL'],
				['competencies', 'CARE.KINSHIP_SUPPORT'],
				['questions.1.prompt', 'Second?'],
				['questions.0.prompt', 'First?'],
				['questions.0.type', 'multiple'],
				['questions.0.options.0.text', 'a'],
				['questions.0.options.1.text', 'b'],
				['questions.0.options.1.correct', 'on'],
				['sources.0.ref', '001:12'],
				['body', 'line 1\r\nline 2']
			]),
			{ id: 'tracing', provider: 'credo-academy' }
		);
		expect(form.id).toBe('tracing');
		expect(form.competencies).toEqual(['CARE.REFERRAL', 'CARE.KINSHIP_SUPPORT']);
		expect(form.questions.map((q) => q.prompt)).toEqual(['First?', 'Second?']);
		expect(form.questions[0].type).toBe('multiple');
		expect(form.questions[1].type).toBe('single');
		expect(form.questions[0].options).toEqual([
			{ text: 'a', correct: false },
			{ text: 'b', correct: true }
		]);
		expect(form.sources).toEqual([{ ref: '001:12', note: '' }]);
		expect(form.body).toBe('line 1\nline 2');
	});

	it('never takes the id or the provider from the post', () => {
		const form = formFromFields(
			fields([
				['id', 'other'],
				['provider', 'elsewhere']
			]),
			{ id: 'mine', provider: 'ours' }
		);
		expect([form.id, form.provider]).toEqual(['mine', 'ours']);
	});

	it('adds and removes questions, options and sources by the button pressed, and ignores anything else', () => {
		const start = startingForm({ id: 'x-module', title: 'X', track: 'core', provider: 'p' });
		expect(applyOp(start, 'addQuestion').questions).toHaveLength(2);
		expect(applyOp(start, 'removeQuestion:0').questions).toHaveLength(0);
		expect(applyOp(start, 'addOption:0').questions[0].options).toHaveLength(3);
		expect(applyOp(start, 'removeOption:0:1').questions[0].options).toHaveLength(1);
		expect(applyOp(start, 'addSource').sources).toHaveLength(2);
		expect(applyOp(start, 'removeSource:0').sources).toHaveLength(0);
		for (const op of ['removeQuestion:9', 'removeOption:0:7', 'addOption:x', 'drop tables', 'removeSource:-1'])
			expect(applyOp(start, op)).toEqual(start);
		// the form it was given is left alone
		applyOp(start, 'addOption:0');
		expect(start.questions[0].options).toHaveLength(2);
	});

	it('starts a new module as a file the editor reads back with the chosen id, title and track', () => {
		const start = startingForm({
			id: 'family-tracing',
			title: 'Family tracing',
			track: 'care-reform',
			provider: 'credo-academy'
		});
		const back = formOf(composeModule(start));
		expect([back.id, back.title, back.track, back.provider]).toEqual([
			'family-tracing',
			'Family tracing',
			'care-reform',
			'credo-academy'
		]);
		expect(back.questions).toHaveLength(1);
	});

	it('suggests the first copy id not taken', () => {
		const taken = new Set(['a-copy', 'a-copy-2']);
		expect(copyId('a', (id) => taken.has(id))).toBe('a-copy-3');
		expect(copyId('b', (id) => taken.has(id))).toBe('b-copy');
	});

	it('puts each problem beside its field, at its body line, or in the summary', () => {
		const sorted = sortProblems(
			[
				{ field: 'title', bodyLine: null, message: 'missing title' },
				{ field: 'questions.1.options.0.text', bodyLine: null, message: 'empty option' },
				{ field: 'sources.2.ref', bodyLine: null, message: 'unknown document' },
				{ field: null, bodyLine: 7, message: 'javascript: link' },
				{ field: 'id', bodyLine: null, message: 'id fixed' },
				{ field: null, bodyLine: null, message: 'too short' }
			],
			shownField
		);
		expect(sorted.fields).toEqual({
			title: 'missing title',
			'questions.1.options': 'empty option',
			'sources.2.ref': 'unknown document'
		});
		expect(sorted.lines).toEqual([{ line: 7, message: 'javascript: link' }]);
		expect(sorted.general).toEqual(['id fixed', 'too short']);
	});
});
