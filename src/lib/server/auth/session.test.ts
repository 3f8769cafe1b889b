import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { createSession, hashToken, validateSessionToken, SESSION_DAYS } from './session';
import { changePassword } from '../people/accounts';
import { makeUser, PASSWORD } from '../../../../tests/helpers/db';

const DAY = 86_400_000;

describe('sessions (Lucia pattern)', () => {
	it('stores only the SHA-256 of the token, never the token itself', async () => {
		const user = await makeUser();
		const { token } = await createSession(user.id);
		const rows = await db.session.findMany({ where: { userId: user.id } });
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(hashToken(token));
		expect(rows[0].id).not.toContain(token);
		const raw = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from sessions where id = ${token}`;
		expect(Number(raw[0].n)).toBe(0);
	});

	it('validates a real token and refuses a forged one', async () => {
		const user = await makeUser([{ role: 'ADMIN' }]);
		const { token } = await createSession(user.id);
		const ok = await validateSessionToken(token);
		expect(ok?.user.id).toBe(user.id);
		expect(ok?.user.memberships.map((m) => m.role)).toEqual(['ADMIN']);
		const forged = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(forged)).toBeNull();
		expect(await validateSessionToken('not-a-token')).toBeNull();
	});

	it('an expired session is refused and removed', async () => {
		const user = await makeUser();
		const { token } = await createSession(user.id, new Date(Date.now() - (SESSION_DAYS + 1) * DAY));
		expect(await validateSessionToken(token)).toBeNull();
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
	});

	it('slides: a session used in its last half is extended to 30 days', async () => {
		const user = await makeUser();
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(user.id, start);
		const later = new Date(start.getTime() + 20 * DAY);
		const v = await validateSessionToken(token, later);
		expect(v?.expiresAt.getTime()).toBe(later.getTime() + SESSION_DAYS * DAY);
	});

	it('changing the password ends the other sessions and keeps the current one', async () => {
		const user = await makeUser();
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		const ended = await changePassword(user.id, PASSWORD, 'a brand new passphrase', hashToken(a.token));
		expect(ended).toBe(1);
		expect(await validateSessionToken(a.token)).not.toBeNull();
		expect(await validateSessionToken(b.token)).toBeNull();
	});
});
