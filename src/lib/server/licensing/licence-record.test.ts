import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { licenceRecord } from './licence-record';
import { addEntries, day, licensedWorker } from '../../../../tests/helpers/licensing';

describe('a licence as a regulator reads it', () => {
	it('gives the holder, every cycle (latest first), the current cycle and the entries its verdict counted', async () => {
		const a = await licensedWorker();
		await addEntries(a.user.id, a.j.id, a.provider.id, 3);
		const older = await db.licenceCycle.create({
			data: {
				licenceId: a.licence.id,
				jurisdictionId: a.j.id,
				ruleId: a.rule.id,
				startsOn: day('2025-01-01'),
				endsOn: day('2025-12-31'),
				outcome: 'RENEWED'
			}
		});
		const r = await licenceRecord(a.regulator, a.licence.number);
		expect(r.licenceId).toBe(a.licence.id);
		expect(r.licence.number).toBe(a.licence.number);
		expect(r.licence.cycles.map((c) => c.id)).toEqual([a.cycle.id, older.id]);
		expect(r.cycle?.id).toBe(a.cycle.id);
		expect(r.entries).toHaveLength(r.verdict!.entries.length);
		expect(r.entries.every((e) => typeof e.credits === 'number')).toBe(true);
		expect(r.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		// ?cycle= picks another cycle; a malformed one is ignored, not an error
		expect((await licenceRecord(a.regulator, a.licence.number, older.id)).cycle?.id).toBe(older.id);
		expect((await licenceRecord(a.regulator, a.licence.number, 'not-a-uuid')).cycle?.id).toBe(a.cycle.id);
	});

	it("another jurisdiction's regulator is told it does not exist (404)", async () => {
		const a = await licensedWorker();
		const b = await licensedWorker();
		await expect(licenceRecord(b.regulator, a.licence.number)).rejects.toMatchObject({ status: 404 });
	});
});
