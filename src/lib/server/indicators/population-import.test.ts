import { collectPlan } from '../imports/types';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { confirmImport, importJob, runImportJob, startImport } from '../imports/run';
import { populationImport } from './population-import';

const HEADER = 'area_code,year,child_population,source';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

/** R > D > {W1 (1,000 in 2025, "Census"), W2}. */
async function tree() {
	const j = await makeJurisdiction();
	const add = (code: string, parentId: string | null, depth: number) =>
		db.adminArea.create({ data: { jurisdictionId: j.id, parentId, code, name: `Area ${code}`, depth } });
	const r = await add('R', null, 0);
	const d = await add('D', r.id, 1);
	const w1 = await add('W1', d.id, 2);
	await add('W2', d.id, 2);
	await db.areaPopulation.create({
		data: { areaId: w1.id, jurisdictionId: j.id, year: 2025, population: 1000, source: 'Census' }
	});
	const entries = async () =>
		Object.fromEntries(
			(await db.areaPopulation.findMany({ where: { jurisdictionId: j.id }, include: { area: true } })).map((e) => [
				`${e.area.code} ${e.year}`,
				[e.population, e.source]
			])
		);
	return { j, entries };
}

const plan = (jurisdictionId: string, text: string) =>
	db.$transaction((tx) => collectPlan(populationImport, tx, jurisdictionId, text));

describe('the child population import', () => {
	it('previews each row as add, change (old → new) or unchanged, at any level of the tree, writing nothing', async () => {
		const t = await tree();
		const p = await plan(
			t.j.id,
			csv(
				'W1,2025,1000,Census',
				'W1,2026,"1,050",Census',
				'W2,2025,900,Census',
				'D,2025,2000,Projection',
				'W1,2024,980,Survey'
			)
		);
		expect(p.problems).toEqual([]);
		expect(p.rows.map((r) => [r.line, r.key, r.label, r.action])).toEqual([
			[2, 'W1', 'Area W1 (2025)', 'unchanged'],
			[3, 'W1', 'Area W1 (2026)', 'add'],
			[4, 'W2', 'Area W2 (2025)', 'add'],
			[5, 'D', 'Area D (2025)', 'add'],
			[6, 'W1', 'Area W1 (2024)', 'add']
		]);
		expect(p.ops).toHaveLength(4);
		const change = await plan(t.j.id, csv('W1,2025,1100,Census 2022'));
		expect(change.rows[0]).toMatchObject({
			action: 'change',
			changes: [
				{ field: 'child_population', from: '1000', to: '1100' },
				{ field: 'source', from: 'Census', to: 'Census 2022' }
			]
		});
		expect(await t.entries()).toEqual({ 'W1 2025': [1000, 'Census'] });
	});

	it('refuses each bad row with its reason: unknown area, year out of range, not a whole number, duplicate, no source', async () => {
		const t = await tree();
		const p = await plan(
			t.j.id,
			csv(
				'W2,2025,500,Census',
				'NOPE,2025,5,Census',
				'W1,3000,5,Census',
				'W1,2025,1.5,Census',
				'W2,2025,600,Census',
				'D,2025,700,',
				'R,,,' + 'x'.repeat(201),
				'=SUM(A1),2025,5,"=HYPERLINK(""x"")"'
			)
		);
		expect(p.problems.map((x) => [x.line, x.column, x.code])).toEqual([
			[3, 'area_code', 'unknown_area'],
			[4, 'year', 'year'],
			[5, 'child_population', 'whole_number'],
			[6, 'area_code', 'duplicate'],
			[7, 'source', 'required'],
			[8, 'year', 'required'],
			[8, 'child_population', 'required'],
			[8, 'source', 'too_long'],
			[9, 'area_code', 'unknown_area']
		]);
		expect(p.problems.find((x) => x.line === 6)!.params).toEqual({ line: 2 });
		expect((await plan(t.j.id, 'area_code;year')).problems[0].code).toBe('missing_columns');
		expect((await plan(t.j.id, `${HEADER},extra\nW1,2025,5,Census,1`)).problems[0].code).toBe('unknown_columns');
	});

	it('through the runner: nothing is written before the confirmation, then every row; the same file again changes nothing', async () => {
		const t = await tree();
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: t.j.id }])).id);
		const file = csv('W1,2025,1100,Census 2022', 'W2,2025,900,Census 2022', 'D,2024,=1+1 children,x');
		const refused = await startImport(regulator, 'population', t.j.id, file);
		await runImportJob(refused, 'plan');
		expect((await importJob(regulator, refused)).status).toBe('refused');

		const fixed = csv('W1,2025,1100,Census 2022', 'W2,2025,900,Census 2022', 'R,2026,5000,=cmd|x');
		const id = await startImport(regulator, 'population', t.j.id, fixed);
		await runImportJob(id, 'plan');
		const job = await importJob(regulator, id);
		expect(job.status).toBe('ready');
		expect(job.preview!.counts).toEqual({ add: 2, change: 1, unchanged: 0, refused: 0 });
		expect(await t.entries()).toEqual({ 'W1 2025': [1000, 'Census'] });
		await confirmImport(regulator, id);
		await runImportJob(id, 'commit');
		expect((await importJob(regulator, id)).status).toBe('done');
		expect(await t.entries()).toEqual({
			'W1 2025': [1100, 'Census 2022'],
			'W2 2025': [900, 'Census 2022'],
			'R 2026': [5000, '=cmd|x'] // a formula-like source is kept as text (the CSV writer neutralises it on export)
		});
		const entry = await db.areaPopulation.findFirstOrThrow({ where: { jurisdictionId: t.j.id, year: 2026 } });
		expect(entry.enteredById).toBe(regulator.id);

		const again = await startImport(regulator, 'population', t.j.id, fixed);
		await runImportJob(again, 'plan');
		expect((await importJob(regulator, again)).status).toBe('unchanged');
	});

	it('only the jurisdiction’s regulators and administrators may import', async () => {
		const t = await tree();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: t.j.id }])).id);
		const jurisdictionAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: t.j.id }])).id);
		const elsewhere = await sessionUserOf(
			(await makeUser([{ role: 'ADMIN', jurisdictionId: (await makeJurisdiction()).id }])).id
		);
		expect(populationImport.allowed(analyst, t.j.id)).toBe(false);
		expect(populationImport.allowed(elsewhere, t.j.id)).toBe(false);
		expect(populationImport.allowed(jurisdictionAdmin, t.j.id)).toBe(true);
		await expect(startImport(analyst, 'population', t.j.id, csv('W1,2025,5,Census'))).rejects.toMatchObject({
			status: 403
		});
	});
});
