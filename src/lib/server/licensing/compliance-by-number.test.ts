import { describe, expect, it } from 'vitest';
import { complianceByNumber } from './compliance-data';
import { makeJurisdiction } from '../../../../tests/helpers/db';
import { licensedWorker } from '../../../../tests/helpers/licensing';

describe('compliance by licence number (the API)', () => {
	it("finds the jurisdiction's own licence only; an overlong or NUL number is simply not found", async () => {
		const w = await licensedWorker();
		const state = await complianceByNumber(w.j.id, w.licence.number);
		expect(state?.licence.number).toBe(w.licence.number);
		expect(state?.cycle.id).toBe(w.cycle.id);
		expect(await complianceByNumber((await makeJurisdiction()).id, w.licence.number)).toBeNull();
		expect(await complianceByNumber(w.j.id, 'L'.repeat(65))).toBeNull();
		expect(await complianceByNumber(w.j.id, `${w.licence.number}\u0000`)).toBeNull();
	});
});
