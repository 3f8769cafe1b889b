import { describe, expect, it } from 'vitest';
import { eligibility, eventDays, expiryFor, type Evidence, type ProgrammeRules } from './eligibility';
import { day as d } from '../../../../tests/helpers/licensing';
import type { CalendarDay } from '$lib/calendar-day';
const none: Evidence = { completions: [], events: [], practicum: [], supervision: [], previousIssuedAt: null };
const modulesOnly: ProgrammeRules = {
	modules: [
		{ moduleId: 'a', minScore: 80 },
		{ moduleId: 'b', minScore: 70 }
	],
	requiresEvent: false,
	minPracticumHours: null,
	minSupervisionHours: null
};
const completion = (moduleId: string, score: number, at = '2026-05-01') => ({
	moduleId,
	moduleVersionId: `${moduleId}-v1`,
	score,
	completedAt: new Date(`${at}T10:00:00Z`)
});
const fiveDays = eventDays(d('2026-06-01'), d('2026-06-05'));
const event = (attended: CalendarDay[], id = 'e1') => ({
	eventId: id,
	title: 'Five-day course',
	days: fiveDays,
	attended
});

describe('programme eligibility', () => {
	it('lists every requirement as left when there is no evidence', () => {
		const r = eligibility(modulesOnly, none);
		expect(r.eligible).toBe(false);
		expect(r.requirements.map((x) => [x.kind, x.met])).toEqual([
			['module', false],
			['module', false]
		]);
		expect(r.snapshot).toBeNull();
	});

	it('needs every module at or above its own minimum score', () => {
		expect(
			eligibility(modulesOnly, { ...none, completions: [completion('a', 80), completion('b', 69)] }).eligible
		).toBe(false);
		const ok = eligibility(modulesOnly, { ...none, completions: [completion('a', 80), completion('b', 70)] });
		expect(ok.eligible).toBe(true);
		expect(ok.snapshot?.modules.map((x) => x.moduleId)).toEqual(['a', 'b']);
	});

	it('uses the best completion of a module and reports it', () => {
		const r = eligibility(modulesOnly, {
			...none,
			completions: [completion('a', 75), completion('a', 90, '2026-05-02'), completion('b', 70)]
		});
		expect(r.eligible).toBe(true);
		expect(r.requirements[0]).toMatchObject({ best: 90, met: true });
		expect(r.snapshot?.modules[0].score).toBe(90);
	});

	it('an event needs every day attended; a make-up counts, a missed day does not', () => {
		const rules: ProgrammeRules = {
			modules: [],
			requiresEvent: true,
			minPracticumHours: null,
			minSupervisionHours: null
		};
		const missedDay3 = fiveDays.filter((_, i) => i !== 2);
		const r = eligibility(rules, { ...none, events: [event(missedDay3)] });
		expect(r.eligible).toBe(false);
		expect(r.requirements[0]).toMatchObject({ kind: 'event', daysAttended: 4, daysTotal: 5 });
		// the loader lists a make-up day among the attended days
		expect(eligibility(rules, { ...none, events: [event(fiveDays)] })).toMatchObject({
			eligible: true,
			snapshot: { eventId: 'e1' }
		});
	});

	it('with two events, the one attended in full wins', () => {
		const rules: ProgrammeRules = {
			modules: [],
			requiresEvent: true,
			minPracticumHours: null,
			minSupervisionHours: null
		};
		const r = eligibility(rules, {
			...none,
			events: [event(fiveDays, 'full'), event(fiveDays.slice(0, 4), 'partial')]
		});
		expect(r.snapshot?.eventId).toBe('full');
	});

	it('counts practicum and supervision hours against their minimums', () => {
		const rules: ProgrammeRules = { modules: [], requiresEvent: false, minPracticumHours: 10, minSupervisionHours: 2 };
		const evidence: Evidence = {
			...none,
			practicum: [
				{ date: d('2026-03-01'), hours: 6 },
				{ date: d('2026-03-02'), hours: 3.5 }
			],
			supervision: [
				{ date: d('2026-03-01'), minutes: 60 },
				{ date: d('2026-03-08'), minutes: 60 }
			]
		};
		const short = eligibility(rules, evidence);
		expect(short.eligible).toBe(false);
		expect(short.requirements).toEqual([
			{ kind: 'practicum', met: false, have: 9.5, need: 10 },
			{ kind: 'supervision', met: true, have: 2, need: 2 }
		]);
		expect(
			eligibility(rules, { ...evidence, practicum: [...evidence.practicum, { date: d('2026-03-03'), hours: 0.5 }] })
				.eligible
		).toBe(true);
	});

	it('re-certification counts only evidence dated after the previous certificate', () => {
		const previousIssuedAt = new Date('2026-05-01T12:00:00Z');
		// the old completions satisfied the first certificate: they cannot satisfy the second
		const again = eligibility(modulesOnly, {
			...none,
			completions: [completion('a', 95), completion('b', 95)],
			previousIssuedAt
		});
		expect(again.eligible).toBe(false);
		const fresh = eligibility(modulesOnly, {
			...none,
			completions: [completion('a', 95, '2026-06-01'), completion('b', 95, '2026-06-01')],
			previousIssuedAt
		});
		expect(fresh.eligible).toBe(true);
		const rules: ProgrammeRules = { modules: [], requiresEvent: true, minPracticumHours: 4, minSupervisionHours: null };
		const oldEvent = eligibility(rules, {
			...none,
			events: [event(fiveDays)],
			practicum: [{ date: d('2026-05-01'), hours: 8 }],
			previousIssuedAt: d('2026-06-05')
		});
		expect(oldEvent.requirements.map((x) => x.met)).toEqual([false, false]);
	});

	it('a programme without requirements certifies nobody', () => {
		expect(
			eligibility({ modules: [], requiresEvent: false, minPracticumHours: null, minSupervisionHours: 0 }, none).eligible
		).toBe(false);
	});
});

describe('dates', () => {
	it('a certificate valid for 12 months ends the day before its anniversary; none without a period', () => {
		expect(expiryFor('2026-06-05', 12)).toBe('2027-06-04');
		expect(expiryFor('2026-01-31', 1)).toBe('2026-02-27');
		expect(expiryFor('2024-02-29', 12)).toBe('2025-02-27'); // the anniversary is 28 February
		expect(expiryFor('2026-06-05', null)).toBeNull();
	});

	it('an event lasts every day from start to end', () => {
		expect(eventDays(d('2026-06-01'), d('2026-06-05'))).toEqual([
			'2026-06-01',
			'2026-06-02',
			'2026-06-03',
			'2026-06-04',
			'2026-06-05'
		]);
		expect(eventDays(d('2026-06-02'), d('2026-06-01'))).toEqual([]);
	});
});
