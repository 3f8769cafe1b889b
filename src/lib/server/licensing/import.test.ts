import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { checkCsv, runImport, COLUMNS } from './import';
import { createJobWithUpload } from '../imports/upload-store';
import { licensedWorker } from '../../../../tests/helpers/licensing';

const header = COLUMNS.join(',');
const row = (n: string, extra: Partial<Record<(typeof COLUMNS)[number], string>> = {}) => {
	const r = {
		number: n,
		holder_name: 'Ama Owusu',
		national_worker_id: '',
		cadre: 'PROF_SW',
		status: 'ACTIVE',
		issued_on: '2020-01-01',
		cycle_start: '2026-01-01',
		cycle_end: '2026-12-31',
		...extra
	};
	return COLUMNS.map((c) => r[c]).join(',');
};

async function job(jurisdictionId: string, createdById: string, input: string) {
	const id = await createJobWithUpload({ kind: 'licence-import', jurisdictionId, createdById }, input);
	return db.importJob.findUniqueOrThrow({ where: { id } });
}

describe('licence CSV import', () => {
	it('reports every problem by line and column', () => {
		const csv = [
			header,
			row('A-1'),
			row('A-1'),
			row('', { holder_name: '' }),
			row('A-4', { cadre: 'WIZARD', issued_on: '2026-02-30' }),
			row('A-5', { cycle_end: '2025-01-01' }),
			row('OLD-1')
		].join('\n');
		const { problems } = checkCsv(csv, new Set(['OLD-1']));
		expect(problems).toEqual([
			{ line: 3, column: 'number', message: 'duplicate of line 2' },
			{ line: 4, column: 'number', message: 'required' },
			{ line: 4, column: 'holder_name', message: 'required' },
			{ line: 5, column: 'cadre', message: 'unknown cadre WIZARD' },
			{ line: 5, column: 'issued_on', message: 'a date like 2026-01-31 is required' },
			{ line: 6, column: 'cycle_end', message: 'before cycle_start' },
			{ line: 7, column: 'number', message: 'already in the register' }
		]);
		expect(checkCsv('number,holder_name\nX,Y', new Set()).problems[0].message).toMatch(/missing column/);
	});

	it('a bad CSV imports nothing, even when only its last row is wrong', async () => {
		const w = await licensedWorker();
		const rows = Array.from({ length: 500 }, (_, i) => row(`B-${w.j.code}-${i}`));
		rows.push(row(`B-${w.j.code}-bad`, { status: 'MAYBE' }));
		const j = await job(w.j.id, w.regulator.id, [header, ...rows].join('\n'));
		await runImport(j.id);
		const done = await db.importJob.findUniqueOrThrow({ where: { id: j.id } });
		expect(done.status).toBe('failed');
		expect(done.report).toEqual([
			{ line: 502, column: 'status', message: 'must be one of ACTIVE, LAPSED, SUSPENDED, REVOKED' }
		]);
		expect(await db.licence.count({ where: { jurisdictionId: w.j.id, number: { startsWith: 'B-' } } })).toBe(0);
	});

	it('10,000 good rows import in one go, with cycles, linked to workers by national worker id', async () => {
		const w = await licensedWorker();
		await db.workerIdentifier.create({
			data: { workerProfileId: w.worker.id, jurisdictionId: w.j.id, kind: 'NATIONAL_WORKER_ID', value: 'NW-LINK' }
		});
		const rows = Array.from({ length: 10_000 }, (_, i) =>
			row(`C-${i}`, i === 7 ? { national_worker_id: 'NW-LINK' } : {})
		);
		const j = await job(w.j.id, w.regulator.id, [header, ...rows].join('\n'));
		const started = performance.now();
		await runImport(j.id);
		const seconds = (performance.now() - started) / 1000;
		const done = await db.importJob.findUniqueOrThrow({ where: { id: j.id } });
		expect(done.status).toBe('done');
		expect(done.processed).toBe(10_000);
		expect(await db.licence.count({ where: { jurisdictionId: w.j.id, number: { startsWith: 'C-' } } })).toBe(10_000);
		expect(
			await db.licenceCycle.count({ where: { jurisdictionId: w.j.id, licence: { number: { startsWith: 'C-' } } } })
		).toBe(10_000);
		expect(
			(await db.licence.findFirstOrThrow({ where: { jurisdictionId: w.j.id, number: 'C-7' } })).workerProfileId
		).toBe(w.worker.id);
		console.log(`10,000-row licence import: ${seconds.toFixed(1)} s`);
	}, 120_000);
});
