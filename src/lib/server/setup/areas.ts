// A jurisdiction's area tree: the `areas` import (area-rows.ts reads the file; this loads the tree and writes the
// plan) and what the areas page shows and edits (the tree, an area's name, a level's name).
import { z } from 'zod';
import { deepestShown } from './area-view';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { administers } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { FieldError, Forbidden } from '../errors';
import { text } from '../forms/fields';
import { reported, type ImportKind } from '../imports/types';
import { registerImport } from '../imports/run';
import { AREA_COLUMNS, AREA_MAX_ROWS, AREA_NAME_MAX, LEVEL_NAME_MAX, planAreas, type AreaOp } from './area-rows';
import { m } from '$lib/paraglide/messages';

const BATCH = 1000;

/** The levels and areas of a jurisdiction, as area-rows.ts compares a file with them. */
export async function areaState(tx: Tx | typeof db, jurisdictionId: string) {
	const [levels, areas] = await Promise.all([
		tx.areaLevel.findMany({ where: { jurisdictionId }, select: { depth: true, name: true } }),
		tx.adminArea.findMany({
			where: { jurisdictionId },
			select: { id: true, code: true, name: true, depth: true, parentId: true }
		})
	]);
	const codeOf = new Map(areas.map((a) => [a.id, a.code]));
	return {
		levels,
		areas: areas.map((a) => ({
			code: a.code,
			name: a.name,
			depth: a.depth,
			parentCode: a.parentId ? codeOf.get(a.parentId)! : null
		}))
	};
}

async function applyAreas(tx: Tx, jurisdictionId: string, ops: AreaOp[], progress: (done: number) => Promise<void>) {
	const levels = ops.filter((o) => o.op === 'level');
	if (levels.length)
		await tx.areaLevel.createMany({ data: levels.map((l) => ({ jurisdictionId, depth: l.depth, name: l.name })) });
	const areas = ops.filter((o) => o.op === 'area'); // by depth: a parent is written before its children
	const idOf = await areaIdsByCode(tx, jurisdictionId);
	let done = levels.length;
	for (let i = 0; i < areas.length;) {
		// a batch never spans two depths, so every parent it names already has its id
		let end = i;
		while (end < areas.length && end - i < BATCH && areas[end].depth === areas[i].depth) end++;
		const batch = areas.slice(i, end);
		const parentId = (a: (typeof batch)[number]) => (a.parentCode ? idOf.get(a.parentCode)! : null);
		const added = batch.filter((a) => a.isNew);
		if (added.length) {
			await tx.adminArea.createMany({
				data: added.map((a) => ({ jurisdictionId, code: a.code, name: a.name, depth: a.depth, parentId: parentId(a) }))
			});
			const ids = await tx.adminArea.findMany({
				where: { jurisdictionId, code: { in: added.map((a) => a.code) } },
				select: { id: true, code: true }
			});
			for (const a of ids) idOf.set(a.code, a.id);
		}
		const changed = batch.filter((a) => !a.isNew);
		if (changed.length)
			await tx.$executeRaw`
				update admin_areas a set name = v.name, parent_id = v.parent_id::uuid
				from unnest(${changed.map((a) => a.code)}::text[], ${changed.map((a) => a.name)}::text[],
					${changed.map(parentId)}::text[]) as v(code, name, parent_id)
				where a.jurisdiction_id = ${jurisdictionId}::uuid and a.code = v.code`;
		done += batch.length;
		await progress(done);
		i = end;
	}
}

/** The jurisdiction's areas, id by code: every import names areas by their code. */
export async function areaIdsByCode(tx: Tx, jurisdictionId: string): Promise<Map<string, string>> {
	const rows = await tx.adminArea.findMany({ where: { jurisdictionId }, select: { id: true, code: true } });
	return new Map(rows.map((a) => [a.code, a.id]));
}

export const areasImport: ImportKind<AreaOp> = {
	kind: 'areas',
	allowed: (user, jurisdictionId) => administers(user, jurisdictionId),
	columns: AREA_COLUMNS,
	maxRows: AREA_MAX_ROWS,
	plan: reported(async (tx, jurisdictionId, text) => planAreas(text, await areaState(tx, jurisdictionId))),
	apply: (tx, jurisdictionId, ops, ctx) => applyAreas(tx, jurisdictionId, ops, ctx.progress)
};
registerImport(areasImport);

/** The most areas the page lists at once (one line each). */
export const TREE_LIMIT = 200;

