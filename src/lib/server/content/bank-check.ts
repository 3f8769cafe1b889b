// Can a question bank be passed without the knowledge? A test-wise learner who never read the module answers every
// single-choice item with its longest option and every multiple-choice item with all options but the shortest.
// For a reviewed module content:check computes the probability that this strategy passes one draw at the pass mark,
// and refuses the bank above MAX_STRATEGY_PASS. Pure functions: the tests compute a bank by hand.
import type { Question } from './types.ts';

/** The most a test-wise strategy may pass one draw with. */
export const MAX_STRATEGY_PASS = 0.1;
export const MIN_SINGLE_DISTRACTORS = 3;
export const MIN_MULTIPLE_WRONG = 2;

const len = (text: string) => text.trim().length;

/**
 * The chance the strategy answers this item right (ties broken at random): single — the key is among the longest
 * options (1 / how many share the longest length); multiple — "all but the shortest" is exactly the keyed set.
 */
export function strategyRight(q: Pick<Question, 'type' | 'options'>): number {
	const lengths = q.options.map((o) => len(o.text));
	if (q.type === 'single') {
		const longest = Math.max(...lengths);
		const tied = q.options.filter((o, i) => lengths[i] === longest);
		return tied.some((o) => o.correct) ? 1 / tied.length : 0;
	}
	const shortest = Math.min(...lengths);
	const dropped = q.options.map((_, i) => i).filter((i) => lengths[i] === shortest);
	// the learner leaves out one of the shortest options and ticks every other one
	const right = dropped.filter((d) => q.options.every((o, i) => o.correct === (i !== d))).length;
	return right / dropped.length;
}

/** The fewest right answers out of `draw` that reach the pass mark, as scoring.ts rounds the percentage. */
export function rightNeeded(draw: number, passMark: number): number {
	for (let c = 0; c <= draw; c++) if (Math.round((c / draw) * 100) >= passMark) return c;
	return draw + 1;
}

/**
 * The probability that the strategy passes one attempt: `draw` items drawn at random from the pool without
 * replacement (a first attempt: every item is unseen), each answered right with its own chance. Exact, by dynamic
 * programming over the pool: ways[j][c] sums, over the subsets of j items seen so far, the probability of c right.
 */
export function strategyPassProbability(pool: Pick<Question, 'type' | 'options'>[], draw: number, passMark: number) {
	const n = pool.length;
	if (draw > n || draw <= 0) return 0;
	let ways: number[][] = Array.from({ length: draw + 1 }, () => new Array<number>(draw + 1).fill(0));
	ways[0][0] = 1;
	for (const q of pool) {
		const p = strategyRight(q);
		const next = ways.map((row) => [...row]); // the item not drawn
		for (let j = 0; j < draw; j++)
			for (let c = 0; c <= j; c++) {
				if (!ways[j][c]) continue;
				next[j + 1][c + 1] += ways[j][c] * p;
				next[j + 1][c] += ways[j][c] * (1 - p);
			}
		ways = next;
	}
	let subsets = 1; // C(n, draw)
	for (let i = 0; i < draw; i++) subsets = (subsets * (n - i)) / (i + 1);
	const need = rightNeeded(draw, passMark);
	let pass = 0;
	for (let c = need; c <= draw; c++) pass += ways[draw][c];
	return pass / subsets;
}

export type BankProblem = { question?: number; message: string };

/** What content:check says of a reviewed module's bank: each problem with the index of its question (for the line). */
export function bankProblems(a: { draw: number; passMark: number; questions: Question[] }): BankProblem[] {
	const problems: BankProblem[] = [];
	a.questions.forEach((q, i) => {
		const wrong = q.options.filter((o) => !o.correct).length;
		if (q.type === 'single' && wrong < MIN_SINGLE_DISTRACTORS)
			problems.push({
				question: i,
				message: `question ${q.id}: a single-choice item needs at least ${MIN_SINGLE_DISTRACTORS} distractors (has ${wrong})`
			});
		if (q.type === 'multiple' && wrong < MIN_MULTIPLE_WRONG)
			problems.push({
				question: i,
				message: `question ${q.id}: a multiple-choice item needs at least ${MIN_MULTIPLE_WRONG} wrong options (has ${wrong})`
			});
	});
	const p = strategyPassProbability(a.questions, a.draw, a.passMark);
	if (p > MAX_STRATEGY_PASS) {
		const biased = a.questions
			.filter((q) => strategyRight(q) > 0)
			.map((q) => `${q.id} (${q.type === 'single' ? 'key is the longest option' : 'keys are all but the shortest'})`);
		problems.push({
			message:
				`"longest option for single, all but the shortest for multiple" passes a draw of ${a.draw} at ` +
				`${a.passMark} % with probability ${(p * 100).toFixed(1)} % (at most ${MAX_STRATEGY_PASS * 100} %): ` +
				`balance the option lengths of ${biased.join(', ')}`
		});
	}
	return problems;
}
