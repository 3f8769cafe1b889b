import { describe, expect, it } from 'vitest';
import { inForceOn, planChange, type Period } from './accreditation-periods';
import { knownDay as d } from '$lib/calendar-day';

type V = { credits: number };
const same = (a: V, b: V) => a.credits === b.credits;
const p = (id: string, from: string, to: string | null, credits: number) => ({
	id,
	from: d(from),
	to: to ? d(to) : null,
	credits
});

describe('inForceOn', () => {
	const periods = [p('a', '2024-01-01', '2025-06-30', 2), p('b', '2025-07-01', null, 1)];
	it('finds the period that covers the day, ends included', () => {
		expect(inForceOn(periods, d('2024-01-01'))?.id).toBe('a');
		expect(inForceOn(periods, d('2025-06-30'))?.id).toBe('a');
		expect(inForceOn(periods, d('2025-07-01'))?.id).toBe('b');
		expect(inForceOn(periods, d('2031-01-01'))?.id).toBe('b');
	});
	it('finds none before the first or in a gap', () => {
		expect(inForceOn(periods, d('2023-12-31'))).toBeNull();
		const gap: Period[] = [p('a', '2024-01-01', '2024-03-31', 2), p('b', '2024-06-01', null, 2)];
		expect(inForceOn(gap, d('2024-05-01'))).toBeNull();
	});
});

describe('planChange', () => {
	const open = [p('a', '2024-01-01', null, 2)];
	it('a new value closes the open period the day before and opens the new one', () => {
		expect(planChange(open, d('2026-03-01'), { credits: 1 }, same)).toEqual({
			problem: null,
			close: { period: open[0], to: d('2026-02-28') },
			open: { credits: 1, from: d('2026-03-01'), to: null }
		});
	});
	it('a first accreditation opens a period and closes nothing', () => {
		expect(planChange([], d('2026-03-01'), { credits: 2 }, same)).toEqual({
			problem: null,
			close: null,
			open: { credits: 2, from: d('2026-03-01'), to: null }
		});
	});
	it('ending closes the period in force the day before; ending what is not in force is refused', () => {
		expect(planChange(open, d('2026-03-01'), null, same)).toMatchObject({
			problem: null,
			close: { to: d('2026-02-28') },
			open: null
		});
		expect(planChange([], d('2026-03-01'), null, same)).toEqual({ problem: { kind: 'not-in-force' } });
		const ended = [p('a', '2024-01-01', '2024-12-31', 2)];
		expect(planChange(ended, d('2026-03-01'), null, same)).toEqual({ problem: { kind: 'not-in-force' } });
	});
	it('never rewrites a period that starts on or after the day', () => {
		expect(planChange(open, d('2024-01-01'), { credits: 1 }, same)).toEqual({
			problem: { kind: 'later-period', from: d('2024-01-01') }
		});
		expect(planChange(open, d('2023-06-01'), null, same)).toEqual({
			problem: { kind: 'later-period', from: d('2024-01-01') }
		});
	});
	it('the same value already in force is refused as unchanged; after an end it opens again', () => {
		expect(planChange(open, d('2026-03-01'), { credits: 2 }, same)).toEqual({ problem: { kind: 'unchanged' } });
		const ended = [p('a', '2024-01-01', '2024-12-31', 2)];
		expect(planChange(ended, d('2026-03-01'), { credits: 2 }, same)).toMatchObject({
			problem: null,
			close: null,
			open: { from: d('2026-03-01') }
		});
	});
});
