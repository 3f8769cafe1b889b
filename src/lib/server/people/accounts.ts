// Accounts: register, verify email, reset and change password. Plain functions: parsed input in, data out,
// DomainError for anything the person must fix.
import { z } from 'zod';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { FieldError, DomainError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from '../auth/password';
import { invalidateOtherSessions } from '../auth/session';
import { ADDRESS_MAIL, ADDRESS_REGISTER, IP_MAIL, IP_REGISTER, minutesUntil, throttle } from '../auth/rate-limit';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { linkOrCreateWorker, findClaimableWorker } from './workers';
import { linkVerifiedAddress } from './worker-links';
import { email, optionalText, password, text, uuid } from '../forms/fields';
import { consentField, recordConsent } from '../privacy/notice';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export const registerSchema = z.object({
	givenName: text(100),
	familyName: text(100),
	email: email(),
	password: password(),
	jurisdictionId: uuid(),
	nationalWorkerId: optionalText(64),
	/** "I have read the privacy notice": required; the consent is recorded with the notice's version */
	privacy: consentField()
});
export type RegisterInput = z.output<typeof registerSchema>;

export function passwordMessage(problem: PasswordProblem): string | null {
	if (problem === 'too_short') return m.password_too_short({ min: 10 });
	if (problem === 'too_long') return m.password_too_long();
	if (problem === 'common') return m.password_common();
	return null;
}

function checkPassword(field: string, pw: string) {
	const msg = passwordMessage(passwordProblem(pw));
	if (msg) throw new FieldError(field, msg);
}

async function sendVerification(tx: Db, user: { id: string; email: string }, origin: string, locale: Locale) {
	const token = await issueEmailToken(tx, user.id, 'VERIFY_EMAIL');
	return enqueueMail(tx, {
		to: user.email,
		kind: 'verify-email',
		subject: m.mail_verify_subject({}, { locale }),
		text: m.mail_verify_body({ link: `${origin}/email/verify/${token}` }, { locale })
	});
}

/** The jurisdictions a person can register in, by name (the registration form's choices). */
export function registrationJurisdictions() {
	return db.jurisdiction.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

export async function register(input: RegisterInput, origin: string, locale: Locale) {
	checkPassword('password', input.password);
	const jurisdiction = await db.jurisdiction.findUnique({ where: { id: input.jurisdictionId } });
	if (!jurisdiction) throw new FieldError('jurisdictionId', m.field_choose());
	if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } }))
		throw new FieldError('email', m.register_email_taken());
	const claim = await findClaimableWorker(jurisdiction.id, input.email, input.nationalWorkerId);
	const passwordHash = await hashPassword(input.password);
	return db.$transaction(async (tx) => {
		const user = await tx.user.create({
			data: { email: input.email, name: `${input.givenName} ${input.familyName}`, passwordHash, locale }
		});
		await tx.membership.create({
			data: { userId: user.id, role: 'LEARNER', jurisdictionId: jurisdiction.id, scopeKey: `jur:${jurisdiction.id}` }
		});
		// An imported record waiting for this person is linked once the email is verified; otherwise a new one.
		if (!claim) await linkOrCreateWorker(tx, user, jurisdiction.id, input);
		await recordConsent(tx, user.id);
		await audit(tx, {
			actorId: user.id,
			action: 'user.registered',
			subjectType: 'user',
			subjectId: user.id,
			jurisdictionId: jurisdiction.id
		});
		const mailId = await sendVerification(tx, user, origin, locale);
		return { user, mailIds: [mailId] };
	});
}

/** Refuses (429) once the typed address or the client address has reached one of its limits; counts one otherwise. */
async function throttled(checks: Parameters<typeof throttle>[0], now: Date) {
	const until = await throttle(checks, now);
	if (until) throw new DomainError(m.auth_throttled({ minutes: minutesUntil(until, now) }), 429);
}

/** The limits on mail sent on request (reset and verification share them): per address and per client address. */
const mailLimits = (address: string, ip: string): Parameters<typeof throttle>[0] => [
	[`mail:address:${address}`, ADDRESS_MAIL],
	[`mail:ip:${ip}`, IP_MAIL]
];

/**
 * The registration form: the answer is the same whether or not the address already has an account (a mail was sent
 * to it), so the form tells nobody who has one. A new address gets its account and the verification mail; the owner
 * of an existing account gets a mail saying someone tried, with links to log in or reset the password. Throttled per
 * address and per client address. Nobody is signed in here: the person logs in with the password they chose.
 */
