// The trends series from published reports (pure): one scope, one point per period from its latest publication.
import { describe, expect, it } from 'vitest';
import { trends, trendsCsv, type TrendScope } from './trends';
import type { PublishedReport } from './published';
import type { IndicatorReport } from './report';

const scope: TrendScope = { areaCode: '', version: 'strict', partnerCode: '' };

/** A published report with only what the trends read. */
function published(
	id: string,
	o: { asOf: string; year: number; at: string; vac: [number, number]; ram: [number, number | null]; qa: number | null },
	s: Partial<TrendScope> = {}
): PublishedReport {
	const [certified, workers] = o.vac;
	const [ramWorkers, population] = o.ram;
	const report = {
		vac: { total: { certified, workers, percent: workers ? Math.round((certified * 1000) / workers) / 10 : null } },
		ram: {
			total: {
				workers: ramWorkers,
				population,
				rate: population ? Math.round((ramWorkers * 1_000_000) / population) / 10 : null
			}
		}
	} as unknown as IndicatorReport;
	return {
		id,
		jurisdictionId: 'j',
		jurisdictionCode: 'DR',
		areaId: null,
		asOf: o.asOf as PublishedReport['asOf'],
		year: o.year,
		version: s.version ?? 'strict',
		partnerId: null,
		title: `Report ${id}`,
		figures: {
			report,
			qa: { total: o.qa, band: o.qa === null ? null : 'mid-level', scored: o.qa === null ? 2 : 4, scores: [] },
			scope: { areaCode: s.areaCode ?? '', partnerCode: s.partnerCode ?? '', partnerName: '' }
		},
		publishedBy: 'R',
		publishedAt: new Date(o.at)
	};
}

describe('trends over published reports', () => {
	const reports = [
		published('b', { asOf: '2026-06-30', year: 2025, at: '2026-07-02', vac: [3, 10], ram: [20, 40_000], qa: 10 }),
		published('a', { asOf: '2025-06-30', year: 2024, at: '2025-07-02', vac: [1, 10], ram: [15, null], qa: null }),
		// the same period published again later (a correction): it replaces the earlier publication
		published('c', { asOf: '2026-06-30', year: 2025, at: '2026-08-01', vac: [4, 10], ram: [21, 40_000], qa: 11 }),
		// other scopes never mix in
		published(
			'd',
			{ asOf: '2026-06-30', year: 2025, at: '2026-09-01', vac: [9, 10], ram: [1, 1], qa: 16 },
			{ areaCode: 'R1' }
		),
		published(
			'e',
			{ asOf: '2026-06-30', year: 2025, at: '2026-09-01', vac: [9, 10], ram: [1, 1], qa: 16 },
			{ version: 'aggregate' }
		)
	];

	it('one point per period, oldest first, from the latest publication of the scope', () => {
		const t = trends(reports, scope);
		expect(t.vac.map((p) => [p.period, p.percent, p.report.id])).toEqual([
			['2025-06-30', 10, 'a'],
			['2026-06-30', 40, 'c']
		]);
		expect(t.ram.map((p) => [p.period, p.rate, p.workers])).toEqual([
			[2024, null, 15],
			[2025, 52.5, 21]
		]);
		expect(t.qa.map((p) => [p.period, p.total])).toEqual([
			[2024, null],
			[2025, 11]
		]);
		expect(trends(reports, { ...scope, areaCode: 'R1' }).vac.map((p) => p.report.id)).toEqual(['d']);
		expect(trends(reports, { ...scope, partnerCode: 'unicef' }).vac).toEqual([]);
	});

	it('the CSV carries the same series, a row per indicator and period', async () => {
		const t = trends(reports, scope);
		const csv = trendsCsv('DR', scope, t);
		const rows = [];
		for await (const r of csv.rows as Iterable<unknown[]>) rows.push(r);
		expect(rows).toEqual([
			['DR', '', 'strict', '', 'VAC_3_1_D_1', '2025-06-30', 10, 1, 10, 'Report a'],
			['DR', '', 'strict', '', 'VAC_3_1_D_1', '2026-06-30', 40, 4, 10, 'Report c'],
			['DR', '', 'strict', '', 'RAM_45', 2024, '', 15, '', 'Report a'],
			['DR', '', 'strict', '', 'RAM_45', 2025, 52.5, 21, 40_000, 'Report c'],
			['DR', '', 'strict', '', 'QA_3_A_1', 2024, '', '', '', 'Report a'],
			['DR', '', 'strict', '', 'QA_3_A_1', 2025, 11, '', '', 'Report c']
		]);
	});
});
