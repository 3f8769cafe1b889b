// The area-tree CSV (code, name, parent_code, level_name), read against a jurisdiction's tree as it is: which rows add
// an area, which change one (name, parent: old → new), which change nothing, and every problem by line and column.
// Pure: the caller passes the levels and areas of the jurisdiction, and writes the operations this returns.
//
// The levels are the country's: a top-level area is at depth 0 and every other one a depth below its parent, so the
// tree decides each row's depth and the level_name must be that depth's name — or names it, the first time a depth
// is used. An existing area keeps its depth: moving it under a parent of another depth is refused.
import type { RowProblem } from '$lib/import-problems';
import type { Plan, PreviewRow, FieldChange } from '../imports/types';
import { readCsv } from '../imports/csv-read';
import type { CsvTable } from '../csv/writer';

export const AREA_COLUMNS = [
	{ name: 'code', required: true, example: 'NR-LK' },
	{ name: 'name', required: true, example: 'Lakeside District' },
	{ name: 'parent_code', required: true, example: 'NR' },
	{ name: 'level_name', required: true, example: 'District' }
] as const;

export const AREA_MAX_ROWS = 20_000;
/** An area's (or an organisation's) code: what files and exports name it by. */
export const CODE = /^[A-Za-z0-9._-]{1,32}$/;
export const CODE_MAX = 32;
export const AREA_NAME_MAX = 120;
export const LEVEL_NAME_MAX = 60;

export interface ExistingArea {
	code: string;
	name: string;
	parentCode: string | null;
	depth: number;
}

export interface AreaState {
	levels: { depth: number; name: string }[];
	areas: ExistingArea[];
}

export type AreaOp =
	| { op: 'level'; depth: number; name: string }
	| { op: 'area'; code: string; name: string; parentCode: string | null; depth: number; isNew: boolean };

interface Row {
	line: number;
	code: string;
	name: string;
	parent: string | null;
	level: string;
}

const key = (name: string) => name.toLocaleLowerCase('en');

