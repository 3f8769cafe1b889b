import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError, Forbidden } from '../errors';
import { makeAreaTree, makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { populationEntries, populationRows, savePopulations } from './population-store';
import { deepestShown } from '../setup/area-view';
import { populationQuery } from './population-page';
import { reportContext, requiredJurisdiction } from './context';
import { canEditPopulation, readableJurisdictions } from './access';
import { MAX_POPULATION } from './population';

/** R > D > {W1 (1,000 in 2025), W2}; levels Region > District > Ward. */
async function tree() {
	const j = await makeJurisdiction();
	for (const [depth, name] of ['Region', 'District', 'Ward'].entries())
		await db.areaLevel.create({ data: { jurisdictionId: j.id, depth, name } });
	const add = (code: string, parentId: string | null, depth: number) =>
		db.adminArea.create({ data: { jurisdictionId: j.id, parentId, code, name: `Area ${code}`, depth } });
	const r = await add('R', null, 0);
	const d = await add('D', r.id, 1);
	const w1 = await add('W1', d.id, 2);
	const w2 = await add('W2', d.id, 2);
	await db.areaPopulation.create({
		data: { areaId: w1.id, jurisdictionId: j.id, year: 2025, population: 1000, source: 'Census 2022' }
	});
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const entries = async () =>
		Object.fromEntries(
			(await db.areaPopulation.findMany({ where: { jurisdictionId: j.id }, include: { area: true } })).map((e) => [
				`${e.area.code} ${e.year}`,
				[e.population, e.source]
			])
		);
	return { j, r, d, w1, w2, regulator, entries };
}

const typed = (population: string, source: string) => ({ population, source });

describe('the child population page', () => {
	it('a regulator enters a figure for any area and year with its source; a removal and each change are audited', async () => {
		const t = await tree();
		expect(await savePopulations(t.regulator, t.j.id, 2025, new Map([[t.w2.id, typed('2 500', 'Census 2022')]]))).toBe(
			1
		);
		expect(await savePopulations(t.regulator, t.j.id, 2024, new Map([[t.d.id, typed('3000', 'Projection')]]))).toBe(1);
		expect(await t.entries()).toEqual({
			'W1 2025': [1000, 'Census 2022'],
			'W2 2025': [2500, 'Census 2022'],
			'D 2024': [3000, 'Projection']
		});
		// the same figures again change nothing; emptying both boxes removes the entry
		expect(
			await savePopulations(
				t.regulator,
				t.j.id,
				2025,
				new Map([
					[t.w1.id, typed('1,000', 'Census 2022')],
					[t.w2.id, typed('', '')]
				])
			)
		).toBe(1);
		expect(await t.entries()).toEqual({ 'W1 2025': [1000, 'Census 2022'], 'D 2024': [3000, 'Projection'] });
		const entered = await db.areaPopulation.findFirstOrThrow({ where: { areaId: t.d.id } });
		expect(entered.enteredById).toBe(t.regulator.id);
		const events = await db.auditEvent.findMany({
			where: { jurisdictionId: t.j.id, action: 'population.updated' },
			orderBy: { at: 'asc' }
		});
		expect(events.map((e) => e.data)).toEqual([
			[{ area: 'W2', year: 2025, from: null, to: 2500, source: 'Census 2022' }],
			[{ area: 'D', year: 2024, from: null, to: 3000, source: 'Projection' }],
			[{ area: 'W2', year: 2025, from: 2500, to: null }]
		]);
	});

	it('bad figures and missing sources get a message beside their box and change nothing', async () => {
		const t = await tree();
		const before = await t.entries();
		for (const [pop, src, fields] of [
			['-5', 'Census', ['pop']],
			['1.5', 'Census', ['pop']],
			['lots', 'Census', ['pop']],
			[String(MAX_POPULATION + 1), 'Census', ['pop']],
			['100', '', ['src']],
			['', 'Census', ['pop']],
			['0', 'x'.repeat(201), ['pop', 'src']]
		] as const) {
			const e = await savePopulations(
				t.regulator,
				t.j.id,
				2025,
				new Map([
					[t.w1.id, typed('1200', 'Census')],
					[t.w2.id, typed(pop, src)]
				])
			).catch((x) => x);
			expect(e, `${pop} ${src}`).toBeInstanceOf(DomainError);
			expect(Object.keys(e.fields).sort()).toEqual(fields.map((f) => `${f}-${t.w2.id}`));
		}
		const other = await makeJurisdiction();
		const foreign = await db.adminArea.create({ data: { jurisdictionId: other.id, code: 'X', name: 'X' } });
		await expect(
			savePopulations(t.regulator, t.j.id, 2025, new Map([[foreign.id, typed('5', 'Census')]]))
		).rejects.toMatchObject({ status: 404 });
		await expect(savePopulations(t.regulator, t.j.id, 2025, new Map())).rejects.toBeInstanceOf(DomainError);
		expect(await t.entries()).toEqual(before);
	});

	it("the jurisdiction's regulators and administrators change figures; analysts, other jurisdictions' people do not", async () => {
		const t = await tree();
		const other = await makeJurisdiction();
		const before = await t.entries();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: t.j.id }])).id);
		const stranger = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: other.id }])).id);
		const otherAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: other.id }])).id);
		for (const user of [analyst, stranger, otherAdmin]) {
			expect(canEditPopulation(user, t.j.id)).toBe(false);
			await expect(
				savePopulations(user, t.j.id, 2025, new Map([[t.w2.id, typed('10', 'Census')]]))
			).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await t.entries()).toEqual(before);
		const jurisdictionAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: t.j.id }])).id);
		expect(readableJurisdictions(jurisdictionAdmin)).toEqual([t.j.id]);
		await savePopulations(jurisdictionAdmin, t.j.id, 2025, new Map([[t.w2.id, typed('10', 'Census')]]));
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		await savePopulations(admin, t.j.id, 2025, new Map([[t.w2.id, typed('20', 'Census')]]));
		expect((await t.entries())['W2 2025']).toEqual([20, 'Census']);
	});

	it('shows each area in tree order with its entry, its figure and where the figure comes from', async () => {
		const t = await tree();
		const ctx = await reportContext(t.regulator, t.j.code);
		const rows = async (year: number, area: string | null = null) =>
			(await populationRows(ctx, year, area)).map((r) => [r.code, r.level, r.entry?.population ?? null, r.figure]);
		expect(await rows(2025)).toEqual([
			['R', 'Region', null, { population: null, from: 'missing' }],
			['D', 'District', null, { population: null, from: 'missing' }],
			['W1', 'Ward', 1000, { population: 1000, from: 'entered' }],
			['W2', 'Ward', null, { population: null, from: 'missing' }]
		]);
		await savePopulations(t.regulator, t.j.id, 2025, new Map([[t.w2.id, typed('500', 'Census')]]));
		expect((await rows(2025, t.d.id)).map((r) => [r[0], r[3]])).toEqual([
			['D', { population: 1500, from: 'sum', parts: 2 }],
			['W1', { population: 1000, from: 'entered' }],
			['W2', { population: 500, from: 'entered' }]
		]);
		const [first] = await populationRows(ctx, 2025, t.w2.id);
		expect(first.entry).toMatchObject({ source: 'Census', enteredBy: expect.any(String) });
		const q = populationQuery(ctx, new URLSearchParams({ year: '20x5', area: 'NOPE' }), new Date('2026-03-01'));
		expect(q).toMatchObject({ year: 2025, areaId: null });
		expect(Object.keys(q.errors).sort()).toEqual(['area', 'year']);
	});
});

