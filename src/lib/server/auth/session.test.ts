import { describe, expect, it } from 'vitest';
import { db } from '../db';
import {
	createSession,
	hashToken,
	listSessions,
	sessionPolicy,
	signOutOtherSessions,
	validateSessionToken,
	type SessionExtra
} from './session';
import { changePassword } from '../people/accounts';
import { makeUser, PASSWORD, sessionUserOf } from '../../../../tests/helpers/db';
import { progressFragment } from '../learning/progress';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (t: Date, ms: number) => new Date(t.getTime() + ms);

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
		const { token } = await createSession(user.id, new Date(Date.now() - 31 * DAY));
		expect(await validateSessionToken(token)).toBeNull();
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
	});

	it('slides: a session used again is extended by the idle timeout (14 days), never past 30 days from sign-in', async () => {
		const user = await makeUser();
		const start = new Date('2026-01-01T00:00:00Z');
		const { token, expiresAt } = await createSession(user.id, start);
		expect(expiresAt.getTime()).toBe(start.getTime() + 14 * DAY);
		const later = at(start, 13 * DAY);
		const v = await validateSessionToken(token, later);
		expect(v?.extended).toBe(true);
		expect(v?.expiresAt.getTime()).toBe(later.getTime() + 14 * DAY);
		// used on day 26: extended only to day 30, the absolute lifetime
		const v2 = await validateSessionToken(token, at(start, 26 * DAY));
		expect(v2?.expiresAt.getTime()).toBe(start.getTime() + 30 * DAY);
	});

	it('an ordinary session unused for 14 days ends', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(user.id, start);
		expect(await validateSessionToken(token, at(start, 14 * DAY + MINUTE))).toBeNull();
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
	});

	it('an ordinary session ends 30 days after sign-in however often it is used', async () => {
		const user = await makeUser([{ role: 'LEARNER' }, { role: 'SUPERVISOR' }]);
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(user.id, start);
		for (let d = 5; d < 30; d += 5) expect(await validateSessionToken(token, at(start, d * DAY))).not.toBeNull();
		expect(await validateSessionToken(token, at(start, 30 * DAY))).toBeNull();
	});

	it.each(['ADMIN', 'REGULATOR', 'ANALYST'] as const)(
		'a %s session ends after 30 minutes unused, and 12 hours after sign-in even when used throughout',
		async (role) => {
			const j = await db.jurisdiction.create({
				data: { code: `S${crypto.randomUUID().slice(0, 6)}`, name: 'Sessionland', timeZone: 'UTC' }
			});
			const user = await makeUser([{ role, ...(role === 'ADMIN' ? {} : { jurisdictionId: j.id }) }]);
			const start = new Date('2026-01-01T08:00:00Z');
			const idle = await createSession(user.id, start);
			expect(idle.expiresAt.getTime()).toBe(start.getTime() + 30 * MINUTE);
			expect(await validateSessionToken(idle.token, at(start, 29 * MINUTE))).not.toBeNull();
			expect(await validateSessionToken(idle.token, at(start, 29 * MINUTE + 31 * MINUTE))).toBeNull();

			const busy = await createSession(user.id, start);
			for (let t = 20 * MINUTE; t < 12 * HOUR; t += 20 * MINUTE)
				expect(await validateSessionToken(busy.token, at(start, t)), `after ${t / MINUTE} min`).not.toBeNull();
			expect(await validateSessionToken(busy.token, at(start, 12 * HOUR))).toBeNull();
		}
	);

	it('a privileged role granted during a session tightens that session at once', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const start = new Date('2026-01-01T08:00:00Z');
		const { token } = await createSession(user.id, start);
		expect(await validateSessionToken(token, at(start, 13 * HOUR))).not.toBeNull();
		await db.membership.create({ data: { userId: user.id, role: 'ADMIN', scopeKey: 'global' } });
		expect(await validateSessionToken(token, at(start, 13 * HOUR + MINUTE))).toBeNull();
	});

	it('the lifetimes come from the environment, with the defaults when unset or not a positive number', () => {
		expect(sessionPolicy(['LEARNER'], {})).toEqual({ idleMs: 14 * DAY, absoluteMs: 30 * DAY });
		expect(sessionPolicy(['LEARNER', 'ADMIN'], {})).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
		const env = {
			SESSION_IDLE_DAYS: '2',
			SESSION_MAX_DAYS: '7',
			SESSION_PRIVILEGED_IDLE_MINUTES: '15',
			SESSION_PRIVILEGED_MAX_HOURS: '8'
		};
		expect(sessionPolicy(['PROVIDER'], env)).toEqual({ idleMs: 2 * DAY, absoluteMs: 7 * DAY });
		expect(sessionPolicy(['REGULATOR'], env)).toEqual({ idleMs: 15 * MINUTE, absoluteMs: 8 * HOUR });
		expect(
			sessionPolicy(['ANALYST'], { SESSION_PRIVILEGED_MAX_HOURS: '-1', SESSION_PRIVILEGED_IDLE_MINUTES: 'x' })
		).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
		// an idle timeout longer than the lifetime is the lifetime
		expect(sessionPolicy(['LEARNER'], { SESSION_IDLE_DAYS: '60' })).toEqual({ idleMs: 30 * DAY, absoluteMs: 30 * DAY });
	});

	it('records the browser at first use and last use at most once a minute', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-01T10:00:00Z');
		const { token } = await createSession(user.id, start);
		const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
		await validateSessionToken(token, at(start, 1000), undefined, firefox);
		await validateSessionToken(token, at(start, 2000), undefined, 'Something else');
		let row = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
		expect(row.userAgent).toBe(firefox);
		expect(row.lastUsedAt.getTime()).toBe(start.getTime() + 1000);
		await validateSessionToken(token, at(start, 30_000));
		row = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
		expect(row.lastUsedAt.getTime()).toBe(start.getTime() + 1000); // within the minute: not written
		await validateSessionToken(token, at(start, 61_000 + 1000));
		row = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
		expect(row.lastUsedAt.getTime()).toBe(start.getTime() + 62_000);
	});

	it('lists my sessions (this one marked) and signs out the others, audited', async () => {
		const user = await makeUser();
		const other = await makeUser();
		const now = new Date();
		const here = await createSession(user.id, at(now, -2 * HOUR), 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0');
		const phone = await createSession(user.id, at(now, -DAY), 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile');
		const old = await createSession(user.id, at(now, -40 * DAY)); // expired: not listed
		const theirs = await createSession(other.id, now);
		const me = await sessionUserOf(user.id);
		const list = await listSessions(me, hashToken(here.token), now);
		expect(list.map((s) => [s.userAgent?.includes('Linux x86_64') ?? null, s.current])).toEqual([
			[true, true],
			[false, false]
		]);
		expect(JSON.stringify(list)).not.toContain(hashToken(phone.token)); // no session id leaves the server
		expect(await signOutOtherSessions(user.id, hashToken(here.token))).toBe(2);
		expect(await validateSessionToken(here.token)).not.toBeNull();
		expect(await validateSessionToken(phone.token)).toBeNull();
		expect(await validateSessionToken(old.token)).toBeNull();
		expect(await validateSessionToken(theirs.token)).not.toBeNull(); // someone else's session is untouched
		const events = await db.auditEvent.findMany({ where: { action: 'user.sessions_ended', subjectId: user.id } });
		expect(events.map((e) => e.data)).toEqual([{ count: 2 }]);
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
