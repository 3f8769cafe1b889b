import { describe, expect, it } from 'vitest';
import { modulesForGaps } from './learner';
import { sessionsWith } from './supervisor';

const modules = [
	{ id: 'a', title: 'Alpha' },
	{ id: 'b', title: 'Bravo' },
	{ id: 'c', title: 'Charlie' },
	{ id: 'd', title: 'Delta' },
	{ id: 'e', title: 'Echo' }
];

describe('modules that would close a renewal gap', () => {
	const accredited = [
		{ moduleId: 'a', credits: 2, category: 'ethics' },
		{ moduleId: 'b', credits: 3, category: 'ethics' },
		{ moduleId: 'c', credits: 2, category: 'ethics' },
		{ moduleId: 'd', credits: 1, category: 'ethics' },
		{ moduleId: 'e', credits: 5, category: 'practice' },
		{ moduleId: 'x', credits: 9, category: 'ethics' } // not visible to her
	];

	it('gives up to three of the gap category, most credits first, leaving out completed and unseen ones', () => {
		const status = new Map([['c', 'completed' as const]]);
		const [gap] = modulesForGaps([{ kind: 'category', category: 'ethics', short: 2 }], accredited, modules, status);
		expect(gap.modules.map((x) => x.id)).toEqual(['b', 'a', 'd']);
		expect(gap).toMatchObject({ kind: 'category', category: 'ethics', short: 2 });
	});

	it('a total gap takes any category; no module left gives an empty list', () => {
		const [total] = modulesForGaps([{ kind: 'total', short: 4 }], accredited, modules, new Map());
		expect(total.modules.map((x) => x.id)).toEqual(['e', 'b', 'a']);
		const done = new Map(modules.map((x) => [x.id, 'completed' as const]));
		expect(modulesForGaps([{ kind: 'total', short: 4 }], accredited, modules, done)[0].modules).toEqual([]);
	});

	it('counts the sessions with an attendee in a status once each', () => {
		const s = [
			{ attendees: [{ status: 'DISPUTED' }, { status: 'DISPUTED' }] },
			{ attendees: [{ status: 'PENDING' }, { status: 'CONFIRMED' }] },
			{ attendees: [{ status: 'CONFIRMED' }] }
		];
		expect(sessionsWith(s, 'DISPUTED')).toBe(1);
		expect(sessionsWith(s, 'PENDING')).toBe(1);
	});
});
