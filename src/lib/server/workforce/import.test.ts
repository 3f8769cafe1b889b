import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { importFile } from '../../../../tests/helpers/imports';
import { checkWorkforceCsv, CLEAR_MARKER, workforceChecker } from './rows';
import type { RowProblem } from '$lib/import-problems';
import { importJob } from '../imports/run';

const FULL =
	'national_worker_id,licence_number,given_name,family_name,email,sex,cadre,sector,paid,education_level,employment_start,employment_end,cp_from,cp_to,area_code,organisation_code,primary_track';
const TRACKS = ['core', 'justice', 'care-reform', 'para-professional'];

async function setup() {
	const j = await makeJurisdiction();
	const ward = await db.adminArea.create({ data: { jurisdictionId: j.id, code: 'WA', name: 'Ward A', depth: 0 } });
	await db.adminArea.create({ data: { jurisdictionId: j.id, code: 'WB', name: 'Ward B', depth: 0 } });
	const org = await makeOrg(j.id, 'NGO');
	const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
	const full = (nwid: string, over: Record<string, string> = {}) => {
		const cells: Record<string, string> = {
			national_worker_id: nwid,
			licence_number: '',
			given_name: 'Ama',
			family_name: 'Mensah',
			email: `${nwid.toLowerCase()}@example.org`,
			sex: 'FEMALE',
			cadre: 'PROF_SW',
			sector: 'GOVERNMENTAL',
			paid: 'yes',
			education_level: 'BACHELOR',
			employment_start: '2021-02-01',
			employment_end: '',
			cp_from: '2021-02-01',
			cp_to: '',
			area_code: 'WA',
			organisation_code: org.code,
			primary_track: 'care-reform',
			...over
		};
		return FULL.split(',')
			.map((c) => cells[c])
			.join(',');
	};
	const run = (text: string, confirm = true) => importFile(admin, 'workforce', j.id, text, { confirm });
	const worker = (nwid: string) =>
		db.workerProfile.findFirstOrThrow({
			where: { jurisdictionId: j.id, identifiers: { some: { value: nwid } } },
			include: { identifiers: { orderBy: { value: 'asc' } } }
		});
	const snapshot = () =>
		db.workerProfile.findMany({
			where: { jurisdictionId: j.id },
			orderBy: { id: 'asc' },
			include: { identifiers: { orderBy: { value: 'asc' } } }
		});
	return { j, ward, org, admin, full, run, worker, snapshot };
}

const refs = (org: string) => ({
	areas: new Set(['WA']),
	organisations: new Set([org]),
	tracks: TRACKS,
	today: '2026-12-06' as const
});