export function planAreas(text: string, state: AreaState): Plan<AreaOp> {
	const { records, problems } = readCsv(text, [...AREA_COLUMNS], AREA_MAX_ROWS);
	const bad = (line: number, column: string, code: RowProblem['code'], params?: RowProblem['params']) =>
		problems.push({ line, column, code, ...(params ? { params } : {}) });

	// 1. each row on its own
	const firstLine = new Map<string, number>();
	const rows: Row[] = [];
	for (const { line, cells } of records) {
		const row: Row = {
			line,
			code: cells.code,
			name: cells.name,
			parent: cells.parent_code || null,
			level: cells.level_name
		};
		if (!row.code) bad(line, 'code', 'required');
		else if (!CODE.test(row.code)) bad(line, 'code', 'code_format', { max: CODE_MAX });
		if (!row.name) bad(line, 'name', 'required');
		else if (row.name.length > AREA_NAME_MAX) bad(line, 'name', 'too_long', { max: AREA_NAME_MAX });
		if (!row.level) bad(line, 'level_name', 'required');
		else if (row.level.length > LEVEL_NAME_MAX) bad(line, 'level_name', 'too_long', { max: LEVEL_NAME_MAX });
		if (!row.code || !CODE.test(row.code)) continue;
		if (firstLine.has(row.code)) bad(line, 'code', 'duplicate', { line: firstLine.get(row.code)! });
		else {
			firstLine.set(row.code, line);
			rows.push(row);
		}
	}

	// 2. the tree the file would make: its rows over the existing areas
	const existing = new Map(state.areas.map((a) => [a.code, a]));
	const parentOf = new Map<string, string | null>(state.areas.map((a) => [a.code, a.parentCode]));
	for (const r of rows) parentOf.set(r.code, r.parent);
	for (const r of rows)
		if (r.parent && !parentOf.has(r.parent))
			bad(r.line, 'parent_code', 'unknown_parent', { value: r.parent.slice(0, 64) });
	const { depth, inCycle } = depths(parentOf);
	for (const r of rows) if (inCycle.has(r.code)) bad(r.line, 'parent_code', 'area_cycle', { value: r.code });

	// 3. the levels: each row's depth comes from the tree, its level_name must name that depth (or name it first)
	const levelAt = new Map(state.levels.map((l) => [l.depth, l.name]));
	const depthOfLevel = new Map(state.levels.map((l) => [key(l.name), l.depth]));
	const newLevels = new Map<number, { name: string; line: number }>();
	for (const r of rows) {
		const d = depth.get(r.code);
		if (d === null || d === undefined || !r.level || r.level.length > LEVEL_NAME_MAX) continue;
		const before = existing.get(r.code);
		if (before && before.depth !== d) {
			const was = levelAt.get(before.depth) ?? r.level;
			bad(r.line, 'parent_code', 'level_depth', { value: was, expected: levelAt.get(d) ?? r.level });
			continue;
		}
		const named = levelAt.get(d);
		if (named !== undefined) {
			if (key(named) === key(r.level)) continue;
			if (depthOfLevel.has(key(r.level))) bad(r.line, 'level_name', 'level_depth', { value: r.level, expected: named });
			else bad(r.line, 'level_name', 'unknown_level', { value: r.level, levels: levelNames(levelAt) });
		} else if (depthOfLevel.has(key(r.level))) bad(r.line, 'level_name', 'level_taken', { value: r.level });
		else {
			levelAt.set(d, r.level);
			depthOfLevel.set(key(r.level), d);
			newLevels.set(d, { name: r.level, line: r.line });
		}
	}

	// 4. what each row would do
	const refused = new Set(problems.map((p) => p.line));
	const preview: PreviewRow[] = [];
	const ops: AreaOp[] = [...newLevels].map(([d, l]) => ({ op: 'level' as const, depth: d, name: l.name }));
	const areaOps: Extract<AreaOp, { op: 'area' }>[] = [];
	for (const r of rows) {
		if (refused.has(r.line)) continue;
		const before = existing.get(r.code);
		const d = depth.get(r.code)!;
		const changes: FieldChange[] = [];
		if (before && before.name !== r.name) changes.push({ field: 'name', from: before.name, to: r.name });
		if (before && before.parentCode !== r.parent)
			changes.push({ field: 'parent_code', from: before.parentCode, to: r.parent });
		if (newLevels.get(d)?.line === r.line) changes.push({ field: 'level_name', from: null, to: r.level });
		const action = !before ? 'add' : changes.length ? 'change' : 'unchanged';
		preview.push({
			line: r.line,
			key: r.code,
			label: r.name,
			action,
			...(action === 'change' ? { changes } : {})
		});
		if (!before || before.name !== r.name || before.parentCode !== r.parent)
			areaOps.push({ op: 'area', code: r.code, name: r.name, parentCode: r.parent, depth: d, isNew: !before });
	}
	// parents before children: by depth, in file order within a depth
	areaOps.sort((a, b) => a.depth - b.depth);
	problems.sort((a, b) => a.line - b.line);
	return { rows: preview, problems, ops: problems.length ? [] : [...ops, ...areaOps] };
}

/** Each code's depth through its parents (0 at the top); null when a parent is unknown or the parents loop. */
export function depths(parentOf: Map<string, string | null>) {
	const depth = new Map<string, number | null>();
	const inCycle = new Set<string>();
	for (const start of parentOf.keys()) {
		const path: string[] = [];
		const onPath = new Set<string>();
		let cur: string | null = start;
		let base: number | null;
		for (;;) {
			if (cur === null) {
				base = -1;
				break;
			}
			if (!parentOf.has(cur)) {
				base = null;
				break;
			}
			if (depth.has(cur)) {
				base = depth.get(cur)!;
				break;
			}
			if (onPath.has(cur)) {
				const loop = path.splice(path.indexOf(cur));
				for (const c of loop) {
					inCycle.add(c);
					depth.set(c, null);
				}
				base = null;
				break;
			}
			onPath.add(cur);
			path.push(cur);
			cur = parentOf.get(cur)!;
		}
		for (let i = path.length - 1; i >= 0; i--) {
			base = base === null ? null : base + 1;
			depth.set(path[i], base);
		}
	}
	return { depth, inCycle };
}

function levelNames(levelAt: Map<number, string>) {
	return [...levelAt]
		.sort(([a], [b]) => a - b)
		.map(([, n]) => n)
		.join(', ');
}

/** The header row alone, ready to fill in. */
export function areaTemplate(): CsvTable {
	return { columns: AREA_COLUMNS.map((c) => c.name), rows: [] };
}
