import { describe, expect, it } from 'vitest';
import { inQueueFilter, parseQueueFilter, queueCounts } from './queue-filter';

const open = { outcome: 'OPEN', verdict: { status: 'not-met' } };
const openMet = { outcome: 'OPEN', verdict: { status: 'met' } };
const grace = { outcome: 'GRACE', verdict: { status: 'not-met' } };
const graceMet = { outcome: 'GRACE', verdict: { status: 'met' } };
const unknown = { outcome: 'OPEN', verdict: null };

describe('renewal queue filters', () => {
	it('puts each cycle in the filters it belongs to, a compliant one in grace in two', () => {
		expect(inQueueFilter(open, 'open')).toBe(true);
		expect(inQueueFilter(open, 'grace')).toBe(false);
		expect(inQueueFilter(open, 'compliant')).toBe(false);
		expect(inQueueFilter(graceMet, 'grace')).toBe(true);
		expect(inQueueFilter(graceMet, 'compliant')).toBe(true);
		expect(inQueueFilter(unknown, 'compliant')).toBe(false);
	});

	it('counts each filter over the same rows', () => {
		expect(queueCounts([open, openMet, grace, graceMet, unknown])).toEqual({ open: 3, grace: 2, compliant: 2 });
		expect(queueCounts([])).toEqual({ open: 0, grace: 0, compliant: 0 });
	});

	it('reads only the known filters from the address', () => {
		expect(parseQueueFilter('grace')).toBe('grace');
		expect(parseQueueFilter('GRACE')).toBeNull();
		expect(parseQueueFilter('')).toBeNull();
		expect(parseQueueFilter(null)).toBeNull();
	});
});
