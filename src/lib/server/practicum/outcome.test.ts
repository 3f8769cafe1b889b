import { describe, expect, it } from 'vitest';
import { outcomeOptions, passRefusal } from './outcome';

const offered = (f: Parameters<typeof outcomeOptions>[0]) =>
	outcomeOptions(f)
		.filter((o) => o.allowed)
		.map((o) => o.outcome);

describe('the practicum outcome gate', () => {
	it('PASS is refused with the hours and the final evaluation both named when both are missing', () => {
		expect(passRefusal({ requiredHours: 400, approvedHours: 312, finalSubmitted: false })).toBe(
			'312 of 400 required hours are approved. The final evaluation is not submitted yet.'
		);
	});

	it('PASS is refused for zero hours even with a final evaluation', () => {
		expect(passRefusal({ requiredHours: 400, approvedHours: 0, finalSubmitted: true })).toBe(
			'0 of 400 required hours are approved.'
		);
	});

	it('PASS is refused with all hours but no final evaluation', () => {
		expect(passRefusal({ requiredHours: 400, approvedHours: 400, finalSubmitted: false })).toBe(
			'The final evaluation is not submitted yet.'
		);
	});

	it('PASS is allowed with the required hours (or more) approved and the final evaluation submitted', () => {
		expect(passRefusal({ requiredHours: 400, approvedHours: 400, finalSubmitted: true })).toBeNull();
		expect(passRefusal({ requiredHours: 400, approvedHours: 410.5, finalSubmitted: true })).toBeNull();
	});

	it('quarter hours add up exactly: 0.1 + 0.2 approved meets 0.3 required', () => {
		expect(passRefusal({ requiredHours: 0.3, approvedHours: 0.1 + 0.2, finalSubmitted: true })).toBeNull();
	});

	it('FAIL and INCOMPLETE stay possible whatever the hours; PASS only once the gate is met', () => {
		expect(offered({ requiredHours: 400, approvedHours: 0, finalSubmitted: false })).toEqual(['FAIL', 'INCOMPLETE']);
		expect(offered({ requiredHours: 400, approvedHours: 400, finalSubmitted: true })).toEqual([
			'PASS',
			'FAIL',
			'INCOMPLETE'
		]);
		const pass = outcomeOptions({ requiredHours: 10, approvedHours: 2, finalSubmitted: true })[0];
		expect(pass).toEqual({ outcome: 'PASS', allowed: false, reason: '2 of 10 required hours are approved.' });
	});
});
