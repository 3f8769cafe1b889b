import { describe, expect, it } from 'vitest';
import { areaOptions } from './area-options';

describe('areaOptions', () => {
	it('names each area, with the areas above it as the hint', () => {
		const areas = [
			{ code: 'N', name: 'North', depth: 0 },
			{ code: 'N-C', name: 'Central', depth: 1 },
			{ code: 'N-C-1', name: 'Ward 1', depth: 2 },
			{ code: 'S', name: 'South', depth: 0 },
			{ code: 'S-C', name: 'Central', depth: 1 }
		];
		expect(areaOptions(areas)).toEqual([
			{ value: 'N', label: 'North' },
			{ value: 'N-C', label: 'Central', hint: 'North' },
			{ value: 'N-C-1', label: 'Ward 1', hint: 'North › Central' },
			{ value: 'S', label: 'South' },
			{ value: 'S-C', label: 'Central', hint: 'South' }
		]);
	});

	it('words names through the given function and tolerates a list that starts below the top', () => {
		const areas = [
			{ code: 'D', name: 'Lake', depth: 1 },
			{ code: 'D-1', name: 'Shore', depth: 2 }
		];
		expect(areaOptions(areas, (a) => `${a.name} district`)).toEqual([
			{ value: 'D', label: 'Lake district' },
			{ value: 'D-1', label: 'Shore district', hint: 'Lake district' }
		]);
	});
});
