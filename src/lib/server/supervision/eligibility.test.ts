import { describe, expect, it } from 'vitest';
import { assignmentWarnings, type SupervisionRules, type SupervisorFacts } from './eligibility';

const rules: SupervisionRules = {
	ratioDedicated: 10,
	ratioOther: 6,
	minYearsExperience: 3,
	requireRegistration: true,
	requireCourse: true
};
const ok: SupervisorFacts = { registered: 'register', yearsExperience: 8, course: true, dedicated: false, load: 2 };

describe('supervisor eligibility and load', () => {
	it('an eligible supervisor under the ratio raises nothing', () => expect(assignmentWarnings(rules, ok)).toEqual([]));
	it('1:6 when supervision is not the only duty', () =>
		expect(assignmentWarnings(rules, { ...ok, load: 6 })).toEqual(['ratio']));
	it('1:10 when supervision is the only duty', () => {
		expect(assignmentWarnings(rules, { ...ok, dedicated: true, load: 9 })).toEqual([]);
		expect(assignmentWarnings(rules, { ...ok, dedicated: true, load: 10 })).toEqual(['ratio']);
	});
	it('too little experience, no course, not registered', () =>
		expect(assignmentWarnings(rules, { ...ok, yearsExperience: 2, course: false, registered: 'no' })).toEqual([
			'experience',
			'not-registered',
			'no-course'
		]));
	it('self-declared registration is shown as such', () =>
		expect(assignmentWarnings(rules, { ...ok, registered: 'self-declared' })).toEqual(['self-declared']));
	it('the thresholds are data: five years where the jurisdiction says five', () =>
		expect(assignmentWarnings({ ...rules, minYearsExperience: 5 }, { ...ok, yearsExperience: 4 })).toEqual([
			'experience'
		]));
});
