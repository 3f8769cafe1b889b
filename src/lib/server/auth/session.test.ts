import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { createSession, hashToken, validateSessionToken, SESSION_DAYS, type SessionExtra } from './session';
import { changePassword } from '../people/accounts';
import { makeUser, PASSWORD } from '../../../../tests/helpers/db';
import { progressFragment } from '../learning/progress';

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

	it('lookups made together are answered together, each with its own session, user and memberships', async () => {
		const admin = await makeUser([{ role: 'ADMIN' }]);
		const learner = await makeUser([{ role: 'LEARNER' }]);
		const disabled = await makeUser([{ role: 'ADMIN' }]);
		const [a, b, d] = await Promise.all([
			createSession(admin.id),
			createSession(learner.id),
			createSession(disabled.id)
		]);
		await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
		const forged = b.token.slice(0, -1) + (b.token.endsWith('a') ? 'b' : 'a');
		// started in one turn of the event loop: one batch (a statement over arrays), answers matched back by position
		const [ra, rb, rForged, rd, ra2] = await Promise.all(
			[a.token, b.token, forged, d.token, a.token].map((t) => validateSessionToken(t))
		);
		expect(ra?.user.id).toBe(admin.id);
		expect(ra?.user.memberships.map((m) => m.role)).toEqual(['ADMIN']);
		expect(rForged).toBeNull();
		expect(rb?.user.id).toBe(learner.id);
		expect(rb?.user.memberships.map((m) => m.role)).toEqual(['LEARNER']);
		expect(rd).toBeNull(); // a disabled account is signed out even in a batch with others
		expect(ra2?.sessionId).toBe(hashToken(a.token));
	});

	it("a page's own data read with the session is each request's own, for its own user and arguments", async () => {
		const one = await makeUser();
		const two = await makeUser();
		const [s1, s2] = await Promise.all([createSession(one.id), createSession(two.id)]);
		const extra = (arg: string): SessionExtra => ({
			name: 'test-echo',
			fragment: { text: `json_build_object('user', me.user_id, 'arg', $1::text, 'now', me.now)`, values: [arg] }
		});
		const now = new Date('2026-12-01T10:00:00Z');
		const [r1, r2, r3] = await Promise.all([
			validateSessionToken(s1.token, now, extra('first')),
			validateSessionToken(s2.token, now, extra('second')),
			validateSessionToken(s1.token, now) // a plain lookup in the same turn: its own statement, no extra
		]);
		expect(r1?.extra).toEqual({ user: one.id, arg: 'first', now: '2026-12-01T10:00:00+00:00' });
		expect(r2?.extra).toEqual({ user: two.id, arg: 'second', now: '2026-12-01T10:00:00+00:00' });
		expect(r3?.user.id).toBe(one.id);
		expect(r3?.extra).toBeUndefined();
	});

	it('a failed lookup fails every request of its batch, and the next lookups work', async () => {
		const user = await makeUser();
		const s = await createSession(user.id);
		const broken: SessionExtra = { name: 'test-broken', fragment: { text: '($1::int)', values: ['x'] } }; // 'x' is no integer
		const results = await Promise.allSettled([
			validateSessionToken(s.token, new Date(), broken),
			validateSessionToken(s.token, new Date(), broken)
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect((await validateSessionToken(s.token))?.user.id).toBe(user.id);
	});

	it("a page's values are bound parameters: a hostile module id is read back as text and runs nothing", async () => {
		const user = await makeUser();
		const s = await createSession(user.id);
		const hostile = "x'; drop table users; --";
		const echo = (v: string): SessionExtra => ({
			name: 'test-bound',
			fragment: { text: `json_build_object('arg', $1::text, 'again', $1::text, 'second', $2::text)`, values: [v, '$1'] }
		});
		const [r, other] = await Promise.all([
			validateSessionToken(s.token, new Date(), echo(hostile)),
			validateSessionToken(s.token, new Date(), echo('plain')) // same batch, same statement, its own values
		]);
		expect(r?.extra).toEqual({ arg: hostile, again: hostile, second: '$1' });
		expect(other?.extra).toEqual({ arg: 'plain', again: 'plain', second: '$1' });
		expect(await db.user.count({ where: { id: user.id } })).toBe(1); // the table is still there
		// the progress of the module page the same way: a hostile module id is simply a module the user has no record of
		const progress = await validateSessionToken(s.token, new Date(), {
			name: 'module-progress',
			fragment: progressFragment(hostile)
		});
		expect(progress?.extra).toMatchObject({ completion: null, credit: null, attempts: null, used: 0 });
	});

	it('a fragment given the wrong number of values is refused before anything is sent', async () => {
		const user = await makeUser();
		const s = await createSession(user.id);
		const short: SessionExtra = { name: 'test-short', fragment: { text: '($1::text || $2::text)', values: ['a'] } };
		await expect(validateSessionToken(s.token, new Date(), short)).rejects.toThrow(/2 placeholders was given 1/);
	});

	it('two extras under one name but with different text each get their own named statement', async () => {
		const user = await makeUser();
		const s = await createSession(user.id);
		const one: SessionExtra = { name: 'test-same-name', fragment: { text: `('one:' || $1::text)`, values: ['a'] } };
		const two: SessionExtra = { name: 'test-same-name', fragment: { text: `('two:' || $1::text)`, values: ['b'] } };
		const [r1, r2] = await Promise.all([
			validateSessionToken(s.token, new Date(), one),
			validateSessionToken(s.token, new Date(), two)
		]);
		expect([r1?.extra, r2?.extra]).toEqual(['one:a', 'two:b']);
		// and again, each on connections that already prepared the other
		expect((await validateSessionToken(s.token, new Date(), two))?.extra).toBe('two:b');
		expect((await validateSessionToken(s.token, new Date(), one))?.extra).toBe('one:a');
	});
});