describe('the child population page of a country of many areas', () => {
	it('shows the upper levels that fit, each linking to the areas below it; a chosen area, its own subtree the same way', async () => {
		// 3 regions > 6 districts each > 5 wards each: 3 + 18 + 90 = 111 areas
		const j = await makeJurisdiction();
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		await makeAreaTree(j.id, [
			['R', 3],
			['D', 6],
			['W', 5]
		]);
		const ctx = await reportContext(regulator, j.code);
		expect(ctx.areas).toHaveLength(111);
		const all = await populationRows(ctx, 2025, null);
		// regions and districts (21 ≤ 60); the wards would make 111
		expect(all).toHaveLength(21);
		expect(all.filter((r) => r.depth === 0).map((r) => r.hiddenBelow)).toEqual([null, null, null]);
		expect(all.filter((r) => r.depth === 1).every((r) => r.hiddenBelow === 5)).toBe(true);
		// a region: itself, its districts and their wards (37 ≤ 60): everything, no links
		const region = await populationRows(ctx, 2025, ctx.areas.find((a) => a.code === 'R1')!.id);
		expect(region.map((r) => r.code)).toHaveLength(37);
		expect(region.every((r) => r.hiddenBelow === null)).toBe(true);
		// a few areas: all of them, as before
		expect(deepestShown([{ depth: 0 }, { depth: 1 }, { depth: 2 }], 60)).toBe(Infinity);
		expect(
			deepestShown(
				Array.from({ length: 61 }, (_, i) => ({ depth: i ? 1 : 0 })),
				60
			)
		).toBe(0);
	});
});

describe('reading the population form', () => {
	it('takes each pop-<area id> with its src-<area id> and ignores every other field', () => {
		const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
		const form = new FormData();
		form.set('jurisdiction', 'DR');
		form.set(`pop-${id}`, '1200');
		form.set(`src-${id}`, 'Census');
		form.set('pop-not-an-id', '5');
		form.set('pop------------------------------------', '5');
		expect([...populationEntries(form)]).toEqual([[id, { population: '1200', source: 'Census' }]]);
	});

	it('a form naming no jurisdiction is a 400 with a message; an unknown one is a 404', async () => {
		await expect(requiredJurisdiction(null)).rejects.toMatchObject({ status: 400 });
		await expect(requiredJurisdiction('NO-SUCH-PLACE')).rejects.toMatchObject({ status: 404 });
		const j = await makeJurisdiction();
		expect((await requiredJurisdiction(j.code)).id).toBe(j.id);
	});
});
