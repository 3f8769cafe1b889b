import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { db } from '../db';
import { DomainError, Forbidden } from '../errors';
import { AlreadyApplied } from '../idempotency';
import type { SessionUser } from '../auth/session';
import {
	createJurisdiction,
	jurisdictionByCode,
	jurisdictionSchema,
	listJurisdictions,
	updateJurisdiction,
	type JurisdictionInput
} from './jurisdictions';
import { setupStatus } from './status';
import { invite, inviteSchema } from '../people/invitations';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';

// the guards read the signed-in person from the request: here, whoever the test puts in `signedIn`
let signedIn: SessionUser | null = null;
vi.mock('$app/server', () => ({
	getRequestEvent: () => ({ locals: { user: signedIn }, url: new URL('http://credo.test/admin') })
}));
const { requireJurisdictionAdmin, requireAdmin, requireAnyAdmin } = await import('../auth/guards');

const newCode = () => `Q${randomUUID().slice(0, 6)}`;
const input = (code = newCode()): JurisdictionInput =>
	jurisdictionSchema.parse({ code, name: 'Quarterland', timeZone: 'Africa/Kampala', defaultLocale: 'fr' });
const globalAdmin = async () => sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
const adminOf = async (jurisdictionId: string) =>
	sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId }])).id);

/** The HTTP status a guard answers with (the guards throw SvelteKit's error), or 200 when it lets the person in. */
async function status(check: () => unknown): Promise<number> {
	try {
		await check();
		return 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

beforeEach(() => {
	signedIn = null;
});

describe('the new-jurisdiction form', () => {
	const errors = (values: Record<string, string>) => {
		const r = jurisdictionSchema.safeParse({ name: 'X', timeZone: 'UTC', defaultLocale: 'en', ...values });
		return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
	};

	it('keeps the code upper-case and accepts letters, digits and hyphens up to 16', () => {
		expect(
			jurisdictionSchema.parse({ code: ' ke-2 ', name: 'Kenya', timeZone: 'Africa/Nairobi', defaultLocale: 'en' }).code
		).toBe('KE-2');
		expect(errors({ code: 'A'.repeat(16) })).toEqual({});
	});

	it('refuses a code with spaces or other signs, or longer than 16, with a message on the code', () => {
		expect(Object.keys(errors({ code: 'K E' }))).toEqual(['code']);
		expect(Object.keys(errors({ code: 'KE_1' }))).toEqual(['code']);
		expect(Object.keys(errors({ code: 'A'.repeat(17) }))).toEqual(['code']);
		expect(Object.keys(errors({ code: '' }))).toEqual(['code']);
	});

	it('refuses a time zone the runtime does not know and a language other than English or French', () => {
		expect(Object.keys(errors({ code: 'KE', timeZone: 'Mars/Olympus' }))).toEqual(['timeZone']);
		expect(Object.keys(errors({ code: 'KE', defaultLocale: 'de' }))).toEqual(['defaultLocale']);
	});
});

describe('creating a jurisdiction', () => {
	it('a global administrator creates one, and the audit trail records who and what', async () => {
		const admin = await globalAdmin();
		const j = await createJurisdiction(admin, input());
		expect(j).toMatchObject({ name: 'Quarterland', timeZone: 'Africa/Kampala', defaultLocale: 'fr' });
		const events = await db.auditEvent.findMany({ where: { action: 'jurisdiction.created', subjectId: j.id } });
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ actorId: admin.id, jurisdictionId: j.id });
	});

	it('a code already taken, in any case, is a message on the code field and creates nothing', async () => {
		const admin = await globalAdmin();
		const code = newCode();
		await createJurisdiction(admin, input(code));
		const before = await db.jurisdiction.count();
		const refused = await createJurisdiction(admin, input(code.toLowerCase())).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys(refused.fields)).toEqual(['code']);
		expect(await db.jurisdiction.count()).toBe(before);
	});

	it("a jurisdiction's administrator cannot create one", async () => {
		const own = await makeJurisdiction();
		const code = newCode();
		await expect(createJurisdiction(await adminOf(own.id), input(code))).rejects.toBeInstanceOf(Forbidden);
		expect(await db.jurisdiction.findUnique({ where: { code: code.toUpperCase() } })).toBeNull();
	});

	it('the same form sent twice (same idempotency key) creates one jurisdiction', async () => {
		const admin = await globalAdmin();
		const once = { userId: admin.id, key: randomUUID(), action: '/(admin)/admin/jurisdictions?/default' };
		const code = newCode();
		await createJurisdiction(admin, input(code), once);
		await expect(createJurisdiction(admin, input(code), once)).rejects.toBeInstanceOf(AlreadyApplied);
		expect(await db.jurisdiction.count({ where: { code: code.toUpperCase() } })).toBe(1);
	});
});

