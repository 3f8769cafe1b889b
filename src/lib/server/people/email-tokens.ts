// One-time links sent by mail. Only the SHA-256 of the token is stored; using a token marks it used.
import { db, type Db } from '../db';
import { generateToken, hashToken } from '../auth/session';
import type { EmailTokenPurpose } from '../generated/prisma/enums';

export const TOKEN_HOURS: Record<EmailTokenPurpose, number> = { VERIFY_EMAIL: 48, RESET_PASSWORD: 1 };

export async function issueEmailToken(tx: Db, userId: string, purpose: EmailTokenPurpose, now = new Date()) {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + TOKEN_HOURS[purpose] * 3_600_000);
	await tx.emailToken.create({ data: { id: hashToken(token), userId, purpose, expiresAt } });
	return token;
}

/** Marks the token used and returns its user, or null when unknown, expired or already used. */
export async function consumeEmailToken(tx: Db, token: string, purpose: EmailTokenPurpose, now = new Date()) {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const { count } = await tx.emailToken.updateMany({
		where: { id: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
		data: { usedAt: now }
	});
	if (!count) return null;
	const row = await tx.emailToken.findUnique({ where: { id: hashToken(token) }, select: { userId: true } });
	return row?.userId ?? null;
}

export async function peekEmailToken(token: string, purpose: EmailTokenPurpose, now = new Date()) {
	if (!/^[a-z2-7]{32}$/.test(token)) return false;
	const row = await db.emailToken.findFirst({
		where: { id: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
		select: { id: true }
	});
	return !!row;
}
