// Published reports on the worked example (docs/domains/indicators.md): what is published never moves; a change
// recorded later with a later effective date leaves an as-of report for a past date as it was; with an earlier one it
// changes exactly the cells it should, and "recomputed now" names the workers and why.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { day } from '../../../../tests/helpers/licensing';
import { WORKED_AS_OF, WORKED_YEAR, workedExample } from '../../../../tests/helpers/worked-example';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { reportContext } from './context';
import { parseFilters } from './filters';
import { indicatorReport } from './report';
import {
	canPublish,
	cellDiff,
	cellsOf,
	publishReport,
	publishedReportFor,
	publishedReports,
	recomputedNow,
	type Cell
} from './published';
import { Forbidden } from '../errors';

async function published() {
	const ex = await workedExample();
	const ctx = await reportContext(ex.regulator, ex.jurisdiction.code);
	const parsed = parseFilters(ctx, new URLSearchParams({ date: WORKED_AS_OF, year: String(WORKED_YEAR) }));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const id = await publishReport(
		ex.regulator,
		ctx,
		parsed.filters,
		{ title: 'June 2026' },
		{
			areaCode: '',
			partnerCode: '',
			partnerName: ''
		}
	);
	const report = await publishedReportFor(ex.regulator, id);
	const worker = async (given: string) =>
		db.workerProfile.findFirstOrThrow({ where: { jurisdictionId: ex.jurisdiction.id, givenName: given } });
	return { ...ex, ctx, filters: parsed.filters, id, report, worker };
}

const has = (cells: Cell[], c: Partial<Cell>) =>
	cells.some((x) => Object.entries(c).every(([k, v]) => x[k as keyof Cell] === v));

describe('publishing a report', () => {
	it('stores the figures as shown, and the worker and certificate ids of every cell', async () => {
		const p = await published();
		const live = await indicatorReport(p.ctx, p.filters);
		expect(p.report.figures.report).toEqual(JSON.parse(JSON.stringify(live)));
		// by hand: VAC denominator A, C, D; numerator A (2026-01-10) and D (2026-03-01); RAM 45 2025: A, B, C
		expect(p.report.figures.report.vac.total).toMatchObject({ certified: 2, workers: 3 });
		expect(p.report.figures.report.ram.total).toMatchObject({ workers: 3, population: 58_000, rate: 5.2 });
		const rows = await db.publishedReportRow.findMany({ where: { reportId: p.id } });
		const named = async (given: string) => (await p.worker(given)).id;
		expect(new Set(rows.filter((r) => r.vacIn).map((r) => r.workerId))).toEqual(
			new Set([await named('A'), await named('C'), await named('D')])
		);
		expect(new Set(rows.filter((r) => r.ramIn).map((r) => r.workerId))).toEqual(
			new Set([await named('A'), await named('B'), await named('C')])
		);
		const certified = rows.filter((r) => r.vacIn && r.vacCert);
		const certificates = await db.certificate.findMany({
			where: { workerId: { in: [await named('A'), await named('D')] } }
		});
		expect(new Set(certified.map((r) => r.certificateId))).toEqual(new Set(certificates.map((c) => c.id)));
		expect(p.report.publishedBy).not.toBe('');
		expect((await publishedReports(p.jurisdiction.id)).map((r) => r.id)).toEqual([p.id]);
		const event = await db.auditEvent.findFirst({ where: { action: 'indicators.report_published', subjectId: p.id } });
		expect(event).not.toBeNull();
	});

	it('is for the jurisdiction’s regulators and ministry officers; others are refused and nothing is stored', async () => {
		const p = await published();
		const provider = await sessionUserOf((await makeUser([{ role: 'PROVIDER' }])).id);
		const otherRegulator = await sessionUserOf(
			(await makeUser([{ role: 'REGULATOR', jurisdictionId: (await makeJurisdiction()).id }])).id
		);
		expect(canPublish(p.regulator, p.jurisdiction.id)).toBe(true);
		expect(canPublish(provider, p.jurisdiction.id)).toBe(false);
		expect(canPublish(otherRegulator, p.jurisdiction.id)).toBe(false);
		await expect(
			publishReport(otherRegulator, p.ctx, p.filters, { title: 'x' }, p.report.figures.scope)
		).rejects.toThrow(Forbidden);
		await expect(publishedReportFor(otherRegulator, p.id)).rejects.toMatchObject({ status: 404 });
		expect(await db.publishedReport.count({ where: { jurisdictionId: p.jurisdiction.id } })).toBe(1);
	});
});