describe("editing a jurisdiction's details", () => {
	it('its administrator changes name, time zone and language; the audit keeps before and after', async () => {
		const j = await makeJurisdiction();
		const admin = await adminOf(j.id);
		const edit = { name: 'Renamed', timeZone: j.timeZone, defaultLocale: 'fr' as const };
		expect(await updateJurisdiction(admin, j.id, edit)).toEqual({ changed: true });
		expect(await db.jurisdiction.findUniqueOrThrow({ where: { id: j.id } })).toMatchObject(edit);
		const [event] = await db.auditEvent.findMany({ where: { action: 'jurisdiction.updated', subjectId: j.id } });
		expect(event.data).toEqual({ name: [j.name, 'Renamed'], defaultLocale: ['en', 'fr'] });
		// the same details again change nothing and add no event
		expect(await updateJurisdiction(admin, j.id, edit)).toEqual({ changed: false });
		expect(await db.auditEvent.count({ where: { action: 'jurisdiction.updated', subjectId: j.id } })).toBe(1);
	});

	it('the administrator of A cannot change B, and B stays as it was', async () => {
		const [a, b] = [await makeJurisdiction(), await makeJurisdiction()];
		const edit = { name: 'Taken over', timeZone: 'UTC', defaultLocale: 'fr' as const };
		await expect(updateJurisdiction(await adminOf(a.id), b.id, edit)).rejects.toBeInstanceOf(Forbidden);
		expect(await db.jurisdiction.findUniqueOrThrow({ where: { id: b.id } })).toEqual(b);
	});

	it('a regulator of the jurisdiction is not its administrator', async () => {
		const j = await makeJurisdiction();
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		const edit = { name: 'No', timeZone: 'UTC', defaultLocale: 'en' as const };
		await expect(updateJurisdiction(regulator, j.id, edit)).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('who sees which jurisdiction', () => {
	it("a jurisdiction's administrator lists theirs only; a global administrator lists every one", async () => {
		const [a, b] = [await makeJurisdiction(), await makeJurisdiction()];
		expect((await listJurisdictions(await adminOf(a.id))).map((j) => j.id)).toEqual([a.id]);
		const all = (await listJurisdictions(await globalAdmin())).map((j) => j.id);
		expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
	});

	it('a URL names a jurisdiction by its code in any case; something that cannot be a code reads nothing', async () => {
		const j = await createJurisdiction(await globalAdmin(), input());
		expect((await jurisdictionByCode(j.code.toLowerCase()))?.id).toBe(j.id);
		const mixed = await makeJurisdiction(); // a code from before codes were kept upper-case
		expect((await jurisdictionByCode(mixed.code))?.id).toBe(mixed.id);
		expect(await jurisdictionByCode("x' or 1=1")).toBeNull();
		expect(await jurisdictionByCode('A'.repeat(17))).toBeNull();
	});
});

describe("the guard of a jurisdiction's pages (requireJurisdictionAdmin)", () => {
	it("lets in a global administrator and the jurisdiction's own; refuses another's (403) and everyone else", async () => {
		const [a, b] = [await makeJurisdiction(), await makeJurisdiction()];
		const cases: [SessionUser | null, number, number][] = [
			[await globalAdmin(), 200, 200],
			[await adminOf(a.id), 200, 403],
			[await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: a.id }])).id), 403, 403],
			[await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: a.id }])).id), 403, 403]
		];
		for (const [user, onA, onB] of cases) {
			signedIn = user;
			expect([
				await status(() => requireJurisdictionAdmin(a.code)),
				await status(() => requireJurisdictionAdmin(b.code))
			]).toEqual([onA, onB]);
		}
	});

	it('an unknown code is a 404 for an administrator, a 403 for anyone who administers nothing', async () => {
		signedIn = await globalAdmin();
		expect(await status(() => requireJurisdictionAdmin('NOSUCHCODE'))).toBe(404);
		signedIn = await sessionUserOf(
			(await makeUser([{ role: 'ANALYST', jurisdictionId: (await makeJurisdiction()).id }])).id
		);
		expect(await status(() => requireJurisdictionAdmin('NOSUCHCODE'))).toBe(403);
	});

	it('cross-jurisdiction pages take a global administrator only; the /admin area any administrator', async () => {
		const j = await makeJurisdiction();
		signedIn = await adminOf(j.id);
		expect(await status(() => requireAdmin())).toBe(403);
		expect(await status(() => requireAdmin(j.id))).toBe(200);
		expect(await status(() => requireAnyAdmin())).toBe(200);
		signedIn = await globalAdmin();
		expect(await status(() => requireAdmin())).toBe(200);
	});
});

