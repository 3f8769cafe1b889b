import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { assignByEmail, profileOf, saveProfile } from './assignments';
import { AMEND_LISTS, SESSION_LISTS, amendSchema, sessionSchema } from './sessions';
import { checkForm } from '../forms/parse';
import { DomainError } from '../errors';
import { parseDay } from '$lib/calendar-day';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};
// what formAction does with the supervision page's two forms (their schema and their repeated fields)
const readSession = (f: FormData) => checkForm(sessionSchema, f, SESSION_LISTS);
const readAmendment = (f: FormData) => checkForm(amendSchema, f, AMEND_LISTS);
const refusal = (work: () => unknown) => {
	try {
		work();
	} catch (e) {
		return e as DomainError;
	}
	throw new Error('not refused');
};

describe('supervision forms', () => {
	it('an assignment names both people by email; an address without an account is refused beside its field', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const [supervisor, worker] = [await makeUser(), await makeUser()];
		const input = { organisationId: org.id, startsOn: parseDay('2026-01-01')!, override: true };
		const nobody = uniqueEmail('nobody');
		const refused = await assignByEmail(admin, {
			...input,
			supervisorEmail: supervisor.email,
			superviseeEmail: nobody
		}).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys((refused as DomainError).fields)).toEqual(['superviseeEmail']);
		expect(await db.supervisionAssignment.count({ where: { supervisorId: supervisor.id } })).toBe(0);
		const done = await assignByEmail(admin, {
			...input,
			supervisorEmail: supervisor.email,
			superviseeEmail: worker.email
		});
		expect(done.created?.superviseeId).toBe(worker.id);
	});

	it("profileOf: null before a supervisor's first save, then what they declared", async () => {
		const u = await makeUser();
		expect(await profileOf(u.id)).toBeNull();
		await saveProfile(u.id, { yearsExperience: 4, dedicated: true, selfDeclaredRegistered: false });
		expect(await profileOf(u.id)).toMatchObject({ yearsExperience: 4, dedicated: true });
	});

	it('a session form reads its ticked functions and supervisees as lists, each counted once', () => {
		const id = '0b6c4f4e-8d43-4a55-9a8e-0a3a8f0c2b11';
		const base: [string, string][] = [
			['date', '2026-03-02'],
			['minutes', '90'],
			['format', 'GROUP'],
			['supervisees', id]
		];
		const s = readSession(
			form([...base, ['functions', 'educational'], ['functions', 'supportive'], ['functions', 'supportive']])
		);
		expect(s.functions).toEqual(['educational', 'supportive']);
		expect(s.supervisees).toEqual([id]);
		expect(Object.keys(refusal(() => readSession(form(base))).fields)).toEqual(['functions']);
		const amended = readAmendment(
			form([
				['sessionId', id],
				['date', '2026-03-02'],
				['minutes', '60'],
				['functions', 'administrative']
			])
		);
		expect(amended).toMatchObject({ sessionId: id, minutes: 60, functions: ['administrative'] });
		expect(
			refusal(() =>
				readAmendment(
					form([
						['sessionId', 'x'],
						['date', '2026-03-02'],
						['minutes', '60']
					])
				)
			).status
		).toBe(400);
	});
});
