// A jurisdiction's organisations: the `organisations` import (organisation-rows.ts reads the file; this loads the
// records and writes the plan) and the page's list, creation and edit. Organisations are named by their code within
// the jurisdiction; the slug (URLs) is made once, at creation, and never changes.
import { z } from 'zod';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { administers } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { FieldError, Forbidden } from '../errors';
import { optionalText, text } from '../forms/fields';
import { reported, type ImportKind } from '../imports/types';
import { registerImport } from '../imports/run';
import type { OrganisationType } from '../generated/prisma/enums';
import { CODE, CODE_MAX } from './area-rows';
import { areaIdsByCode } from './areas';
import {
	ORG_COLUMNS,
	ORG_MAX_ROWS,
	ORG_NAME_MAX,
	orgSlug,
	orgType,
	planOrganisations,
	type OrganisationOp
} from './organisation-rows';
import { m } from '$lib/paraglide/messages';

const BATCH = 1000;

async function orgState(tx: Tx, jurisdictionId: string) {
	const [orgs, areas] = await Promise.all([
		tx.organisation.findMany({
			where: { jurisdictionId },
			select: { code: true, name: true, type: true, area: { select: { code: true } } }
		}),
		tx.adminArea.findMany({ where: { jurisdictionId }, select: { code: true } })
	]);
	return {
		organisations: orgs.map((o) => ({ code: o.code, name: o.name, type: o.type, areaCode: o.area?.code ?? null })),
		areaCodes: new Set(areas.map((a) => a.code))
	};
}

/** Every slug that a new organisation of this jurisdiction could collide with (they all start with its code). */
async function takenSlugs(tx: Tx | typeof db, jurisdictionCode: string) {
	const prefix = orgSlug(jurisdictionCode, '', new Set());
	const rows = await tx.organisation.findMany({ where: { slug: { startsWith: prefix } }, select: { slug: true } });
	return new Set(rows.map((r) => r.slug));
}

async function applyOrganisations(
	tx: Tx,
	jurisdictionId: string,
	ops: OrganisationOp[],
	progress: (done: number) => Promise<void>
) {
	const j = await tx.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { code: true } });
	const areaId = await areaIdsByCode(tx, jurisdictionId);
	const taken = await takenSlugs(tx, j.code);
	const area = (o: OrganisationOp) => (o.areaCode ? areaId.get(o.areaCode)! : null);
	for (let i = 0; i < ops.length; i += BATCH) {
		const batch = ops.slice(i, i + BATCH);
		const added = batch.filter((o) => o.isNew);
		if (added.length)
			await tx.organisation.createMany({
				data: added.map((o) => ({
					jurisdictionId,
					code: o.code,
					slug: orgSlug(j.code, o.code, taken),
					name: o.name,
					type: o.type,
					areaId: area(o)
				}))
			});
		const changed = batch.filter((o) => !o.isNew);
		if (changed.length)
			await tx.$executeRaw`
				update organisations o set name = v.name, type = v.type::"OrganisationType", area_id = v.area_id::uuid
				from unnest(${changed.map((o) => o.code)}::text[], ${changed.map((o) => o.name)}::text[],
					${changed.map((o) => o.type)}::text[], ${changed.map(area)}::text[]) as v(code, name, type, area_id)
				where o.jurisdiction_id = ${jurisdictionId}::uuid and o.code = v.code`;
		await progress(i + batch.length);
	}
}

export const organisationsImport: ImportKind<OrganisationOp> = {
	kind: 'organisations',
	allowed: (user, jurisdictionId) => administers(user, jurisdictionId),
	columns: ORG_COLUMNS,
	maxRows: ORG_MAX_ROWS,
	plan: reported(async (tx, jurisdictionId, text) => planOrganisations(text, await orgState(tx, jurisdictionId))),
	apply: (tx, jurisdictionId, ops, ctx) => applyOrganisations(tx, jurisdictionId, ops, ctx.progress)
};
registerImport(organisationsImport);

/** Up to this many areas the form offers a list to choose from; beyond, the area's code is typed. */
export const AREA_CHOICES_MAX = 1500;