describe('workforce rows (pure)', () => {
	it('finds a duplicate national id or licence across the chunks of a big file', () => {
		const header = ['national_worker_id', 'licence_number'];
		const check = workforceChecker(refs('org'), header);
		const rec = (line: number, nwid: string, licence: string) => ({
			line,
			cells: { national_worker_id: nwid, licence_number: licence } as Record<string, string>
		});
		const problems: RowProblem[] = [];
		check([rec(2, 'N-1', 'L-1'), rec(3, 'N-2', 'L-2')], problems);
		expect(problems).toEqual([]);
		check([rec(5002, 'N-1', 'L-3'), rec(5003, 'N-4', 'L-2')], problems);
		expect(problems.map((p) => [p.line, p.column, p.code, p.params])).toEqual([
			[5002, 'national_worker_id', 'duplicate', { line: 2 }],
			[5003, 'licence_number', 'duplicate', { line: 3 }]
		]);
	});

	it('reports every problem by line and column', () => {
		const csv = [
			'national_worker_id,licence_number,given_name,sex,cadre,paid,employment_start,employment_end,cp_from,area_code,organisation_code,primary_track,email',
			'N-1,,Ama,,,,,,,,,,',
			'N-1,L-9,,,,,,,,,,,',
			',,,,,,,,,,,,',
			'N-4,,,x,WIZARD,perhaps,2026-02-30,,2027-01-01,,,,not-an-email',
			'N-5,,,,,,,,,NOWHERE,nobody,magic,',
			'N-6,L-9,[clear],,,,,,,,,,',
			`${'x'.repeat(65)},,,,,,,,,,,,`
		].join('\n');
		const { problems } = checkWorkforceCsv(csv, refs('org'));
		expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[3, 'national_worker_id', 'duplicate'],
			[4, 'national_worker_id', 'required'],
			[5, 'email', 'email'],
			[5, 'sex', 'choice'],
			[5, 'cadre', 'choice'],
			[5, 'paid', 'boolean'],
			[5, 'employment_start', 'date'],
			[5, 'cp_from', 'future_date'],
			[6, 'area_code', 'unknown_area'],
			[6, 'organisation_code', 'unknown_organisation'],
			[6, 'primary_track', 'choice'],
			[7, 'given_name', 'not_clearable'],
			[7, 'licence_number', 'duplicate'],
			[8, 'national_worker_id', 'too_long']
		]);
	});

	it('only the national worker id is a required column; a misspelt column or an empty file is refused', () => {
		const check = (text: string) =>
			checkWorkforceCsv(text, refs('org')).problems.map((p) => [p.line, p.code, p.params]);
		expect(check('given_name\nAma')).toEqual([[1, 'missing_columns', { columns: 'national_worker_id' }]]);
		expect(check('national_worker_id,employment_strat\nN-1,2020-01-01')).toEqual([
			[1, 'unknown_columns', { columns: 'employment_strat' }]
		]);
		expect(check('national_worker_id')).toEqual([[1, 'empty', undefined]]);
		expect(check('national_worker_id\n"N-1')[0][1]).toBe('csv');
	});

	it('an empty cell leaves a field alone, the marker clears it, a formula-like cell is text', () => {
		const { rows, problems } = checkWorkforceCsv(
			`national_worker_id,given_name,cadre,email,family_name\nN-1,,${CLEAR_MARKER},,"=HYPERLINK(""x"")"`,
			refs('org')
		);
		expect(problems).toEqual([]);
		expect(rows[0].set).toEqual({ cadre: null, family_name: '=HYPERLINK("x")' });
	});
});

