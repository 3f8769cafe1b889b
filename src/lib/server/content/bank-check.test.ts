import { describe, expect, it } from 'vitest';
import { bankProblems, rightNeeded, strategyPassProbability, strategyRight } from './bank-check';
import type { Question } from './types';

let n = 0;
/** An item from option texts; a leading "*" marks a keyed option. */
const item = (type: Question['type'], ...texts: string[]): Question => {
	const id = `q${++n}`;
	return {
		id,
		type,
		prompt: 'p',
		feedback: 'f',
		options: texts.map((t, i) => ({ id: `${id}.${i + 1}`, text: t.replace(/^\*/, ''), correct: t.startsWith('*') }))
	};
};

// Four items, computed by hand:
//   A single, key strictly longest            → the strategy is right: 1
//   B single, key shorter than a distractor   → 0
//   C multiple, keys = all but the shortest   → 1
//   D single, key tied with one distractor for longest → 1/2
const A = item('single', '*a long keyed answer', 'short', 'brief', 'tiny');
const B = item('single', '*key', 'a much longer distractor', 'other', 'thing');
const C = item('multiple', '*first keyed', '*second keyed', 'no');
const D = item('single', '*twelve chars', 'twelve chars', 'x', 'y');

describe('the test-wise strategy', () => {
	it('answers each item right with the chance worked out by hand', () => {
		expect([A, B, C, D].map(strategyRight)).toEqual([1, 0, 1, 0.5]);
	});

	it('a tie for the shortest option of a multiple-choice item splits the chance', () => {
		expect(strategyRight(item('multiple', '*keyed one', '*keyed two', 'abc', 'xyz'))).toBe(0);
		expect(strategyRight(item('multiple', '*keyed one', 'abc', 'xyz'))).toBe(0);
		expect(strategyRight(item('multiple', '*keyed one', '*abc', 'xyz'))).toBe(0.5);
	});

	it('needs the fewest right answers that reach the pass mark as scoring rounds it', () => {
		expect(rightNeeded(5, 70)).toBe(4); // 3 of 5 = 60 %, 4 of 5 = 80 %
		expect(rightNeeded(2, 50)).toBe(1);
		expect(rightNeeded(3, 67)).toBe(2); // 2 of 3 rounds to 67 %
	});

	it('passes a draw of 2 from A–D with 5.5/6 at 50 % and 2/6 at 100 % (the six pairs by hand)', () => {
		// pairs at 50 % (one right is enough): AB 1, AC 1, AD 1, BC 1, BD 1/2, CD 1 → 5.5 / 6
		expect(strategyPassProbability([A, B, C, D], 2, 50)).toBeCloseTo(5.5 / 6, 12);
		// at 100 % (both right): AB 0, AC 1, AD 1/2, BC 0, BD 0, CD 1/2 → 2 / 6
		expect(strategyPassProbability([A, B, C, D], 2, 100)).toBeCloseTo(2 / 6, 12);
	});

	it('agrees with enumerating every draw on a larger pool', () => {
		const pool = Array.from({ length: 10 }, (_, i) =>
			i % 3 === 0 ? item('single', '*the longest keyed option', 'a', 'b', 'c') : item('single', '*k', 'longer one', 'b', 'c')
		);
		const p = pool.map(strategyRight);
		let total = 0;
		let count = 0;
		const pick = (from: number, chosen: number[]) => {
			if (chosen.length === 5) {
				count++;
				total += chosen.every((i) => p[i] === 1) || chosen.filter((i) => p[i] === 1).length >= 4 ? 1 : 0;
				return;
			}
			for (let i = from; i < pool.length; i++) pick(i + 1, [...chosen, i]);
		};
		pick(0, []);
		expect(strategyPassProbability(pool, 5, 70)).toBeCloseTo(total / count, 12);
	});
});

describe('a bank content:check refuses', () => {
	const balanced = () => item('single', '*the keyed one here', 'a distractor here', 'another wrong one', 'a longest wrong one');
	it('a single-choice item with two distractors, a multiple-choice item with one wrong option', () => {
		const pool = [
			item('single', '*keyed', 'a longer wrong one', 'wrong two'),
			item('multiple', '*a', '*b', 'a longer wrong'),
			...Array.from({ length: 8 }, balanced)
		];
		const messages = bankProblems({ draw: 5, passMark: 70, questions: pool }).map((p) => p.message);
		expect(messages).toEqual([
			expect.stringMatching(/single-choice item needs at least 3 distractors \(has 2\)/),
			expect.stringMatching(/multiple-choice item needs at least 2 wrong options \(has 1\)/)
		]);
	});

	it('a bank whose keys are the longest options, with the probability and the items to balance', () => {
		const pool = Array.from({ length: 10 }, () => item('single', '*the keyed answer, longest', 'a', 'b', 'c'));
		const [problem] = bankProblems({ draw: 5, passMark: 70, questions: pool });
		expect(problem.message).toMatch(/with probability 100\.0 %.*balance the option lengths of q\d+ \(key is the longest option\)/);
	});

	it('passes a balanced bank', () => {
		expect(bankProblems({ draw: 5, passMark: 70, questions: Array.from({ length: 10 }, balanced) })).toEqual([]);
	});
});
