import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { analystHome } from './analyst';
import { reportContext } from '../indicators/context';
import { parseFilters } from '../indicators/filters';
import { indicatorReport } from '../indicators/report';

describe("the analyst's home", () => {
	it('shows the headline indicators the report shows first, with their as-of date and the link to that report', async () => {
		const j = await makeJurisdiction();
		await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'A', familyName: 'Nalysed' } });
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: j.id }])).id);
		const now = new Date('2026-06-30T12:00:00Z');

		const home = await analystHome(analyst, now);
		const ctx = await reportContext(analyst);
		const parsed = parseFilters(ctx, new URLSearchParams(), now);
		if (!parsed.ok) throw new Error('default filters refused');
		const report = await indicatorReport(ctx, parsed.filters);

		expect(home).not.toBeNull();
		expect(home!.jurisdiction.code).toBe(j.code);
		expect(home!.asOf).toBe(parsed.filters.asOf);
		expect(home!.year).toBe(2025);
		expect(home!.vac).toEqual({
			certified: report.vac.total.certified,
			workers: report.vac.total.workers,
			percent: report.vac.total.percent
		});
		expect(home!.ram).toEqual({ workers: report.ram.total.workers, rate: report.ram.total.rate });
		expect(new URLSearchParams(home!.query).get('jurisdiction')).toBe(j.code);
		expect(new URLSearchParams(home!.query).get('date')).toBe(parsed.filters.asOf);
	});
});
