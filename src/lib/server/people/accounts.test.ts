import { describe, expect, it } from 'vitest';
import { db } from '../db';
import {
	register,
	registerSchema,
	registrationJurisdictions,
	verifyEmail,
	requestPasswordReset,
	resetPassword
} from './accounts';
import { DomainError } from '../errors';
import { makeJurisdiction, uniqueEmail } from '../../../../tests/helpers/db';
import { createSession, validateSessionToken } from '../auth/session';
import { readFile } from 'node:fs/promises';

const ORIGIN = 'http://credo.test';

async function tokenFromMail(id: string) {
	const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
	return /\/([a-z2-7]{32})\b/.exec(mail.text)![1];
}

describe('registration and identity', () => {
	it('offers every jurisdiction by name, with only its id and name', async () => {
		const j = await makeJurisdiction();
		const list = await registrationJurisdictions();
		expect(list).toContainEqual({ id: j.id, name: j.name });
		expect(list.every((x) => Object.keys(x).join() === 'id,name')).toBe(true);
	});

	it('creates a user with the learner role, a worker profile and a verification mail', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('reg');
		const input = registerSchema.parse({
			privacy: 'on',
			givenName: 'Ada',
			familyName: 'Mensah',
			email: email.toUpperCase(),
			password: 'plenty long passphrase',
			jurisdictionId: j.id,
			nationalWorkerId: 'W-1'
		});
		const { user, mailIds } = await register(input, ORIGIN, 'en');
		expect(user.email).toBe(email); // stored lower-case
		expect(user.passwordHash.startsWith('$argon2id$')).toBe(true);
		const roles = await db.membership.findMany({ where: { userId: user.id } });
		expect(roles.map((r) => [r.role, r.jurisdictionId])).toEqual([['LEARNER', j.id]]);
		const worker = await db.workerProfile.findUniqueOrThrow({
			where: { userId: user.id },
			include: { identifiers: true }
		});
		expect(worker.identifiers.map((i) => i.value)).toEqual(['W-1']);
		const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id: mailIds[0] } });
		expect(mail.to).toBe(email);
		const verified = await verifyEmail(await tokenFromMail(mailIds[0]), ORIGIN);
		expect(verified.emailVerifiedAt).not.toBeNull();
		await expect(verifyEmail(await tokenFromMail(mailIds[0]), ORIGIN)).rejects.toBeInstanceOf(DomainError); // one use only
	});

	it('a taken email is a field error and changes nothing', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('dup');
		const base = {
			privacy: 'on',
			givenName: 'A',
			familyName: 'B',
			email,
			password: 'plenty long passphrase',
			jurisdictionId: j.id
		};
		await register(registerSchema.parse(base), ORIGIN, 'en');
		const e = await register(registerSchema.parse(base), ORIGIN, 'en').catch((x) => x);
		expect(e).toBeInstanceOf(DomainError);
		expect(e.fields.email).toMatch(/already exists/);
		expect(await db.user.count({ where: { email } })).toBe(1); // other test files create users in parallel: count ours
		expect(await db.workerProfile.count({ where: { email } })).toBe(1);
	});

	it('links an imported worker record when the key and email match, after the email is verified', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('imported');
		const imported = await db.workerProfile.create({
			data: {
				jurisdictionId: j.id,
				givenName: 'Imported',
				familyName: 'Worker',
				email,
				identifiers: { create: { jurisdictionId: j.id, kind: 'NATIONAL_WORKER_ID', value: 'NW-77' } }
			}
		});
		const { user, mailIds } = await register(
			registerSchema.parse({
				privacy: 'on',
				givenName: 'Imported',
				familyName: 'Worker',
				email,
				password: 'plenty long passphrase',
				jurisdictionId: j.id,
				nationalWorkerId: 'NW-77'
			}),
			ORIGIN,
			'en'
		);
		expect(await db.workerProfile.findUnique({ where: { userId: user.id } })).toBeNull(); // not before verification
		await verifyEmail(await tokenFromMail(mailIds[0]), ORIGIN);
		const linked = await db.workerProfile.findUniqueOrThrow({ where: { userId: user.id } });
		expect(linked.id).toBe(imported.id);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(1); // one person, one record
	});

	it('a verified address links the one imported record with it, whatever its case: audited and notified', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('spelt');
		const imported = await db.workerProfile.create({
			data: { jurisdictionId: j.id, givenName: 'Kofi', familyName: 'Asante', email: email.toUpperCase() }
		});
		const { user, mailIds } = await register(
			registerSchema.parse({
				privacy: 'on',
				givenName: 'Kofi',
				familyName: 'Asante',
				email,
				password: 'plenty long passphrase',
				jurisdictionId: j.id
			}),
			ORIGIN,
			'en'
		);
		expect(await db.workerProfile.findUnique({ where: { userId: user.id } })).toBeNull(); // not before verification
		await verifyEmail(await tokenFromMail(mailIds[0]), ORIGIN);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { userId: user.id } })).id).toBe(imported.id);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(1);
		const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'worker.linked', subjectId: imported.id } });
		expect(event.data).toMatchObject({ userId: user.id, via: 'verified_email' });
		expect(await db.notification.count({ where: { userId: user.id, kind: 'worker-linked' } })).toBe(1);
	});

	it("refuses a worker id recorded with someone else's email", async () => {
		const j = await makeJurisdiction();
		await db.workerProfile.create({
			data: {
				jurisdictionId: j.id,
				givenName: 'X',
				familyName: 'Y',
				email: uniqueEmail('owner'),
				identifiers: { create: { jurisdictionId: j.id, kind: 'NATIONAL_WORKER_ID', value: 'NW-88' } }
			}
		});
		const thief = uniqueEmail('thief');
		const e = await register(
			registerSchema.parse({
				privacy: 'on',
				givenName: 'Z',
				familyName: 'Q',
				email: thief,
				password: 'plenty long passphrase',
				jurisdictionId: j.id,
				nationalWorkerId: 'NW-88'
			}),
			ORIGIN,
			'en'
		).catch((x) => x);
		expect(e.fields.nationalWorkerId).toBeTruthy();
		expect(await db.user.count({ where: { email: thief } })).toBe(0);
	});

	it('the identity key is unique per jurisdiction', async () => {
		const j = await makeJurisdiction();
		const a = await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'A', familyName: 'A' } });
		const b = await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'B', familyName: 'B' } });
		await db.workerIdentifier.create({
			data: { workerProfileId: a.id, jurisdictionId: j.id, kind: 'LICENCE_NUMBER', value: 'L-1' }
		});
		await expect(
			db.workerIdentifier.create({
				data: { workerProfileId: b.id, jurisdictionId: j.id, kind: 'LICENCE_NUMBER', value: 'L-1' }
			})
		).rejects.toThrow();
	});

	it('a password reset by mail ends every session', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('reset');
		const { user } = await register(
			registerSchema.parse({
				privacy: 'on',
				givenName: 'R',
				familyName: 'S',
				email,
				password: 'plenty long passphrase',
				jurisdictionId: j.id
			}),
			ORIGIN,
			'en'
		);
		const s = await createSession(user.id);
		const [mailId] = await requestPasswordReset(email, ORIGIN, 'en');
		expect(await requestPasswordReset(uniqueEmail('nobody'), ORIGIN, 'en')).toEqual([]);
		await resetPassword(await tokenFromMail(mailId), 'another long passphrase');
		expect(await validateSessionToken(s.token)).toBeNull();
	});

	it('schema: empty, overlong and wrong-typed input give one message per field', () => {
		const r = registerSchema.safeParse({
			givenName: '',
			familyName: 'x'.repeat(10_000),
			email: 42,
			jurisdictionId: 'nope'
		});
		expect(r.success).toBe(false);
		const fields = new Set(r.error!.issues.map((i) => i.path[0]));
		expect([...fields].sort()).toEqual(['email', 'familyName', 'givenName', 'jurisdictionId', 'password', 'privacy']);
	});
});

describe('mail in development is written as files', () => {
	it('flushOutbox writes the message under MAIL_DIR', async () => {
		const { enqueueMail, flushOutbox } = await import('../mail/outbox');
		const to = uniqueEmail('mail');
		const id = await enqueueMail(db, { to, subject: 'Hello', text: 'Body text', kind: 'test' });
		expect(await flushOutbox([id])).toBe(1);
		const { readdir } = await import('node:fs/promises');
		const dir = process.env.MAIL_DIR!;
		const file = (await readdir(dir)).find((f) => f.endsWith(`${id}.eml`))!;
		expect(await readFile(`${dir}/${file}`, 'utf8')).toContain(`To: ${to}`);
	});
});