export async function requestRegistration(
	input: RegisterInput,
	origin: string,
	locale: Locale,
	ip: string,
	now = new Date()
): Promise<{ mailIds: string[] }> {
	checkPassword('password', input.password);
	const jurisdiction = await db.jurisdiction.findUnique({ where: { id: input.jurisdictionId }, select: { id: true } });
	if (!jurisdiction) throw new FieldError('jurisdictionId', m.field_choose());
	await throttled(
		[
			[`register:address:${input.email}`, ADDRESS_REGISTER],
			[`register:ip:${ip}`, IP_REGISTER]
		],
		now
	);
	const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
	if (!existing) {
		try {
			const { mailIds } = await register(input, origin, locale);
			return { mailIds };
		} catch (e) {
			// registered meanwhile by someone else: answered as an existing account below
			if (!(e instanceof FieldError && e.fields.email)) throw e;
		}
	} else {
		await hashPassword(input.password); // the same work either way, so the time taken tells nothing either
	}
	return { mailIds: await mailAccountExists(input.email, origin, ip) };
}

/** "Someone tried to create an account with your address", in the owner's language; nothing for a closed account. */
async function mailAccountExists(address: string, origin: string, ip: string): Promise<string[]> {
	const user = await db.user.findUnique({ where: { email: address } });
	if (!user || user.disabledAt || user.erasedAt) return [];
	const locale = user.locale as Locale;
	return db.$transaction(async (tx) => {
		const id = await enqueueMail(tx, {
			to: user.email,
			kind: 'account-exists',
			subject: m.auth_mail_exists_subject({}, { locale }),
			text: m.auth_mail_exists_body({ login: `${origin}/login`, reset: `${origin}/password/forgot` }, { locale })
		});
		await audit(tx, { action: 'user.registration_existing', subjectType: 'user', subjectId: user.id, ip });
		return [id];
	});
}

export async function resendVerification(userId: string, origin: string, locale: Locale, ip: string, now = new Date()) {
	const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
	if (user.emailVerifiedAt) return [];
	await throttled(mailLimits(user.email, ip), now);
	return [await db.$transaction((tx) => sendVerification(tx, user, origin, locale))];
}

export async function verifyEmail(token: string, origin: string) {
	return db.$transaction(async (tx) => {
		const userId = await consumeEmailToken(tx, token, 'VERIFY_EMAIL');
		if (!userId) throw new DomainError(m.token_invalid(), 404);
		const user = await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
		const learner = await tx.membership.findFirst({
			where: { userId, role: 'LEARNER', jurisdictionId: { not: null } }
		});
		// the address is now proven: the one unlinked record with it becomes this person's (linking.ts)
		await linkVerifiedAddress(tx, user, learner?.jurisdictionId ?? null, origin);
		await audit(tx, { actorId: userId, action: 'user.email_verified', subjectType: 'user', subjectId: userId });
		return user;
	});
}

export async function requestPasswordReset(
	address: string,
	origin: string,
	locale: Locale,
	ip: string,
	now = new Date()
): Promise<string[]> {
	// counted whether or not the address has an account, so a refusal tells nothing either
	await throttled(mailLimits(address, ip), now);
	const user = await db.user.findUnique({ where: { email: address } });
	if (!user || user.disabledAt) return []; // same answer either way: nobody learns who has an account
	return db.$transaction(async (tx) => {
		const token = await issueEmailToken(tx, user.id, 'RESET_PASSWORD');
		const id = await enqueueMail(tx, {
			to: user.email,
			kind: 'reset-password',
			subject: m.mail_reset_subject({}, { locale }),
			text: m.mail_reset_body({ link: `${origin}/password/reset/${token}` }, { locale })
		});
		return [id];
	});
}

export async function resetPassword(token: string, newPassword: string) {
	checkPassword('password', newPassword);
	const passwordHash = await hashPassword(newPassword);
	const userId = await db.$transaction(async (tx) => {
		const userId = await consumeEmailToken(tx, token, 'RESET_PASSWORD');
		if (!userId) throw new DomainError(m.token_invalid(), 404);
		// Whoever reads the mail controls the address, so a reset also proves it.
		await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: new Date() } });
		await audit(tx, { actorId: userId, action: 'user.password_reset', subjectType: 'user', subjectId: userId });
		return userId;
	});
	await invalidateOtherSessions(userId, null);
	return userId;
}

export async function changePassword(userId: string, current: string, next: string, keepSessionId: string) {
	const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
	if (!(await verifyPassword(user.passwordHash, current)))
		throw new FieldError('currentPassword', m.password_current_wrong());
	checkPassword('newPassword', next);
	const passwordHash = await hashPassword(next);
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { passwordHash } });
		await audit(tx, { actorId: userId, action: 'user.password_changed', subjectType: 'user', subjectId: userId });
	});
	return invalidateOtherSessions(userId, keepSessionId);
}

/** The language chosen in the page footer, kept with the account so mail reaches the person in it too. */
export async function setLocale(userId: string, locale: Locale) {
	await db.user.update({ where: { id: userId }, data: { locale } });
}
