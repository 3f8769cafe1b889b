// The indicator arithmetic, in one place: plain functions, unit-tested.

const round1 = (x: number) => Math.round(x * 10) / 10;

/** VAC 3.1(d).1: numerator as a percentage of the denominator, one decimal; null when nobody is in the denominator. */
export function percent(numerator: number, denominator: number): number | null {
	return denominator > 0 ? round1((numerator * 100) / denominator) : null;
}

/** RAM 45: workers ÷ (child population ÷ 100,000), one decimal; null without a (positive) population figure. */
export function per100k(workers: number, childPopulation: number | null): number | null {
	return childPopulation && childPopulation > 0 ? round1((workers * 100_000) / childPopulation) : null;
}

export type QaBand = 'well-developed' | 'mid-level' | 'early' | 'none';

/** 3.a.1 bands (seed 002): 13–16 well-developed, 9–12 mid-level, 5–8 early development, 4 no development. */
export function qaBand(total: number): QaBand {
	if (!Number.isInteger(total) || total < 4 || total > 16)
		throw new RangeError(`a 3.a.1 total is a whole number from 4 to 16, not ${total}`);
	return total >= 13 ? 'well-developed' : total >= 9 ? 'mid-level' : total >= 5 ? 'early' : 'none';
}

/** The composite: a total and its band only once all four criteria are scored (1–4 each). */
export function qaComposite(scores: (number | null)[]): { total: number | null; band: QaBand | null; scored: number } {
	const given = scores.filter((s): s is number => s !== null);
	if (scores.length !== 4 || given.length !== 4) return { total: null, band: null, scored: given.length };
	const total = given.reduce((t, s) => t + s, 0);
	return { total, band: qaBand(total), scored: 4 };
}
