import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { checkWorkforceCsv, WORKFORCE_COLUMNS } from './workforce-rows';
import { JOB, runWorkforceImport, startWorkforceImport, workforceJob, type WorkforceReport } from './workforce-import';

const HEADER = WORKFORCE_COLUMNS.map((c) => c.name).join(',');
type Cells = Partial<Record<(typeof WORKFORCE_COLUMNS)[number]['name'], string>>;

async function setup() {
	const j = await makeJurisdiction();
	const ward = await db.adminArea.create({ data: { jurisdictionId: j.id, code: 'WA', name: 'Ward A', level: 'WARD' } });
	const org = await makeOrg(j.id, 'NGO');
	const admin = await makeUser([{ role: 'ADMIN' }]);
	const row = (nwid: string, over: Cells = {}) => {
		const r: Cells = {
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
			child_protection_responsibility: 'yes',
			employment_start: '2021-02-01',
			employment_end: '',
			area_code: 'WA',
			organisation_slug: org.slug,
			primary_track: 'care-reform',
			...over
		};
		return WORKFORCE_COLUMNS.map((c) => r[c.name] ?? '').join(',');
	};
	const run = async (lines: string[]) => {
		const job = await db.importJob.create({
			data: {
				kind: JOB,
				jurisdictionId: j.id,
				status: 'queued',
				input: [HEADER, ...lines].join('\n'),
				createdById: admin.id
			}
		});
		await runWorkforceImport(job.id);
		const done = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
		return { status: done.status, report: done.report as unknown as WorkforceReport, input: done.input };
	};
	const snapshot = async () =>
		db.workerProfile.findMany({
			where: { jurisdictionId: j.id },
			orderBy: { id: 'asc' },
			include: { identifiers: { orderBy: { value: 'asc' } } }
		});
	return { j, ward, org, admin, row, run, snapshot };
}

const refs = (org: string) => ({
	areas: new Map([['WA', 'area-id']]),
	organisations: new Map([[org, 'org-id']]),
	tracks: ['core', 'justice', 'care-reform', 'para-professional']
});

