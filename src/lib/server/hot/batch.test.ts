import { describe, expect, it } from 'vitest';
import { batched } from './batch';

describe('batched calls', () => {
	it('calls made in one turn go to one run per key, in call order, each answered with its own result', async () => {
		const runs: string[][] = [];
		const double = batched(
			async (xs: string[]) => (runs.push(xs), xs.map((x) => x + x)),
			(x) => x[0]
		);
		const answers = await Promise.all(['a1', 'b1', 'a2', 'a3', 'b2'].map(double));
		expect(answers).toEqual(['a1a1', 'b1b1', 'a2a2', 'a3a3', 'b2b2']);
		expect(runs).toEqual([
			['a1', 'a2', 'a3'],
			['b1', 'b2']
		]);
		await double('a4'); // a later turn: a batch of its own
		expect(runs.at(-1)).toEqual(['a4']);
	});

	it('a failed run fails every call of its batch and no other', async () => {
		const f = batched(
			async (xs: number[]) => {
				if (xs.includes(0)) throw new Error('zero');
				return xs.map((x) => 1 / x);
			},
			(x) => (x < 10 ? 'small' : 'large')
		);
		const r = await Promise.allSettled([f(0), f(2), f(20)]);
		expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
		expect(await f(4)).toBe(0.25);
	});

	it('a run that throws at once rejects its calls instead of crashing', async () => {
		const f = batched((): Promise<number[]> => {
			throw new Error('no pool');
		});
		await expect(f(1)).rejects.toThrow('no pool');
	});
});
