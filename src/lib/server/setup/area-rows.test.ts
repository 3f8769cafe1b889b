import { describe, expect, it } from 'vitest';
import { depths, planAreas, type AreaState } from './area-rows';

const HEADER = 'code,name,parent_code,level_name';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const EMPTY: AreaState = { levels: [], areas: [] };
const TREE: AreaState = {
	levels: [
		{ depth: 0, name: 'Province' },
		{ depth: 1, name: 'District' }
	],
	areas: [
		{ code: 'P1', name: 'North', parentCode: null, depth: 0 },
		{ code: 'P2', name: 'South', parentCode: null, depth: 0 },
		{ code: 'D1', name: 'Lakeside', parentCode: 'P1', depth: 1 }
	]
};
const codes = (plan: ReturnType<typeof planAreas>) => plan.problems.map((p) => [p.line, p.column, p.code]);

describe('area tree CSV', () => {
	it('a first file defines the levels from the tree, in any row order, and writes parents before children', () => {
		const plan = planAreas(
			csv('W1,Harbour,D1,Ward', 'D1,Lakeside,P1,District', 'P1,North,,Province', 'W2,Hill,D1,ward'),
			EMPTY
		);
		expect(plan.problems).toEqual([]);
		expect(plan.rows.map((r) => [r.key, r.action])).toEqual([
			['W1', 'add'],
			['D1', 'add'],
			['P1', 'add'],
			['W2', 'add']
		]);
		expect(plan.ops.filter((o) => o.op === 'level')).toEqual([
			{ op: 'level', depth: 2, name: 'Ward' },
			{ op: 'level', depth: 1, name: 'District' },
			{ op: 'level', depth: 0, name: 'Province' }
		]);
		expect(plan.ops.flatMap((o) => (o.op === 'area' ? [`${o.code}@${o.depth}`] : []))).toEqual([
			'P1@0',
			'D1@1',
			'W1@2',
			'W2@2'
		]);
	});

	it('a parent that is neither in the file nor in the jurisdiction is refused on its row', () => {
		const plan = planAreas(csv('D9,Nowhere,P9,District'), TREE);
		expect(codes(plan)).toEqual([[2, 'parent_code', 'unknown_parent']]);
		expect(plan.ops).toEqual([]);
	});

	it('parent codes that loop are refused on every row of the loop', () => {
		const plan = planAreas(csv('A,A,B,District', 'B,B,C,District', 'C,C,A,District', 'X,Self,X,District'), TREE);
		expect(codes(plan)).toEqual([
			[2, 'parent_code', 'area_cycle'],
			[3, 'parent_code', 'area_cycle'],
			[4, 'parent_code', 'area_cycle'],
			[5, 'parent_code', 'area_cycle']
		]);
	});

	it('a file that moves an existing area under its own child makes a loop', () => {
		const plan = planAreas(csv('P1,North,D1,Province'), TREE);
		expect(codes(plan)).toEqual([[2, 'parent_code', 'area_cycle']]);
	});

	it('a duplicate code, a bad code, a missing or too long name are refused per row', () => {
		const plan = planAreas(
			csv(
				'D2,Two,P1,District',
				'D2,Again,P1,District',
				'bad code!,X,P1,District',
				'D3,,P1,District',
				`D4,${'n'.repeat(121)},P1,District`
			),
			TREE
		);
		expect(codes(plan)).toEqual([
			[3, 'code', 'duplicate'],
			[4, 'code', 'code_format'],
			[5, 'name', 'required'],
			[6, 'name', 'too_long']
		]);
		expect(plan.problems[0].params).toEqual({ line: 2 });
	});

	it("a level name must be its depth's: another depth's name, an unknown name and a taken name are refused", () => {
		const plan = planAreas(csv('D2,Two,P1,Province', 'D3,Three,P1,County', 'W1,Ward,D1,District'), TREE);
		expect(codes(plan)).toEqual([
			[2, 'level_name', 'level_depth'],
			[3, 'level_name', 'unknown_level'],
			[4, 'level_name', 'level_taken']
		]);
		expect(plan.problems[0].params).toEqual({ value: 'Province', expected: 'District' });
		expect(plan.problems[1].params).toEqual({ value: 'County', levels: 'Province, District' });
	});

	it('two names for one new depth: the first names it, the second is refused', () => {
		const plan = planAreas(csv('W1,One,D1,Ward', 'W2,Two,D1,Sub-county'), TREE);
		expect(codes(plan)).toEqual([[3, 'level_name', 'unknown_level']]);
	});

	it('existing areas: name and parent changes are shown old → new; the same file again changes nothing', () => {
		const plan = planAreas(csv('P1,North,,Province', 'D1,Lakeside East,P2,District'), TREE);
		expect(plan.problems).toEqual([]);
		expect(plan.rows).toEqual([
			{ line: 2, key: 'P1', label: 'North', action: 'unchanged' },
			{
				line: 3,
				key: 'D1',
				label: 'Lakeside East',
				action: 'change',
				changes: [
					{ field: 'name', from: 'Lakeside', to: 'Lakeside East' },
					{ field: 'parent_code', from: 'P1', to: 'P2' }
				]
			}
		]);
		expect(plan.ops).toEqual([
			{ op: 'area', code: 'D1', name: 'Lakeside East', parentCode: 'P2', depth: 1, isNew: false }
		]);
		const again = planAreas(csv('P1,North,,Province', 'D1,Lakeside,P1,District'), TREE);
		expect(again.rows.every((r) => r.action === 'unchanged')).toBe(true);
		expect(again.ops).toEqual([]);
	});

	it('moving an existing area to a parent of another depth is refused', () => {
		const plan = planAreas(csv('D1,Lakeside,,District', 'P2,South,P1,Province'), TREE);
		expect(codes(plan)).toEqual([
			[2, 'parent_code', 'level_depth'],
			[3, 'parent_code', 'level_depth']
		]);
	});

	it('a formula-like cell is kept as typed', () => {
		const plan = planAreas(csv('T,"=HYPERLINK(""x"")",,@Province', 'D6,+1 Town,T,-District'), EMPTY);
		expect(plan.problems).toEqual([]);
		expect(plan.rows.map((r) => r.label)).toEqual(['=HYPERLINK("x")', '+1 Town']);
		expect(plan.ops.filter((o) => o.op === 'level').map((o) => o.name)).toEqual(['@Province', '-District']);
	});

	it('a wrong header refuses the file before any row', () => {
		const plan = planAreas('code,name,parent\nA,B,', TREE);
		expect(plan.problems.map((p) => p.code)).toEqual(['missing_columns', 'unknown_columns']);
		expect(plan.rows).toEqual([]);
	});

	it('depths: an area under an unknown parent, and everything below a loop, has no depth', () => {
		const { depth, inCycle } = depths(
			new Map<string, string | null>([
				['A', null],
				['B', 'A'],
				['C', 'Z'],
				['L1', 'L2'],
				['L2', 'L1'],
				['U', 'L1']
			])
		);
		expect(Object.fromEntries(depth)).toEqual({ A: 0, B: 1, C: null, L1: null, L2: null, U: null });
		expect([...inCycle].sort()).toEqual(['L1', 'L2']);
	});
});
