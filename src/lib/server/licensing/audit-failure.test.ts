import { describe, expect, it } from 'vitest';
import { auditFailurePlan } from './audit-failure';

const open = { id: 'c2', startsOn: '2026-01-01', outcome: 'OPEN' };
const renewed = { id: 'c1', startsOn: '2025-01-01', outcome: 'RENEWED' };
const entries = [
	{ id: 'course', source: 'EXTERNAL', disallowed: false },
	{ id: 'module', source: 'MODULE', disallowed: false },
	{ id: 'capped', source: 'EXTERNAL', disallowed: false },
	{ id: 'earlier', source: 'EXTERNAL', disallowed: true }
];
const counted = [
	{ id: 'course', counted: 3 },
	{ id: 'module', counted: 2 },
	{ id: 'capped', counted: 0 },
	{ id: 'earlier', counted: 0 }
];

describe('what an audit FAILED changes', () => {
	it('disallows the external entries that counted in the audited open cycle, and puts that cycle back in the queue', () => {
		expect(auditFailurePlan({ audited: open, cycles: [renewed, open], counted, entries })).toEqual({
			disallow: ['course'],
			reopen: 'c2'
		});
	});

	it('a cycle in grace is still undecided: its entries are disallowed too', () => {
		const grace = { ...open, outcome: 'GRACE' };
		expect(auditFailurePlan({ audited: grace, cycles: [grace], counted, entries }).disallow).toEqual(['course']);
	});

	it('a module completion, an entry that did not count and one already disallowed are left as they are', () => {
		const plan = auditFailurePlan({ audited: open, cycles: [open], counted, entries });
		expect(plan.disallow).not.toContain('module');
		expect(plan.disallow).not.toContain('capped');
		expect(plan.disallow).not.toContain('earlier');
	});

	it('a renewed cycle is never touched: nothing is disallowed and the running cycle goes to the queue instead', () => {
		expect(auditFailurePlan({ audited: renewed, cycles: [renewed, open], counted, entries })).toEqual({
			disallow: [],
			reopen: 'c2'
		});
	});

	it('a lapsed licence with no undecided cycle has nothing to reopen', () => {
		const lapsed = { ...renewed, outcome: 'LAPSED' };
		expect(auditFailurePlan({ audited: lapsed, cycles: [lapsed], counted, entries })).toEqual({
			disallow: [],
			reopen: null
		});
	});
});
