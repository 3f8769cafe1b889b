// Integration-test fixtures: real rows in the test database, each test with its own people and organisations.
import { randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Role } from '../../src/lib/server/generated/prisma/enums';
import { sessionUserById, type SessionUser } from '../../src/lib/server/auth/session';

export const PASSWORD = 'correct horse battery';
let hashed: Promise<string> | null = null;

export function uniqueEmail(tag = 'user') {
	return `${tag}-${randomUUID().slice(0, 8)}@test.credo.test`;
}

export async function makeJurisdiction() {
	const code = `T${randomUUID().slice(0, 6)}`;
	return db.jurisdiction.create({ data: { code, name: `Testland ${code}`, timeZone: 'Africa/Nairobi' } });
}

/**
 * A tree of areas, level by level: each level's code letter and how many areas each parent has — [['R', 3], ['D', 6]]
 * makes R0…R2, then R0D0…R2D5 — each named by its code. One query per level.
 */
export async function makeAreaTree(jurisdictionId: string, levels: [string, number][]) {
	let parents: { id: string | null; code: string }[] = [{ id: null, code: '' }];
	for (const [depth, [letter, each]] of levels.entries()) {
		const data = parents.flatMap((p) =>
			Array.from({ length: each }, (_, i) => {
				const code = `${p.code}${letter}${i}`;
				return { jurisdictionId, parentId: p.id, depth, code, name: code };
			})
		);
		parents = await db.adminArea.createManyAndReturn({ data, select: { id: true, code: true } });
	}
}

export async function makeOrg(
	jurisdictionId: string,
	type: 'UNIVERSITY' | 'TRAINING_PROVIDER' | 'NGO' | 'REGULATOR' | 'MINISTRY' | 'GOVERNMENT_AGENCY' = 'UNIVERSITY'
) {
	const slug = `org-${randomUUID().slice(0, 8)}`;
	return db.organisation.create({ data: { slug, code: slug, name: `Org ${slug}`, type, jurisdictionId } });
}

export async function makeUser(
	roles: { role: Role; organisationId?: string; jurisdictionId?: string }[] = [],
	verified = true
) {
	hashed ??= hashPassword(PASSWORD);
	const user = await db.user.create({
		data: {
			email: uniqueEmail(),
			name: 'Test Person',
			passwordHash: await hashed,
			emailVerifiedAt: verified ? new Date() : null
		}
	});
	for (const r of roles) {
		const scopeKey = r.organisationId
			? `org:${r.organisationId}`
			: r.jurisdictionId
				? `jur:${r.jurisdictionId}`
				: 'global';
		await db.membership.create({
			data: {
				userId: user.id,
				role: r.role,
				organisationId: r.organisationId ?? null,
				jurisdictionId: r.jurisdictionId ?? null,
				scopeKey
			}
		});
	}
	return user;
}

/** The SessionUser the guards would see for this user. */
export function sessionUserOf(userId: string): Promise<SessionUser> {
	return sessionUserById(userId);
}