describe('a report as of a past date, after changes recorded later', () => {
	it('does not move when the changes take effect after its date', async () => {
		const p = await published();
		const A = await p.worker('A');
		const C = await p.worker('C');
		// recognition withdrawn, C's licence suspended, A's certificate revoked: all from 1 September 2026
		await db.programme.updateMany({
			where: { jurisdictionId: p.jurisdiction.id },
			data: { recognitionStatus: 'WITHDRAWN', recognitionFrom: day('2026-09-01') }
		});
		await db.licence.updateMany({
			where: { workerProfileId: C.id },
			data: { status: 'SUSPENDED', statusFrom: day('2026-09-01') }
		});
		await db.certificate.updateMany({
			where: { workerId: A.id },
			data: { revokedAt: new Date(), revokedOn: day('2026-09-01'), revokeReason: 'test' }
		});
		const now = await recomputedNow(p.ctx, p.report);
		expect(now.changed).toBe(0);
		expect(now.changes).toEqual([]);
		expect(JSON.parse(JSON.stringify(now.report))).toEqual(p.report.figures.report);
		// and the published report itself is as it was
		expect((await publishedReportFor(p.regulator, p.id)).figures).toEqual(p.report.figures);
	});

	it('changes exactly the cells it should when they take effect before its date, each worker itemised with why', async () => {
		const p = await published();
		const [A, C, D] = [await p.worker('A'), await p.worker('C'), await p.worker('D')];
		// recognition withdrawn from 1 February 2026: A (issued 10 January) and D (1 March) are not certified on 30 June
		await db.programme.updateMany({
			where: { jurisdictionId: p.jurisdiction.id },
			data: { recognitionStatus: 'WITHDRAWN', recognitionFrom: day('2026-02-01') }
		});
		// C's licence suspended from 1 January 2025: not licensed on any day of 2025
		await db.licence.updateMany({
			where: { workerProfileId: C.id },
			data: { status: 'SUSPENDED', statusFrom: day('2025-01-01') }
		});
		const now = await recomputedNow(p.ctx, p.report);
		expect(now.report.vac.total).toMatchObject({ certified: 0, workers: 3 });
		expect(now.report.ram.total).toMatchObject({ workers: 3 });
		expect(now.changed).toBe(3);
		const of = (id: string) => now.changes.find((c) => c.workerId === id)!;
		for (const w of [A, D]) {
			const c = of(w.id);
			expect(c.reasons).toEqual(['recognition-changed']);
			expect(c.entered).toEqual([]);
			// VAC certified: the total and each of its five breakdowns; nothing else
			expect(c.left).toHaveLength(6);
			expect(c.left.every((x) => x.indicator === 'vac' && x.measure === 'certified')).toBe(true);
			expect(c.certificateBefore).not.toBeNull();
			expect(c.certificateAfter).toBeNull();
		}
		expect(has(of(A.id).left, { dimension: 'cadre', key: 'PROF_SW' })).toBe(true);
		expect(has(of(D.id).left, { dimension: 'cadre', key: 'CYCW' })).toBe(true);
		expect(of(C.id)).toMatchObject({
			name: 'C Example',
			reasons: ['licence-status-changed'],
			entered: [{ indicator: 'ram', measure: 'workers', dimension: 'credential', key: 'NEITHER' }],
			left: [{ indicator: 'ram', measure: 'workers', dimension: 'credential', key: 'LICENSED' }]
		});
		// the published figures never moved
		expect((await publishedReportFor(p.regulator, p.id)).figures.report.vac.total).toMatchObject({ certified: 2 });
	});

	it('names a record added late: a worker recorded after publishing, with a certificate issued before the date', async () => {
		const p = await published();
		const A = await p.worker('A');
		const late = await db.workerProfile.create({
			data: {
				jurisdictionId: p.jurisdiction.id,
				givenName: 'G',
				familyName: 'Late',
				areaId: A.areaId,
				cadre: 'PROF_SW',
				sector: 'GOVERNMENTAL',
				cpFrom: day('2020-01-01'),
				employmentStart: day('2020-01-01')
			}
		});
		const programme = await db.programme.findFirstOrThrow({ where: { jurisdictionId: p.jurisdiction.id } });
		await db.certificate.create({
			data: {
				jurisdictionId: p.jurisdiction.id,
				programmeId: programme.id,
				userId: randomUUID(),
				workerId: late.id,
				holderName: 'G Late',
				sequence: 1,
				code: randomUUID(),
				issuedOn: day('2026-02-01'),
				competencies: [],
				evidence: {}
			}
		});
		const now = await recomputedNow(p.ctx, p.report);
		expect(now.report.vac.total).toMatchObject({ certified: 3, workers: 4 });
		expect(now.changes).toHaveLength(1);
		expect(now.changes[0]).toMatchObject({
			name: 'G Late',
			reasons: ['worker-added', 'certificate-added'],
			left: []
		});
		expect(has(now.changes[0].entered, { indicator: 'vac', measure: 'certified', dimension: 'total' })).toBe(true);
		expect(has(now.changes[0].entered, { indicator: 'ram', measure: 'workers', dimension: 'credential' })).toBe(true);
	});
});

describe('the cells of a worker (pure)', () => {
	const row = {
		workerId: 'w',
		bucket: 'area-1',
		cadre: 'PROF_SW',
		sector: 'GOVERNMENTAL',
		sex: null,
		track: 'justice',
		education: true,
		credential: 3,
		vacIn: true,
		vacCert: false,
		ramIn: true,
		certificateId: null
	};
	const code = (id: string) => (id === 'area-1' ? 'W1' : null);
	it('a worker in VAC and RAM 45 counts in each total and one group of each breakdown', () => {
		const cells = cellsOf(row, code);
		expect(cells).toHaveLength(6 + 6);
		expect(has(cells, { indicator: 'vac', dimension: 'area', key: 'W1' })).toBe(true);
		expect(has(cells, { indicator: 'vac', dimension: 'sex', key: null })).toBe(true);
		expect(has(cells, { indicator: 'ram', dimension: 'education', key: 'POST_SECONDARY' })).toBe(true);
		expect(has(cells, { indicator: 'ram', dimension: 'credential', key: 'LICENSED_CERTIFIED' })).toBe(true);
	});
	it('a move between groups is one cell left and one entered per breakdown that moved', () => {
		const d = cellDiff(row, { ...row, cadre: 'CYCW' }, code);
		expect(d.left.map((c) => `${c.indicator}:${c.key}`).sort()).toEqual(['ram:PROF_SW', 'vac:PROF_SW']);
		expect(d.entered.map((c) => `${c.indicator}:${c.key}`).sort()).toEqual(['ram:CYCW', 'vac:CYCW']);
		expect(cellDiff(null, row, code).entered).toHaveLength(12);
		expect(cellDiff(row, null, code).left).toHaveLength(12);
	});
});