describe('workforce CSV import', () => {
	it('reports every problem by line and column', async () => {
		const { row, org } = await setup();
		const csv = [
			HEADER,
			row('N-1'),
			row('N-1', { licence_number: 'L-9' }),
			row('', { given_name: '', child_protection_responsibility: '', email: 'ama@example.org' }),
			row('N-4', { cadre: 'WIZARD', sex: 'x', paid: 'perhaps', employment_start: '2026-02-30', email: 'not-an-email' }),
			row('N-5', {
				employment_end: '2020-01-01',
				area_code: 'NOWHERE',
				organisation_slug: 'nobody',
				primary_track: 'magic'
			}),
			row('N-6', { licence_number: 'L-9' }),
			row('x'.repeat(65))
		].join('\n');
		const { problems } = checkWorkforceCsv(csv, refs(org.slug));
		expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[3, 'national_worker_id', 'duplicate'],
			[4, 'national_worker_id', 'required'],
			[4, 'given_name', 'required'],
			[4, 'child_protection_responsibility', 'required'],
			[5, 'sex', 'choice'],
			[5, 'cadre', 'choice'],
			[5, 'paid', 'boolean'],
			[5, 'employment_start', 'date'],
			[5, 'email', 'email'],
			[6, 'area_code', 'unknown_area'],
			[6, 'organisation_slug', 'unknown_organisation'],
			[6, 'primary_track', 'choice'],
			[6, 'employment_end', 'date_order'],
			[7, 'licence_number', 'duplicate'],
			[8, 'national_worker_id', 'too_long']
		]);
		expect(problems[0].params).toEqual({ line: 2 });
	});

	it('a bad header, an unreadable file or an empty one is refused with a clear problem', async () => {
		const { org } = await setup();
		const check = (text: string) =>
			checkWorkforceCsv(text, refs(org.slug)).problems.map((p) => [p.line, p.code, p.params]);
		expect(check('national_worker_id,given_name\nN-1,Ama')).toEqual([
			[1, 'missing_columns', { columns: 'family_name, child_protection_responsibility, employment_start' }]
		]);
		expect(check(`${HEADER},employment_strat\n`)).toEqual([[1, 'unknown_columns', { columns: 'employment_strat' }]]);
		expect(check(`${HEADER}\n"N-1,Ama`)[0][1]).toBe('csv');
		expect(check(HEADER)).toEqual([[1, 'empty', undefined]]);
		expect(check('')).toEqual([[1, 'missing_columns', expect.anything()]]);
	});

	it('one bad row anywhere imports nothing and changes nothing', async () => {
		const s = await setup();
		expect((await s.run([s.row('N-1'), s.row('N-2')])).status).toBe('done');
		const before = await s.snapshot();
		const lines = Array.from({ length: 300 }, (_, i) => s.row(`M-${i}`));
		lines.push(s.row('N-1', { family_name: 'Changed' }), s.row('M-bad', { employment_start: 'yesterday' }));
		const result = await s.run(lines);
		expect(result.status).toBe('failed');
		expect(result.report.problems).toEqual([{ line: 303, column: 'employment_start', code: 'date' }]);
		expect(result.input).toBeNull(); // the upload is not kept
		expect(await s.snapshot()).toEqual(before);
	});

	it('upserts by the identity key: an existing worker is updated, never duplicated; an empty cell clears the field', async () => {
		const s = await setup();
		const first = await s.run([s.row('N-1'), s.row('N-2', { licence_number: 'L-2' })]);
		expect(first).toMatchObject({ status: 'done', report: { created: 2, updated: 0 } });
		const again = await s.run([
			s.row('N-1', { family_name: 'Owusu', cadre: 'para_prof', employment_end: '2026-03-31', area_code: '' }),
			s.row('N-3')
		]);
		expect(again).toMatchObject({ status: 'done', report: { created: 1, updated: 1 } });
		const workers = await s.snapshot();
		expect(workers).toHaveLength(3);
		const n1 = workers.find((w) => w.identifiers.some((i) => i.value === 'N-1'))!;
		expect(n1).toMatchObject({
			familyName: 'Owusu',
			cadre: 'PARA_PROF',
			employmentEnd: day('2026-03-31'),
			areaId: null,
			childProtectionResponsibility: true,
			paid: true,
			organisationId: s.org.id
		});
		const n2 = workers.find((w) => w.identifiers.some((i) => i.value === 'N-2'))!;
		expect(n2.identifiers.map((i) => [i.kind, i.value])).toEqual([
			['LICENCE_NUMBER', 'L-2'],
			['NATIONAL_WORKER_ID', 'N-2']
		]);
		const audits = await db.auditEvent.count({ where: { action: 'workforce.imported', jurisdictionId: s.j.id } });
		expect(audits).toBe(2);
	});

	it("matches a worker known only by licence number, and links the register's licence with no holder yet", async () => {
		const s = await setup();
		const known = await db.workerProfile.create({
			data: {
				jurisdictionId: s.j.id,
				givenName: 'Kofi',
				familyName: 'Boateng',
				identifiers: { create: { jurisdictionId: s.j.id, kind: 'LICENCE_NUMBER', value: 'SW-77' } }
			}
		});
		const licence = await db.licence.create({
			data: { jurisdictionId: s.j.id, number: 'SW-77', holderName: 'Kofi Boateng', issuedOn: day('2020-01-01') }
		});
		const result = await s.run([
			s.row('N-77', { licence_number: 'SW-77', given_name: 'Kofi', family_name: 'Boateng' })
		]);
		expect(result).toMatchObject({ status: 'done', report: { created: 0, updated: 1 } });
		const after = await s.snapshot();
		expect(after).toHaveLength(1);
		expect(after[0].id).toBe(known.id);
		expect(after[0].identifiers.map((i) => i.value)).toEqual(['N-77', 'SW-77']);
		expect((await db.licence.findUniqueOrThrow({ where: { id: licence.id } })).workerProfileId).toBe(known.id);
	});

	it('refuses a file that disagrees with the records about who is who, and writes nothing', async () => {
		const s = await setup();
		await s.run([s.row('N-1', { licence_number: 'L-1' }), s.row('N-2'), s.row('N-5', { licence_number: 'L-5' })]);
		const other = await db.workerProfile.create({ data: { jurisdictionId: s.j.id, givenName: 'X', familyName: 'Y' } });
		await db.licence.create({
			data: {
				jurisdictionId: s.j.id,
				number: 'L-HELD',
				holderName: 'X Y',
				workerProfileId: other.id,
				issuedOn: day('2020-01-01')
			}
		});
		const before = await s.snapshot();
		const result = await s.run([
			s.row('N-2', { licence_number: 'L-1' }),
			s.row('N-9', { licence_number: 'L-5' }),
			s.row('N-10', { licence_number: 'L-HELD' }),
			s.row('N-11')
		]);
		expect(result.status).toBe('failed');
		expect(result.report.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[2, 'licence_number', 'licence_taken'], // L-1 is N-1's
			[3, 'national_worker_id', 'nwid_conflict'], // the worker with L-5 already has N-5
			[4, 'licence_number', 'register_licence'] // the register's L-HELD belongs to someone else
		]);
		expect(await s.snapshot()).toEqual(before);
	});

	it('5,000 rows import in one go with progress', async () => {
		const s = await setup();
		const started = performance.now();
		const result = await s.run(
			Array.from({ length: 5_000 }, (_, i) => s.row(`BULK-${i}`, { licence_number: `LB-${i}` }))
		);
		expect(result).toMatchObject({ status: 'done', report: { created: 5_000, updated: 0 } });
		const job = await db.importJob.findFirstOrThrow({
			where: { jurisdictionId: s.j.id },
			orderBy: { createdAt: 'desc' }
		});
		expect([job.total, job.processed]).toEqual([5_000, 5_000]);
		expect(await db.workerIdentifier.count({ where: { jurisdictionId: s.j.id } })).toBe(10_000);
		console.log(`5,000-row workforce import: ${((performance.now() - started) / 1000).toFixed(1)} s`);
	}, 120_000);

	it('only admins import or read import jobs: a regulator or analyst is refused and no job is created', async () => {
		const s = await setup();
		for (const role of ['REGULATOR', 'ANALYST'] as const) {
			const user = await sessionUserOf((await makeUser([{ role, jurisdictionId: s.j.id }])).id);
			await expect(startWorkforceImport(user, s.j.code, [HEADER, s.row('N-1')].join('\n'))).rejects.toBeInstanceOf(
				Forbidden
			);
			await expect(workforceJob(user, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await db.importJob.count({ where: { jurisdictionId: s.j.id } })).toBe(0);
		await expect(startWorkforceImport(await sessionUserOf(s.admin.id), 'NO-SUCH', HEADER)).rejects.toMatchObject({
			fields: { jurisdiction: expect.any(String) }
		});
		await expect(
			startWorkforceImport(await sessionUserOf(s.admin.id), s.j.code, `${HEADER}\n\u0000\u0001`)
		).rejects.toMatchObject({ fields: { file: expect.any(String) } });
		expect(await db.importJob.count({ where: { jurisdictionId: s.j.id } })).toBe(0);
	});
});