/**
 * The tree in reading order (each area followed by its children, by code), from the top or below one area: every level
 * while that is at most TREE_LIMIT areas, else the upper levels that fit, each area of the last level shown opening
 * (`open`) to what lies below it; `indent` is relative to where the list starts.
 */
export async function areaTree(jurisdictionId: string, underCode: string | null) {
	const [levels, areas] = await Promise.all([
		db.areaLevel.findMany({
			where: { jurisdictionId },
			orderBy: { depth: 'asc' },
			select: { depth: true, name: true }
		}),
		db.adminArea.findMany({
			where: { jurisdictionId },
			orderBy: { code: 'asc' },
			select: { id: true, code: true, name: true, depth: true, parentId: true }
		})
	]);
	const children = new Map<string | null, typeof areas>();
	for (const a of areas) {
		const siblings = children.get(a.parentId);
		if (siblings) siblings.push(a);
		else children.set(a.parentId, [a]);
	}
	const under = underCode ? (areas.find((a) => a.code === underCode) ?? null) : null;
	const levelName = new Map(levels.map((l) => [l.depth, l.name]));
	const all: { area: (typeof areas)[number]; depth: number; hasChildren: boolean }[] = [];
	const stack = [...(under ? [under] : (children.get(null) ?? []))].reverse();
	while (stack.length) {
		const a = stack.pop()!;
		const kids = children.get(a.id) ?? [];
		all.push({ area: a, depth: a.depth, hasChildren: kids.length > 0 });
		stack.push(...[...kids].reverse());
	}
	const last = deepestShown(all, TREE_LIMIT);
	const list = all
		.filter((a) => a.depth <= last)
		.map(({ area: a, hasChildren }) => ({
			code: a.code,
			name: a.name,
			level: levelName.get(a.depth) ?? null,
			indent: a.depth - (under?.depth ?? 0),
			open: hasChildren && a.depth === last
		}));
	return {
		levels,
		list,
		total: areas.length,
		inView: all.length,
		truncated: list.length < all.length,
		under: under?.code ?? null
	};
}

export const renameAreaSchema = z.object({ code: text(64), name: text(AREA_NAME_MAX) });
export const levelNameSchema = z.object({ depth: z.coerce.number().int().min(0).max(50), name: text(LEVEL_NAME_MAX) });

export async function renameArea(user: SessionUser, jurisdictionId: string, input: z.output<typeof renameAreaSchema>) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	await db.$transaction(async (tx) => {
		const area = await tx.adminArea.findUnique({
			where: { jurisdictionId_code: { jurisdictionId, code: input.code } }
		});
		if (!area) throw new FieldError('name', m.not_found());
		if (area.name === input.name) return;
		await tx.adminArea.update({ where: { id: area.id }, data: { name: input.name } });
		await audit(tx, {
			actorId: user.id,
			action: 'area.renamed',
			subjectType: 'admin_area',
			subjectId: area.id,
			jurisdictionId,
			data: { code: area.code, name: [area.name, input.name] }
		});
	});
}

/** Names (or renames) the level at a depth; a name names one depth only. */
export async function nameLevel(user: SessionUser, jurisdictionId: string, input: z.output<typeof levelNameSchema>) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	const taken = () => new FieldError('name', m.areas_level_taken());
	try {
		await db.$transaction(async (tx) => {
			const levels = await tx.areaLevel.findMany({ where: { jurisdictionId } });
			const before = levels.find((l) => l.depth === input.depth);
			if (!before && input.depth > 0 && !levels.some((l) => l.depth === input.depth - 1))
				throw new FieldError('name', m.areas_level_gap());
			const other = levels.find((l) => l.depth !== input.depth && l.name.toLowerCase() === input.name.toLowerCase());
			if (other) throw taken();
			if (before?.name === input.name) return;
			await tx.areaLevel.upsert({
				where: { jurisdictionId_depth: { jurisdictionId, depth: input.depth } },
				create: { jurisdictionId, depth: input.depth, name: input.name },
				update: { name: input.name }
			});
			await audit(tx, {
				actorId: user.id,
				action: 'area_level.named',
				subjectType: 'jurisdiction',
				subjectId: jurisdictionId,
				jurisdictionId,
				data: { depth: input.depth, name: [before?.name ?? null, input.name] }
			});
		});
	} catch (e) {
		if ((e as { code?: string }).code === 'P2002') throw taken();
		throw e;
	}
}
