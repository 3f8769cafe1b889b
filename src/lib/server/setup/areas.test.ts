import { collectPlan } from '../imports/types';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { FieldError, Forbidden } from '../errors';
import { makeAreaTree, makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { createImport, runImportJob } from '../imports/run';
import { areasImport, areaTree, nameLevel, renameArea, TREE_LIMIT } from './areas';
import { deepestShown } from './area-view';

const csv = (...lines: string[]) => ['code,name,parent_code,level_name', ...lines].join('\n');
const FIRST = csv('W1,Harbour,D1,Ward', 'D1,Lakeside,P1,District', 'P1,North,,Province', 'D2,Hills,P1,District');

async function importAreas(jurisdictionId: string, text: string) {
	return db.$transaction(async (tx) => {
		const plan = await collectPlan(areasImport, tx, jurisdictionId, text);
		const seen: number[] = [];
		if (!plan.problems.length)
			await areasImport.apply(tx, jurisdictionId, plan.ops, {
				actorId: '',
				jobId: '',
				progress: async (n) => void seen.push(n)
			});
		return { plan, seen };
	});
}

const snapshot = (jurisdictionId: string) =>
	Promise.all([
		db.areaLevel.findMany({
			where: { jurisdictionId },
			orderBy: { depth: 'asc' },
			select: { depth: true, name: true }
		}),
		db.adminArea.findMany({
			where: { jurisdictionId },
			orderBy: { code: 'asc' },
			select: { code: true, name: true, depth: true, parent: { select: { code: true } } }
		})
	]);

describe('areas import on the database', () => {
	it('a first file makes the levels and the tree, parents before children, with progress', async () => {
		const j = await makeJurisdiction();
		const { plan, seen } = await importAreas(j.id, FIRST);
		expect(plan.problems).toEqual([]);
		expect(seen.at(-1)).toBe(plan.ops.length);
		const [levels, areas] = await snapshot(j.id);
		expect(levels).toEqual([
			{ depth: 0, name: 'Province' },
			{ depth: 1, name: 'District' },
			{ depth: 2, name: 'Ward' }
		]);
		expect(areas.map((a) => [a.code, a.depth, a.parent?.code ?? null])).toEqual([
			['D1', 1, 'P1'],
			['D2', 1, 'P1'],
			['P1', 0, null],
			['W1', 2, 'D1']
		]);
	});

	it('planning writes nothing; the same file again is all unchanged and writes nothing', async () => {
		const j = await makeJurisdiction();
		await db.$transaction((tx) => collectPlan(areasImport, tx, j.id, FIRST));
		expect(await db.adminArea.count({ where: { jurisdictionId: j.id } })).toBe(0);
		await importAreas(j.id, FIRST);
		const before = await snapshot(j.id);
		const { plan } = await importAreas(j.id, FIRST);
		expect(plan.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
		expect(plan.ops).toEqual([]);
		expect(await snapshot(j.id)).toEqual(before);
	});

	it('renames and moves within a depth; areas not in the file stay', async () => {
		const j = await makeJurisdiction();
		await importAreas(j.id, FIRST);
		const { plan } = await importAreas(j.id, csv('P2,South,,Province', 'D1,Lakeside East,P2,District'));
		expect(plan.rows.map((r) => r.action)).toEqual(['add', 'change']);
		const [, areas] = await snapshot(j.id);
		expect(areas.map((a) => [a.code, a.name, a.parent?.code ?? null])).toEqual([
			['D1', 'Lakeside East', 'P2'],
			['D2', 'Hills', 'P1'],
			['P1', 'North', null],
			['P2', 'South', null],
			['W1', 'Harbour', 'D1']
		]);
	});

	it('a refused file (a loop) changes nothing', async () => {
		const j = await makeJurisdiction();
		await importAreas(j.id, FIRST);
		const before = await snapshot(j.id);
		const { plan } = await importAreas(j.id, csv('P3,New,,Province', 'P1,North,W1,Province'));
		expect(plan.problems.map((p) => p.code)).toEqual(['area_cycle']);
		expect(await snapshot(j.id)).toEqual(before);
	});

	it('through the runner: preview, confirmation, commit; a jurisdiction admin of another jurisdiction may not', async () => {
		const j = await makeJurisdiction();
		const admin = await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }]);
		const other = await makeJurisdiction();
		const user = await sessionUserOf(admin.id);
		expect(areasImport.allowed(user, j.id)).toBe(true);
		expect(areasImport.allowed(user, other.id)).toBe(false);
		const job = { id: await createImport(user, 'areas', j.id, FIRST) };
		await runImportJob(job.id, 'plan');
		const ready = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
		expect(ready.status).toBe('ready');
		expect(await db.adminArea.count({ where: { jurisdictionId: j.id } })).toBe(0);
		// the file waits with the job until it ends, then is forgotten
		const pieces = () => db.importUploadPiece.count({ where: { jobId: job.id } });
		expect(await pieces()).toBe(1);
		await db.importJob.update({ where: { id: job.id }, data: { status: 'confirmed', confirmedById: admin.id } });
		await runImportJob(job.id, 'commit');
		expect((await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('done');
		expect(await db.adminArea.count({ where: { jurisdictionId: j.id } })).toBe(4);
		expect(await pieces()).toBe(0);
	});
});

describe('the areas page of a large tree', () => {
	it('lists the upper levels that fit, each area of the last one opening to what lies below; below an area, the same', async () => {
		const j = await makeJurisdiction();
		// 4 provinces > 10 districts each > 10 wards each: 444 areas
		await makeAreaTree(j.id, [
			['P', 4],
			['D', 10],
			['W', 10]
		]);
		const top = await areaTree(j.id, null);
		expect(top).toMatchObject({ total: 444, inView: 444, truncated: true });
		expect(top.list).toHaveLength(44); // provinces and districts; the wards would make 444 > TREE_LIMIT
		expect(top.list.slice(0, 3).map((a) => [a.code, a.indent, a.open])).toEqual([
			['P0', 0, false],
			['P0D0', 1, true],
			['P0D1', 1, true]
		]);
		const district = await areaTree(j.id, 'P2D3');
		expect(district).toMatchObject({ inView: 11, truncated: false });
		expect(district.list.every((a) => !a.open)).toBe(true);
		expect(deepestShown([{ depth: 0 }, { depth: 1 }], TREE_LIMIT)).toBe(Infinity);
		expect(deepestShown([{ depth: 0 }, { depth: 1 }, { depth: 1 }], 2)).toBe(0);
	});
});

describe('the areas page', () => {
	it('shows the tree in reading order with levels, renames an area and a level, refuses a taken level name', async () => {
		const j = await makeJurisdiction();
		await importAreas(j.id, FIRST);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
		const tree = await areaTree(j.id, null);
		expect(tree.list.map((a) => `${'  '.repeat(a.indent)}${a.code} ${a.level}`)).toEqual([
			'P1 Province',
			'  D1 District',
			'    W1 Ward',
			'  D2 District'
		]);
		expect((await areaTree(j.id, 'D1')).list.map((a) => [a.code, a.indent])).toEqual([
			['D1', 0],
			['W1', 1]
		]);
		await renameArea(admin, j.id, { code: 'D1', name: 'Lakeside Central' });
		await nameLevel(admin, j.id, { depth: 2, name: 'Sub-county' });
		await expect(nameLevel(admin, j.id, { depth: 1, name: 'province' })).rejects.toBeInstanceOf(FieldError);
		await expect(nameLevel(admin, j.id, { depth: 5, name: 'Village' })).rejects.toBeInstanceOf(FieldError);
		const [levels, areas] = await snapshot(j.id);
		expect(levels.map((l) => l.name)).toEqual(['Province', 'District', 'Sub-county']);
		expect(areas.find((a) => a.code === 'D1')?.name).toBe('Lakeside Central');
	});

	it('a person who does not administer the jurisdiction cannot rename', async () => {
		const j = await makeJurisdiction();
		await importAreas(j.id, FIRST);
		const other = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		await expect(renameArea(other, j.id, { code: 'D1', name: 'X' })).rejects.toBeInstanceOf(Forbidden);
		await expect(nameLevel(other, j.id, { depth: 0, name: 'X' })).rejects.toBeInstanceOf(Forbidden);
	});
});
