// The accreditation forms say "Leave empty for today": an empty day is no day (the domain takes today), a typed one
// must be real.
import { describe, expect, it } from 'vitest';
import { moduleSchema, providerSchema } from './accreditation';

describe('the accreditation forms', () => {
	it('take an empty "From" as today (no day given) and refuse a day that does not exist', () => {
		const module = { moduleId: 'care-gatekeeping', credits: '0.5', category: 'child-protection', accredit: 'yes' };
		expect(moduleSchema().parse({ ...module, from: '' }).from).toBeUndefined();
		expect(moduleSchema().parse({ ...module, from: '2026-12-07' }).from).toBe('2026-12-07');
		expect(moduleSchema().safeParse({ ...module, from: '2026-02-30' }).success).toBe(false);
		const provider = { organisationId: '00000000-0000-4000-8000-000000000000', accredit: 'no' };
		expect(providerSchema.parse({ ...provider, from: '' }).from).toBeUndefined();
		expect(providerSchema.safeParse({ ...provider, from: 'soon' }).success).toBe(false);
	});
});