describe('workforce import (preview, then all or nothing)', () => {
	it('a partial file changes only its columns: the rest of the record is kept', async () => {
		const s = await setup();
		expect((await s.run([FULL, s.full('N-1')].join('\n'))).status).toBe('done');
		const before = await s.worker('N-1');
		// five columns, as the outside check tried: it must not wipe sex, cadre, sector, area, organisation, …
		const job = await s.run(
			'national_worker_id,given_name,family_name,employment_start,email\nN-1,Ama,Owusu,2021-02-01,ama@example.org'
		);
		expect(job.status).toBe('done');
		expect(job.report).toMatchObject({ added: 0, changed: 1, unchanged: 0 });
		const after = await s.worker('N-1');
		expect(after).toEqual({ ...before, familyName: 'Owusu', email: 'ama@example.org', updatedAt: after.updatedAt });
	});

	it('the preview shows each change old → new and writes nothing until confirmed', async () => {
		const s = await setup();
		await s.run([FULL, s.full('N-1')].join('\n'));
		const before = await s.snapshot();
		const job = await s.run('national_worker_id,cadre,area_code,cp_to\nN-1,PARA_PROF,WB,2025-12-31\nN-2,,,', false);
		// N-2 is new and has no names: refused as a whole
		expect(job.status).toBe('refused');
		expect(job.report!.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[3, 'given_name', 'required'],
			[3, 'family_name', 'required'],
			[3, 'employment_start', 'required']
		]);
		const ok = await s.run('national_worker_id,cadre,area_code,cp_to\nN-1,PARA_PROF,WB,2025-12-31', false);
		expect(ok.status).toBe('ready');
		expect(ok.preview!.counts).toEqual({ add: 0, change: 1, unchanged: 0, refused: 0 });
		expect(ok.preview!.rows[0]).toMatchObject({
			line: 2,
			key: 'N-1',
			label: 'Ama Mensah',
			action: 'change',
			changes: [
				{ field: 'cadre', from: 'PROF_SW', to: 'PARA_PROF' },
				{ field: 'cp_to', from: null, to: '2025-12-31' },
				{ field: 'area_code', from: 'WA', to: 'WB' }
			]
		});
		expect(await s.snapshot()).toEqual(before);
	});

	it('the clearing marker clears; a required field cannot be cleared', async () => {
		const s = await setup();
		await s.run([FULL, s.full('N-1')].join('\n'));
		const job = await s.run(`national_worker_id,area_code,cadre\nN-1,${CLEAR_MARKER},${CLEAR_MARKER}`);
		expect(job.status).toBe('done');
		expect(await s.worker('N-1')).toMatchObject({ areaId: null, cadre: null, sector: 'GOVERNMENTAL' });
		const refused = await s.run(`national_worker_id,family_name\nN-1,${CLEAR_MARKER}`);
		expect(refused.status).toBe('refused');
		expect((await s.worker('N-1')).familyName).toBe('Mensah');
	});

	it('re-importing the same file changes nothing', async () => {
		const s = await setup();
		const text = [FULL, s.full('N-1', { licence_number: 'L-1' }), s.full('N-2')].join('\n');
		expect((await s.run(text)).report).toMatchObject({ added: 2, changed: 0 });
		const before = await s.snapshot();
		const again = await s.run(text);
		expect(again.status).toBe('unchanged');
		expect(again.preview!.counts).toEqual({ add: 0, change: 0, unchanged: 2, refused: 0 });
		expect(await s.snapshot()).toEqual(before);
	});

	it('one refused row anywhere writes nothing', async () => {
		const s = await setup();
		await s.run([FULL, s.full('N-1'), s.full('N-2')].join('\n'));
		const before = await s.snapshot();
		const lines = Array.from({ length: 300 }, (_, i) => s.full(`M-${i}`));
		lines.push(s.full('N-1', { family_name: 'Changed' }), s.full('M-bad', { employment_start: 'yesterday' }));
		const job = await s.run([FULL, ...lines].join('\n'));
		expect(job.status).toBe('refused');
		expect(job.report!.problems).toEqual([{ line: 303, column: 'employment_start', code: 'date' }]);
		expect(await s.snapshot()).toEqual(before);
	});

	it('a change made between the preview and the confirmation writes nothing and says so', async () => {
		const s = await setup();
		await s.run([FULL, s.full('N-1')].join('\n'));
		const { createImport, acceptImport, runImportJob } = await import('../imports/run');
		const id = await createImport(s.admin, 'workforce', s.j.id, 'national_worker_id,family_name\nN-1,Owusu');
		await runImportJob(id, 'plan');
		await db.workerProfile.updateMany({ where: { jurisdictionId: s.j.id }, data: { familyName: 'Boateng' } });
		await acceptImport(s.admin, id);
		await runImportJob(id, 'commit');
		const job = await importJob(s.admin, id);
		expect(job.status).toBe('failed');
		expect(job.report!.problems[0].code).toBe('changed_since_preview');
		expect((await s.worker('N-1')).familyName).toBe('Boateng');
	});

	it("matches a worker known only by licence number, and links the register's licence with no holder yet", async () => {
		const s = await setup();
		const known = await db.workerProfile.create({
			data: {
				jurisdictionId: s.j.id,
				givenName: 'Kofi',
				familyName: 'Boateng',
				employmentStart: day('2020-01-01'),
				identifiers: { create: { jurisdictionId: s.j.id, kind: 'LICENCE_NUMBER', value: 'SW-77' } }
			}
		});
		const licence = await db.licence.create({
			data: { jurisdictionId: s.j.id, number: 'SW-77', holderName: 'Kofi Boateng', issuedOn: day('2020-01-01') }
		});
		const job = await s.run('national_worker_id,licence_number\nN-77,SW-77');
		expect(job.report).toMatchObject({ added: 0, changed: 1 });
		const after = await s.snapshot();
		expect(after.map((w) => w.id)).toEqual([known.id]);
		expect(after[0].identifiers.map((i) => i.value)).toEqual(['N-77', 'SW-77']);
		expect((await db.licence.findUniqueOrThrow({ where: { id: licence.id } })).workerProfileId).toBe(known.id);
	});

	it('refuses a file that disagrees with the records about who is who', async () => {
		const s = await setup();
		await s.run(
			[FULL, s.full('N-1', { licence_number: 'L-1' }), s.full('N-2'), s.full('N-5', { licence_number: 'L-5' })].join(
				'\n'
			)
		);
		const before = await s.snapshot();
		const job = await s.run('national_worker_id,licence_number\nN-2,L-1\nN-9,L-5');
		expect(job.status).toBe('refused');
		expect(job.report!.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[2, 'licence_number', 'licence_taken'],
			[3, 'national_worker_id', 'nwid_conflict']
		]);
		expect(await s.snapshot()).toEqual(before);
	});

	it('only administrators of the jurisdiction import; others never see a job', async () => {
		const s = await setup();
		const other = await makeJurisdiction();
		const theirAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: other.id }])).id);
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: s.j.id }])).id);
		const { startImport } = await import('../imports/run');
		for (const user of [theirAdmin, regulator])
			await expect(startImport(user, 'workforce', s.j.id, `${FULL}\n${s.full('N-1')}`)).rejects.toMatchObject({
				status: 403
			});
		const job = await s.run([FULL, s.full('N-1')].join('\n'), false);
		await expect(importJob(theirAdmin, job.id)).rejects.toMatchObject({ status: 404 });
		const mine = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: s.j.id }])).id);
		expect((await importJob(mine, job.id)).status).toBe('ready');
	});

	it('a file of several chunks: a difference found in its last chunk at commit rolls back the chunks already written; then it imports whole, with progress', async () => {
		const s = await setup();
		const N = 11_000; // three chunks of the reader
		const text = [
			FULL,
			...Array.from({ length: N }, (_, i) => s.full(`BULK-${i}`, { licence_number: `LB-${i}` }))
		].join('\n');
		const { acceptImport, createImport, runImportJob } = await import('../imports/run');
		const id = await createImport(s.admin, 'workforce', s.j.id, text);
		await runImportJob(id, 'plan');
		expect((await importJob(s.admin, id)).preview?.counts).toEqual({ add: N, change: 0, unchanged: 0, refused: 0 });
		// meanwhile someone records the licence of the file's last row for another worker
		const other = await db.workerProfile.create({
			data: { jurisdictionId: s.j.id, givenName: 'Other', familyName: 'Worker', employmentStart: day('2020-01-01') }
		});
		const taken = await db.workerIdentifier.create({
			data: { workerProfileId: other.id, jurisdictionId: s.j.id, kind: 'LICENCE_NUMBER', value: `LB-${N - 1}` }
		});
		await acceptImport(s.admin, id);
		await runImportJob(id, 'commit');
		const failed = await importJob(s.admin, id);
		expect(failed.status).toBe('failed');
		// the last row now names that worker: its plan differs from the preview
		expect(failed.report?.problems.map((p) => p.code)).toEqual(['changed_since_preview']);
		expect(await db.workerProfile.count({ where: { jurisdictionId: s.j.id } })).toBe(1);
		expect(await db.workerIdentifier.count({ where: { jurisdictionId: s.j.id } })).toBe(1);
		await db.workerIdentifier.delete({ where: { id: taken.id } });
		const job = await s.run(text);
		expect(job.report).toMatchObject({ added: N, changed: 0 });
		expect([job.total, job.processed]).toEqual([N, N]);
		expect(await db.workerIdentifier.count({ where: { jurisdictionId: s.j.id } })).toBe(2 * N);
	}, 180_000);
});
