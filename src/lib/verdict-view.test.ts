// How pages show a verdict's areas and types: labels, never codes, and snapshots decided before activity types still read.
import { describe, expect, it } from 'vitest';
import { areaLabel, areaRows, earnedTypes, entryType, sessionTitle, typeLabel, typeRows } from './verdict-view';

const titles = new Map([
	['ethics', 'Ethics and professional conduct'],
	['practice', 'Practice']
]);

describe('verdict view', () => {
	it('a snapshot decided before activity types: no type, area self-directed — read as self-study, nothing raw', () => {
		const old = {
			required: { total: 10, categories: { ethics: 2 } },
			earned: { total: 5, categories: { ethics: 2, 'self-directed': 3 } },
			entries: [
				{ id: 'a', counted: 2, category: 'ethics' },
				{ id: 'b', counted: 3, category: 'self-directed' }
			]
		};
		expect(entryType(old.entries[0])).toBeNull();
		expect(typeLabel(entryType(old.entries[0]))).toBe('not recorded');
		expect(typeLabel(entryType(old.entries[1]))).toBe('Self-study (reading, recordings)');
		expect(areaLabel(titles, 'self-directed')).toBe('Self-study (reading, recordings)');
		expect(areaLabel(titles, 'mental-health')).toBe('Mental health');
		expect(earnedTypes(old)).toEqual({ 'self-study': 3 });
		expect(areaRows(old, titles).map((r) => [r.label, r.text])).toEqual([
			['Ethics and professional conduct', '2 of the 2 required'],
			['Self-study (reading, recordings)', '3 credits']
		]);
		expect(typeRows(old, null).map((r) => [r.label, r.notes])).toEqual([['Self-study (reading, recordings)', []]]);
	});

	it('per activity type: earned, the cap in credits (share of the required total) and the rate per hour', () => {
		const v = {
			required: { total: 10, categories: {} },
			earned: { total: 3.5, categories: { practice: 3.5 }, types: { 'in-person': 3, 'supervision-received': 0.5 } },
			entries: [
				{ id: 'x', counted: 3, category: 'practice', type: 'in-person' },
				{ id: 'session-1', counted: 0.5, category: 'practice', type: 'supervision-received' }
			]
		};
		const rows = typeRows(v, {
			activityCaps: { 'self-study': 0.5 },
			activityRates: { 'in-person': 1, 'supervision-received': 0.5 }
		});
		expect(rows.map((r) => [r.id, r.earned, r.cap, r.rate])).toEqual([
			['self-study', 0, 5, null],
			['in-person', 3, null, 1],
			['supervision-received', 0.5, null, 0.5]
		]);
		expect(rows[0].notes).toEqual(['at most 5 credits']);
		expect(rows[1].notes).toEqual(['1 credit per hour']);
		// a supervision type without a rate says it earns nothing under the rule
		expect(typeRows(v, { activityRates: {} }).find((r) => r.id === 'supervision-received')!.notes).toEqual([
			'earns no CPD under this rule'
		]);
	});

	it('names a supervision entry by its session', () => {
		expect(sessionTitle({ id: 'session-1', kind: 'received', date: '2026-03-10', minutes: 60 })).toMatch(
			/^Supervision received — .*2026, 60 min$/
		);
		expect(sessionTitle({ id: 'instruction-1', kind: 'given', date: '2026-03-10', minutes: 90 })).toMatch(
			/^Field instruction given — .*, 90 min$/
		);
	});
});
