import { describe, expect, it } from 'vitest';
import { db } from '../db';
import {
	register,
	registerSchema,
	registrationJurisdictions,
	verifyEmail,
	requestPasswordReset,
	requestRegistration,
	resendVerification,
	resetPassword
} from './accounts';
import { ADDRESS_MAIL, ADDRESS_REGISTER, IP_MAIL, IP_REGISTER } from '../auth/rate-limit';
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
		const [mailId] = await requestPasswordReset(email, ORIGIN, 'en', '10.0.0.1');
		expect(await requestPasswordReset(uniqueEmail('nobody'), ORIGIN, 'en', '10.0.0.1')).toEqual([]);
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

const ip = () =>
	`10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const registration = (jurisdictionId: string, email: string) =>
	registerSchema.parse({
		privacy: 'on',
		givenName: 'Ama',
		familyName: 'Boateng',
		email,
		password: 'plenty long passphrase',
		jurisdictionId
	});

describe('registration does not tell who has an account (issue 15 item 10)', () => {
	it('answers the same for a taken address, creates nothing and mails the owner instead', async () => {
		const j = await makeJurisdiction();
		const taken = uniqueEmail('taken');
		const fresh = uniqueEmail('fresh');
		const first = await requestRegistration(registration(j.id, taken), ORIGIN, 'en', ip());
		const owner = await db.user.findUniqueOrThrow({ where: { email: taken } });
		const again = await requestRegistration(registration(j.id, taken), ORIGIN, 'fr', ip());
		const other = await requestRegistration(registration(j.id, fresh), ORIGIN, 'en', ip());
		// the same answer: one mail queued, nothing else
		expect(Object.keys(again)).toEqual(Object.keys(other));
		expect(again.mailIds).toHaveLength(1);
		expect(other.mailIds).toHaveLength(1);
		// one account per address: the taken one kept its owner, the fresh one got its own
		expect(await db.user.count({ where: { email: { in: [taken, fresh] } } })).toBe(2);
		expect(await db.user.findUniqueOrThrow({ where: { email: taken } })).toMatchObject({
			id: owner.id,
			passwordHash: owner.passwordHash
		});
		const toOwner = await db.outboxMessage.findUniqueOrThrow({ where: { id: again.mailIds[0] } });
		expect(toOwner).toMatchObject({ to: taken, kind: 'account-exists' });
		expect(toOwner.text).toContain(`${ORIGIN}/password/forgot`);
		expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: first.mailIds[0] } })).kind).toBe('verify-email');
	});
});

describe('mail-sending forms and registration are throttled per address and per client address (item 8)', () => {
	it('password reset: a few per address an hour, counted whether or not the address has an account', async () => {
		const t0 = new Date('2026-04-01T08:00:00Z');
		for (const address of [uniqueEmail('nobody'), (await makeRegistered()).email]) {
			for (let i = 0; i < ADDRESS_MAIL.limit; i++) await requestPasswordReset(address, ORIGIN, 'en', ip(), t0);
			const e = await requestPasswordReset(address, ORIGIN, 'en', ip(), t0).catch((x) => x);
			expect(e).toBeInstanceOf(DomainError);
			expect(e.status).toBe(429);
			expect(e.message).toMatch(/60 minutes/);
			// an hour later it works again
			await requestPasswordReset(address, ORIGIN, 'en', ip(), new Date(t0.getTime() + 61 * 60_000));
		}
	});

	it('password reset: one client address asking for many addresses is paused', async () => {
		const t0 = new Date('2026-04-02T08:00:00Z');
		const from = ip();
		for (let i = 0; i < IP_MAIL.limit; i++) await requestPasswordReset(uniqueEmail('many'), ORIGIN, 'en', from, t0);
		await expect(requestPasswordReset(uniqueEmail('many'), ORIGIN, 'en', from, t0)).rejects.toMatchObject({
			status: 429
		});
		await requestPasswordReset(uniqueEmail('many'), ORIGIN, 'en', ip(), t0); // another machine is not
	});

	it('verification mail resend: limited per address, sharing the reset budget', async () => {
		const user = await makeRegistered();
		const t0 = new Date('2026-04-03T08:00:00Z');
		const before = await db.outboxMessage.count({ where: { to: user.email } });
		for (let i = 0; i < ADDRESS_MAIL.limit; i++) await resendVerification(user.id, ORIGIN, 'en', ip(), t0);
		await expect(resendVerification(user.id, ORIGIN, 'en', ip(), t0)).rejects.toMatchObject({ status: 429 });
		await expect(requestPasswordReset(user.email, ORIGIN, 'en', ip(), t0)).rejects.toMatchObject({ status: 429 });
		expect(await db.outboxMessage.count({ where: { to: user.email } })).toBe(before + ADDRESS_MAIL.limit);
	});

	it('registration: limited per address and per client address, with nothing created when refused', async () => {
		const j = await makeJurisdiction();
		const t0 = new Date();
		const address = uniqueEmail('again');
		for (let i = 0; i < ADDRESS_REGISTER.limit; i++)
			await requestRegistration(registration(j.id, address), ORIGIN, 'en', ip(), t0);
		await expect(requestRegistration(registration(j.id, address), ORIGIN, 'en', ip(), t0)).rejects.toMatchObject({
			status: 429
		});
		const from = ip();
		for (let i = 0; i < IP_REGISTER.limit; i++)
			await requestRegistration(registration(j.id, uniqueEmail('bulk')), ORIGIN, 'en', from, t0);
		const refused = uniqueEmail('bulk');
		await expect(requestRegistration(registration(j.id, refused), ORIGIN, 'en', from, t0)).rejects.toMatchObject({
			status: 429
		});
		expect(await db.user.count({ where: { email: refused } })).toBe(0);
	});
});

async function makeRegistered() {
	const j = await makeJurisdiction();
	const { user } = await register(registration(j.id, uniqueEmail('reg')), ORIGIN, 'en');
	return user;
}
