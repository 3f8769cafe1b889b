import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { drawSample, select } from './audits';
import { licensedWorker, day } from '../../../../tests/helpers/licensing';

describe('random audits', () => {
	it('the selection is reproducible from the stored seed and population', () => {
		const population = Array.from({ length: 50 }, (_, i) => `licence-${i}`);
		const a = select('seed-1', population, 5);
		expect(select('seed-1', population, 5)).toEqual(a);
		expect(new Set(a).size).toBe(5);
		expect(select('seed-2', population, 5)).not.toEqual(a);
	});

	it('draws the chosen share of licences whose cycle ends in the window, stores seed and population, notifies the workers', async () => {
		const w = await licensedWorker({ from: '2026-01-01', to: '2026-03-31' });
		for (let i = 0; i < 9; i++) {
			const l = await db.licence.create({
				data: {
					jurisdictionId: w.j.id,
					number: `X-${i}-${w.user.id.slice(0, 4)}`,
					holderName: `H ${i}`,
					issuedOn: day('2020-01-01')
				}
			});
			await db.licenceCycle.create({
				data: {
					licenceId: l.id,
					jurisdictionId: w.j.id,
					ruleId: w.rule.id,
					startsOn: day('2025-04-01'),
					endsOn: day('2026-03-15')
				}
			});
		}
		const sample = await drawSample(
			w.regulator,
			{ percent: 30, from: '2026-03-01', to: '2026-03-31', request: 'Send your certificates' },
			'http://credo.test'
		);
		const stored = await db.auditSample.findUniqueOrThrow({ where: { id: sample.id }, include: { items: true } });
		expect(stored.population).toHaveLength(10);
		expect(stored.items).toHaveLength(3);
		expect(select(stored.seed, stored.population, 3).sort()).toEqual(stored.items.map((i) => i.licenceId).sort());
	});
});
