import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError, Forbidden } from '../errors';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { importPopulations, MAX_POPULATION, populationEntries, savePopulations } from './population';
import { requiredJurisdiction } from './context';

async function tree() {
	const j = await makeJurisdiction();
	const add = async (
		code: string,
		parentId: string | null,
		level: 'REGION' | 'DISTRICT' | 'WARD',
		pop: number | null = null
	) =>
		db.adminArea.create({
			data: {
				jurisdictionId: j.id,
				parentId,
				code,
				name: code,
				level,
				childPopulation: pop,
				populationYear: pop ? 2024 : null
			}
		});
	const r = await add('R', null, 'REGION');
	const d = await add('D', r.id, 'DISTRICT');
	const w1 = await add('W1', d.id, 'WARD', 1000);
	const w2 = await add('W2', d.id, 'WARD');
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const figures = async () =>
		Object.fromEntries(
			(await db.adminArea.findMany({ where: { jurisdictionId: j.id } })).map((a) => [
				a.code,
				[a.childPopulation, a.populationYear]
			])
		);
	return { j, r, d, w1, w2, regulator, figures };
}

const entry = (population: string, year: string) => ({ population, year });

describe('child population per area', () => {
	it('a regulator enters the leaves; every parent becomes their sum, with the oldest year, and the change is audited', async () => {
		const t = await tree();
		expect(await savePopulations(t.regulator, t.j.id, new Map([[t.w2.id, entry('2 500', '2026')]]))).toBe(1);
		expect(await t.figures()).toEqual({ R: [3500, 2024], D: [3500, 2024], W1: [1000, 2024], W2: [2500, 2026] });
		await savePopulations(t.regulator, t.j.id, new Map([[t.w1.id, entry('', '')]]));
		expect(await t.figures()).toEqual({ R: [null, null], D: [null, null], W1: [null, null], W2: [2500, 2026] }); // a parent has no figure while a leaf has none
		const events = await db.auditEvent.findMany({ where: { jurisdictionId: t.j.id, action: 'population.updated' } });
		expect(events.map((e) => e.data)).toEqual(
			expect.arrayContaining([
				[{ area: 'W2', from: null, to: 2500, year: 2026 }],
				[{ area: 'W1', from: 1000, to: null, year: null }]
			])
		);
		expect(events).toHaveLength(2);
	});

	it('bad figures get a message per field and change nothing; huge numbers never reach the database', async () => {
		const t = await tree();
		const before = await t.figures();
		for (const [pop, year, fields] of [
			['-5', '2026', ['pop']],
			['1.5', '2026', ['pop']],
			['lots', '2026', ['pop']],
			[String(MAX_POPULATION + 1), '2026', ['pop']],
			['99999999999999999999', '2026', ['pop']],
			['100', '20261', ['year']],
			['100', '', ['year']],
			['', '2026', ['pop']],
			['0', 'x', ['pop', 'year']]
		] as const) {
			const e = await savePopulations(
				t.regulator,
				t.j.id,
				new Map([
					[t.w1.id, entry('100', '2026')],
					[t.w2.id, entry(pop, year)]
				])
			).catch((x) => x);
			expect(e, `${pop} ${year}`).toBeInstanceOf(DomainError);
			expect(Object.keys(e.fields).sort()).toEqual(fields.map((f) => `${f}-${t.w2.id}`));
		}
		await expect(savePopulations(t.regulator, t.j.id, new Map([[t.d.id, entry('5', '2026')]]))).rejects.toMatchObject({
			status: 404
		}); // a parent is derived
		await expect(savePopulations(t.regulator, t.j.id, new Map())).rejects.toBeInstanceOf(DomainError);
		expect(await t.figures()).toEqual(before);
	});

	it("only the jurisdiction's regulator or an admin changes figures", async () => {
		const t = await tree();
		const other = await makeJurisdiction();
		const before = await t.figures();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: t.j.id }])).id);
		const stranger = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: other.id }])).id);
		for (const user of [analyst, stranger]) {
			await expect(savePopulations(user, t.j.id, new Map([[t.w2.id, entry('10', '2026')]]))).rejects.toBeInstanceOf(
				Forbidden
			);
			await expect(
				importPopulations(user, t.j.id, 'area_code,child_population,year\nW2,10,2026')
			).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await t.figures()).toEqual(before);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		await savePopulations(admin, t.j.id, new Map([[t.w2.id, entry('10', '2026')]]));
		expect((await t.figures()).D).toEqual([1010, 2024]);
	});

	it('the CSV import is all or nothing with a row report', async () => {
		const t = await tree();
		const before = await t.figures();
		const bad = [
			'area_code,child_population,year',
			'W2,500,2026',
			'NOPE,5,2026',
			'D,5,2026',
			'W2,6,2026',
			'W1,1e9,2026',
			'W1,,20x6'
		].join('\n');
		const result = await importPopulations(t.regulator, t.j.id, bad);
		expect(result.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[3, 'area_code', 'unknown_area'],
			[4, 'area_code', 'parent_area'],
			[5, 'area_code', 'duplicate'],
			[6, 'child_population', 'whole_number'],
			[7, 'area_code', 'duplicate'],
			[7, 'child_population', 'required'],
			[7, 'year', 'year']
		]);
		expect(await t.figures()).toEqual(before);
		expect((await importPopulations(t.regulator, t.j.id, 'area_code;child_population')).problems[0].code).toBe(
			'missing_columns'
		);
		expect(
			(await importPopulations(t.regulator, t.j.id, 'area_code,child_population,year\nW2,\u0000,2026')).problems[0].code
		).toBe('csv');
		const good = await importPopulations(
			t.regulator,
			t.j.id,
			'area_code,child_population,year\nW2,"4,000",2025\nW1,1000,2025\n'
		);
		expect(good).toEqual({ problems: [], changed: 2 });
		expect(await t.figures()).toEqual({ R: [5000, 2025], D: [5000, 2025], W1: [1000, 2025], W2: [4000, 2025] });
	});

	it('a total beyond what the database holds is refused, not a crash', async () => {
		const t = await tree();
		const rows = ['area_code,child_population,year'];
		for (let i = 0; i < 25; i++) {
			await db.adminArea.create({
				data: { jurisdictionId: t.j.id, parentId: t.d.id, code: `X${i}`, name: `X${i}`, level: 'WARD' }
			});
			rows.push(`X${i},${MAX_POPULATION},2026`);
		}
		const result = await importPopulations(t.regulator, t.j.id, rows.join('\n'));
		expect(result.problems.map((p) => p.code)).toEqual(['total_too_large']);
		expect(await db.adminArea.count({ where: { jurisdictionId: t.j.id, childPopulation: MAX_POPULATION } })).toBe(0);
	});
});

describe('reading the population form', () => {
	it('takes each pop-<area id> with its year and ignores every other field', () => {
		const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
		const form = new FormData();
		form.set('jurisdiction', 'DR');
		form.set(`pop-${id}`, '1200');
		form.set(`year-${id}`, '2025');
		form.set('pop-not-an-id', '5');
		expect([...populationEntries(form)]).toEqual([[id, { population: '1200', year: '2025' }]]);
	});

	it('a form naming no jurisdiction is a 400 with a message; an unknown one is a 404', async () => {
		await expect(requiredJurisdiction(null)).rejects.toMatchObject({ status: 400 });
		await expect(requiredJurisdiction('NO-SUCH-PLACE')).rejects.toMatchObject({ status: 404 });
		const j = await makeJurisdiction();
		expect((await requiredJurisdiction(j.code)).id).toBe(j.id);
	});
});