export async function organisationsPage(jurisdictionId: string) {
	const [organisations, areaCount] = await Promise.all([
		db.organisation.findMany({
			where: { jurisdictionId },
			orderBy: [{ type: 'asc' }, { name: 'asc' }],
			select: { code: true, name: true, type: true, area: { select: { code: true, name: true } } }
		}),
		db.adminArea.count({ where: { jurisdictionId } })
	]);
	const areas =
		areaCount <= AREA_CHOICES_MAX
			? await db.adminArea.findMany({
					where: { jurisdictionId },
					orderBy: [{ depth: 'asc' }, { name: 'asc' }],
					select: { code: true, name: true }
				})
			: null;
	return { organisations, areas };
}

const typeField = () =>
	z
		.string({ error: () => m.field_choose() })
		.transform(
			(v, ctx): OrganisationType => orgType(v) ?? (ctx.addIssue({ code: 'custom', message: m.field_choose() }), z.NEVER)
		);

export const organisationEditSchema = z.object({
	code: text(CODE_MAX).regex(CODE, { error: () => m.workforce_err_code_format({ max: CODE_MAX }) }),
	name: text(ORG_NAME_MAX),
	type: typeField(),
	areaCode: optionalText(64)
});
export type OrganisationEdit = z.output<typeof organisationEditSchema>;

async function areaIdOf(tx: Tx, jurisdictionId: string, code: string | undefined) {
	if (!code) return null;
	const a = await tx.adminArea.findUnique({
		where: { jurisdictionId_code: { jurisdictionId, code } },
		select: { id: true }
	});
	if (!a) throw new FieldError('areaCode', m.workforce_err_unknown_area({ value: code }));
	return a.id;
}

export async function createOrganisation(user: SessionUser, jurisdictionId: string, input: OrganisationEdit) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	const taken = () => new FieldError('code', m.orgs_code_taken());
	try {
		return await db.$transaction(async (tx) => {
			if (await tx.organisation.findUnique({ where: { jurisdictionId_code: { jurisdictionId, code: input.code } } }))
				throw taken();
			const j = await tx.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { code: true } });
			const slug = orgSlug(j.code, input.code, await takenSlugs(tx, j.code));
			const areaId = await areaIdOf(tx, jurisdictionId, input.areaCode);
			const org = await tx.organisation.create({
				data: { jurisdictionId, code: input.code, slug, name: input.name, type: input.type, areaId }
			});
			await audit(tx, {
				actorId: user.id,
				action: 'organisation.created',
				subjectType: 'organisation',
				subjectId: org.id,
				jurisdictionId,
				organisationId: org.id,
				data: { code: input.code, name: input.name, type: input.type, area: input.areaCode ?? null }
			});
			return org;
		});
	} catch (e) {
		if ((e as { code?: string }).code === 'P2002') throw taken();
		throw e;
	}
}

/** Name, type and area of the organisation with this code; its code and slug stay. */
export async function updateOrganisation(user: SessionUser, jurisdictionId: string, input: OrganisationEdit) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	await db.$transaction(async (tx) => {
		const before = await tx.organisation.findUnique({
			where: { jurisdictionId_code: { jurisdictionId, code: input.code } },
			include: { area: { select: { code: true } } }
		});
		if (!before) throw new FieldError('name', m.not_found());
		const areaId = await areaIdOf(tx, jurisdictionId, input.areaCode);
		const after = { name: input.name, type: input.type, area: input.areaCode ?? null };
		const was = { name: before.name, type: before.type, area: before.area?.code ?? null };
		const changes = Object.fromEntries(
			(Object.keys(after) as (keyof typeof after)[])
				.filter((k) => after[k] !== was[k])
				.map((k) => [k, [was[k], after[k]]])
		);
		if (!Object.keys(changes).length) return;
		await tx.organisation.update({ where: { id: before.id }, data: { name: input.name, type: input.type, areaId } });
		await audit(tx, {
			actorId: user.id,
			action: 'organisation.updated',
			subjectType: 'organisation',
			subjectId: before.id,
			jurisdictionId,
			organisationId: before.id,
			data: { code: input.code, ...changes }
		});
	});
}
