// A programme's supporting partner is an organisation of its jurisdiction's register, on a real database.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import {
	createProgramme,
	readProgrammeForm,
	recognitionQueue,
	updateProgramme,
	type ProgrammeInput
} from './programmes';
import { partnerOptions } from './partners';

const base: ProgrammeInput = {
	code: 'PART-1',
	title: 'Child protection basics',
	description: undefined,
	track: undefined,
	requiresEvent: true,
	deliveredOutside: false,
	contactHours: null,
	minPracticumHours: null,
	minSupervisionHours: null,
	validityMonths: 12,
	childVictims: true,
	childProtection: true,
	supportingPartnerId: null,
	autoIssue: false,
	modules: [],
	competencies: []
};

async function setting() {
	const j = await makeJurisdiction();
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const ngo = await makeOrg(j.id, 'NGO');
	const university = await makeOrg(j.id, 'UNIVERSITY');
	const elsewhere = await makeOrg((await makeJurisdiction()).id, 'NGO');
	const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	return { j, provider, ngo, university, elsewhere, admin };
}

const fieldError = (field: string) => ({ status: 400, fields: { [field]: expect.any(String) } });

describe('the supporting partner of a programme', () => {
	it("is chosen from the jurisdiction's organisations (the provider itself left out), by name", async () => {
		const s = await setting();
		const options = await partnerOptions([{ id: s.provider.id, jurisdictionId: s.j.id }]);
		expect(options.map((o) => o.id).sort()).toEqual([s.ngo.id, s.university.id].sort());
		expect(options.find((o) => o.id === s.ngo.id)).toMatchObject({ name: s.ngo.name, type: 'NGO' });
	});

	it('is saved on creation and on a change, each audited, and shown to the regulator by name', async () => {
		const s = await setting();
		const p = await createProgramme(s.admin, s.provider.id, { ...base, supportingPartnerId: s.ngo.id });
		expect((await db.programme.findUniqueOrThrow({ where: { id: p.id } })).supportingPartnerId).toBe(s.ngo.id);
		expect(await db.auditEvent.count({ where: { action: 'programme.created', subjectId: p.id } })).toBe(1);

		await updateProgramme(s.admin, p.id, { ...base, supportingPartnerId: s.university.id });
		expect((await db.programme.findUniqueOrThrow({ where: { id: p.id } })).supportingPartnerId).toBe(s.university.id);
		const changed = await db.auditEvent.findFirstOrThrow({ where: { action: 'programme.updated', subjectId: p.id } });
		expect(changed.data).toMatchObject({ partner: { before: s.ngo.id, after: s.university.id } });

		await db.programme.update({ where: { id: p.id }, data: { recognitionStatus: 'REQUESTED' } });
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: s.j.id }])).id);
		const shown = (await recognitionQueue(regulator)).find((x) => x.id === p.id);
		expect(shown?.supportingPartner).toEqual({ name: s.university.name });

		await updateProgramme(s.admin, p.id, { ...base, supportingPartnerId: null }); // "None"
		expect((await db.programme.findUniqueOrThrow({ where: { id: p.id } })).supportingPartnerId).toBeNull();
	});

	it('from another jurisdiction is refused beside the field, and nothing is saved', async () => {
		const s = await setting();
		await expect(
			createProgramme(s.admin, s.provider.id, { ...base, supportingPartnerId: s.elsewhere.id })
		).rejects.toMatchObject(fieldError('supportingPartnerId'));
		expect(await db.programme.count({ where: { providerId: s.provider.id } })).toBe(0);
		expect(await db.auditEvent.count({ where: { action: 'programme.created', organisationId: s.provider.id } })).toBe(
			0
		);

		const p = await createProgramme(s.admin, s.provider.id, { ...base, supportingPartnerId: s.ngo.id });
		const before = await db.programme.findUniqueOrThrow({ where: { id: p.id } });
		for (const partner of [s.elsewhere.id, crypto.randomUUID(), s.provider.id])
			await expect(
				updateProgramme(s.admin, p.id, { ...base, title: 'Renamed', supportingPartnerId: partner })
			).rejects.toMatchObject(fieldError('supportingPartnerId'));
		expect(await db.programme.findUniqueOrThrow({ where: { id: p.id } })).toEqual(before);
		expect(await db.auditEvent.count({ where: { action: 'programme.updated', subjectId: p.id } })).toBe(0);
	});

	it('that is not an organisation id gets a message beside the field when the form is read', () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({ code: 'P', title: 'T', requiresEvent: 'on', supportingPartnerId: 'UNICEF' }))
			form.append(k, v);
		const read = readProgrammeForm(form);
		expect(read.ok ? {} : read.errors).toEqual({ supportingPartnerId: expect.any(String) });
		form.set('supportingPartnerId', '');
		const none = readProgrammeForm(form);
		expect(none.ok && none.data.supportingPartnerId).toBeNull();
	});
});
