import { describe, expect, it } from 'vitest';
import { drawQuestions, optionOrder, parseSubmission, scoreAttempt } from './scoring';
import type { Question } from '../content/types';

const q = (id: string, type: 'single' | 'multiple', correct: number[]): Question => ({
	id,
	type,
	prompt: id,
	feedback: 'f',
	options: [1, 2, 3, 4].map((n) => ({ id: `${id}.${n}`, text: `${n}`, correct: correct.includes(n) }))
});
const pool = Array.from({ length: 10 }, (_, i) => q(`q${i + 1}`, i % 3 ? 'single' : 'multiple', i % 3 ? [1] : [1, 2]));
const msgs = {
	notDrawn: () => 'not drawn',
	unanswered: (n: number) => `unanswered ${n}`,
	twice: () => 'twice',
	badOption: () => 'bad option'
};

describe('drawing', () => {
	it('draws n distinct questions and avoids the previous draw while the pool allows', () => {
		const first = drawQuestions(pool, 5);
		expect(new Set(first).size).toBe(5);
		const second = drawQuestions(pool, 5, first);
		expect(second.filter((x) => first.includes(x))).toEqual([]);
	});
});

describe('scoring', () => {
	const drawn = [pool[0], pool[1]]; // q1 multiple (1,2), q2 single (1)
	it('a multiple-answer question is right only with exactly its correct options', () => {
		expect(scoreAttempt(drawn, { q1: ['q1.1', 'q1.2'], q2: ['q2.1'] }, 70)).toMatchObject({
			correct: 2,
			percent: 100,
			passed: true
		});
		expect(scoreAttempt(drawn, { q1: ['q1.1'], q2: ['q2.1'] }, 70)).toMatchObject({
			correct: 1,
			percent: 50,
			passed: false
		});
		expect(scoreAttempt(drawn, { q1: ['q1.1', 'q1.2', 'q1.3'], q2: ['q2.1'] }, 50)).toMatchObject({
			percent: 50,
			passed: true
		});
	});
	it('parses strictly', () => {
		expect(
			parseSubmission(
				[
					['q.q1', 'q1.1'],
					['q.q2', 'q2.1']
				],
				drawn,
				msgs
			)
		).toEqual({ ok: true, answers: { q1: ['q1.1'], q2: ['q2.1'] } });
		expect(parseSubmission([['q.q1', 'q1.1']], drawn, msgs)).toEqual({ ok: false, message: 'unanswered 1' });
		expect(
			parseSubmission(
				[
					['q.q1', 'q1.1'],
					['q.q2', 'q2.1'],
					['q.q2', 'q2.2']
				],
				drawn,
				msgs
			)
		).toEqual({ ok: false, message: 'twice' });
		expect(
			parseSubmission(
				[
					['q.q1', 'q1.1'],
					['q.q1', 'q1.1'],
					['q.q2', 'q2.1']
				],
				drawn,
				msgs
			)
		).toEqual({ ok: false, message: 'twice' });
		expect(
			parseSubmission(
				[
					['q.q1', 'q2.1'],
					['q.q2', 'q2.1']
				],
				drawn,
				msgs
			)
		).toEqual({ ok: false, message: 'bad option' });
		expect(
			parseSubmission(
				[
					['q.q1', 'q1.1'],
					['q.q2', 'q2.1'],
					['q.q9', 'q9.1']
				],
				drawn,
				msgs
			)
		).toEqual({ ok: false, message: 'not drawn' });
	});
});

describe('the order of the options in an attempt', () => {
	it('is a permutation, the same for the same attempt and question', () => {
		const order = optionOrder('attempt-1:q3', 5);
		expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
		expect(optionOrder('attempt-1:q3', 5)).toEqual(order);
	});

	it('puts the first option of the file anywhere, about equally often', () => {
		const seen = [0, 0, 0, 0];
		for (let i = 0; i < 4000; i++) seen[optionOrder(`attempt-${i}:q1`, 4).indexOf(0)]++;
		for (const n of seen) expect(n).toBeGreaterThan(850); // 1000 expected at each place
	});
});
