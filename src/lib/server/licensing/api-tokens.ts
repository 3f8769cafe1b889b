// Bearer tokens for the compliance API: random, shown once, stored as SHA-256, scoped to one jurisdiction.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import { generateToken, hashToken, type SessionUser } from '../auth/session';
import { text } from '../forms/fields';
import { regulatorJurisdictions } from './licences';
import { m } from '$lib/paraglide/messages';

export const tokenSchema = z.object({ name: text(100) });

export async function createToken(user: SessionUser, name: string) {
	const jurisdictionId = regulatorJurisdictions(user)[0];
	if (!jurisdictionId) throw new DomainError(m.error_forbidden(), 403);
	const token = `credo_${generateToken()}`;
	const row = await db.apiToken.create({
		data: { jurisdictionId, name, tokenHash: hashToken(token), createdById: user.id }
	});
	await audit(db, {
		actorId: user.id,
		action: 'api_token.created',
		subjectType: 'api_token',
		subjectId: row.id,
		jurisdictionId
	});
	return token;
}

export async function listTokens(user: SessionUser) {
	return db.apiToken.findMany({
		where: { jurisdictionId: { in: regulatorJurisdictions(user) } },
		orderBy: { createdAt: 'desc' },
		select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true }
	});
}

export async function revokeToken(user: SessionUser, id: string) {
	const { count } = await db.apiToken.updateMany({
		where: { id, jurisdictionId: { in: regulatorJurisdictions(user) }, revokedAt: null },
		data: { revokedAt: new Date() }
	});
	if (!count) throw new DomainError(m.not_found(), 404);
	await audit(db, { actorId: user.id, action: 'api_token.revoked', subjectType: 'api_token', subjectId: id });
}

/** The jurisdiction a bearer token speaks for, or null when it is missing, unknown or revoked. */
export async function tokenJurisdiction(header: string | null): Promise<string | null> {
	const token = /^Bearer (credo_[a-z2-7]{32})$/.exec(header ?? '')?.[1];
	if (!token) return null;
	const row = await db.apiToken.findUnique({
		where: { tokenHash: hashToken(token) },
		select: { id: true, jurisdictionId: true, revokedAt: true }
	});
	if (!row || row.revokedAt) return null;
	await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
	return row.jurisdictionId;
}