describe("a jurisdiction's administrators", () => {
	it('one invites another administrator of the same jurisdiction, never of another', async () => {
		const [a, b] = [await makeJurisdiction(), await makeJurisdiction()];
		const admin = await adminOf(a.id);
		const email = uniqueEmail('jadmin');
		await invite(admin, inviteSchema.parse({ email, grant: `ADMIN|jur:${a.id}` }), 'http://credo.test', 'en');
		const sent = await db.invitation.findFirstOrThrow({ where: { email } });
		expect(sent).toMatchObject({ role: 'ADMIN', jurisdictionId: a.id, organisationId: null });
		const elsewhere = inviteSchema.parse({ email: uniqueEmail(), grant: `ADMIN|jur:${b.id}` });
		await expect(invite(admin, elsewhere, 'http://credo.test', 'en')).rejects.toBeInstanceOf(Forbidden);
		const global = inviteSchema.parse({ email: uniqueEmail(), grant: 'ADMIN|global' });
		await expect(invite(admin, global, 'http://credo.test', 'en')).rejects.toBeInstanceOf(Forbidden);
	});

	it('the set-up status counts what the jurisdiction holds and lists its administrators', async () => {
		const j = await makeJurisdiction();
		await makeOrg(j.id, 'NGO');
		await makeOrg(j.id, 'NGO');
		await makeOrg(j.id, 'UNIVERSITY');
		await adminOf(j.id);
		await db.areaLevel.create({ data: { jurisdictionId: j.id, depth: 0, name: 'Province' } });
		const area = await db.adminArea.create({ data: { jurisdictionId: j.id, code: 'P1', name: 'North', depth: 0 } });
		await db.areaPopulation.create({
			data: { areaId: area.id, jurisdictionId: j.id, year: 2026, population: 1000, source: 'Census' }
		});
		const s = await setupStatus(j.id);
		expect(s).toMatchObject({ levels: 1, areas: 1, populationYears: [2026], workers: 0, openProposals: 0 });
		expect(s.organisations).toEqual([
			{ type: 'UNIVERSITY', count: 1 },
			{ type: 'NGO', count: 2 }
		]);
		expect(s.admins).toHaveLength(1);
	});
});
