import { collectPlan } from '../imports/types';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { FieldError, Forbidden } from '../errors';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { createOrganisation, organisationsImport, updateOrganisation } from './organisations';

const csv = (...lines: string[]) => ['code,name,type,area_code', ...lines].join('\n');

async function setup() {
	const j = await makeJurisdiction();
	const north = await db.adminArea.create({ data: { jurisdictionId: j.id, code: 'N', name: 'North', depth: 0 } });
	const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
	return { j, north, admin };
}

async function importOrgs(jurisdictionId: string, text: string) {
	return db.$transaction(async (tx) => {
		const plan = await collectPlan(organisationsImport, tx, jurisdictionId, text);
		if (!plan.problems.length)
			await organisationsImport.apply(tx, jurisdictionId, plan.ops, {
				actorId: '',
				jobId: '',
				progress: async () => {}
			});
		return plan;
	});
}

const snapshot = (jurisdictionId: string) =>
	db.organisation.findMany({
		where: { jurisdictionId },
		orderBy: { code: 'asc' },
		select: { code: true, slug: true, name: true, type: true, area: { select: { code: true } } }
	});

describe('organisations import on the database', () => {
	it('adds with a slug made of the codes, then updates by code; the same file again writes nothing', async () => {
		const { j } = await setup();
		const lower = j.code.toLowerCase();
		await db.organisation.create({
			data: { jurisdictionId: j.id, code: 'TAKEN', slug: `${lower}-min`, name: 'Other', type: 'NGO' }
		});
		await importOrgs(j.id, csv('MIN,Ministry,ministry,', 'REG,Council,Regulator,N'));
		const first = await snapshot(j.id);
		expect(first.map((o) => [o.code, o.slug, o.type, o.area?.code ?? null])).toEqual([
			['MIN', `${lower}-min-2`, 'MINISTRY', null],
			['REG', `${lower}-reg`, 'REGULATOR', 'N'],
			['TAKEN', `${lower}-min`, 'NGO', null]
		]);
		const plan = await importOrgs(j.id, csv('MIN,Ministry of Welfare,ministry,N', 'REG,Council,regulator,'));
		expect(plan.rows.map((r) => r.action)).toEqual(['change', 'unchanged']);
		const second = await snapshot(j.id);
		expect(second[0]).toMatchObject({ name: 'Ministry of Welfare', slug: `${lower}-min-2`, area: { code: 'N' } });
		const again = await importOrgs(j.id, csv('MIN,Ministry of Welfare,ministry,N', 'REG,Council,regulator,N'));
		expect(again.ops).toEqual([]);
		expect(await snapshot(j.id)).toEqual(second);
	});

	it('a refused row refuses the file and changes nothing', async () => {
		const { j } = await setup();
		await importOrgs(j.id, csv('MIN,Ministry,ministry,'));
		const before = await snapshot(j.id);
		const plan = await importOrgs(j.id, csv('MIN,Renamed,ministry,', 'X,Unknown area,ngo,NOPE'));
		expect(plan.problems.map((p) => p.code)).toEqual(['unknown_area']);
		expect(await snapshot(j.id)).toEqual(before);
	});
});

describe('organisations in the browser', () => {
	it('creates and edits by code; a taken code and an unknown area are refused beside their fields', async () => {
		const { j, admin } = await setup();
		await createOrganisation(admin, j.id, { code: 'UNI', name: 'State University', type: 'UNIVERSITY', areaCode: 'N' });
		await expect(
			createOrganisation(admin, j.id, { code: 'UNI', name: 'Again', type: 'NGO', areaCode: undefined })
		).rejects.toMatchObject({ fields: { code: expect.any(String) } });
		await expect(
			updateOrganisation(admin, j.id, { code: 'UNI', name: 'X', type: 'NGO', areaCode: 'NOPE' })
		).rejects.toBeInstanceOf(FieldError);
		await updateOrganisation(admin, j.id, {
			code: 'UNI',
			name: 'National University',
			type: 'UNIVERSITY',
			areaCode: undefined
		});
		const [org] = await snapshot(j.id);
		expect(org).toMatchObject({ code: 'UNI', name: 'National University', area: null });
		const events = await db.auditEvent.findMany({ where: { jurisdictionId: j.id, subjectType: 'organisation' } });
		expect(events.map((e) => e.action).sort()).toEqual(['organisation.created', 'organisation.updated']);
	});

	it('an administrator of another jurisdiction cannot create one here', async () => {
		const { j } = await setup();
		const other = await makeJurisdiction();
		const stranger = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: other.id }])).id);
		await expect(
			createOrganisation(stranger, j.id, { code: 'X', name: 'X', type: 'NGO', areaCode: undefined })
		).rejects.toBeInstanceOf(Forbidden);
		expect(await db.organisation.count({ where: { jurisdictionId: j.id } })).toBe(0);
	});
});
