import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { attemptLogin } from './login';
import { ACCOUNT_LOGIN, hit, lockedUntil } from './rate-limit';
import { DomainError } from '../errors';
import { makeUser, PASSWORD } from '../../../../tests/helpers/db';

const MIN = 60_000;

async function fails(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return e as DomainError;
	}
	throw new Error('expected the login to fail');
}

describe('login throttling (stored in the database, clock injected)', () => {
	it('five failures in 15 minutes lock the account for 15 minutes with a clear message', async () => {
		const user = await makeUser();
		const ip = `10.0.0.${Math.floor(Math.random() * 250)}`;
		const t0 = new Date('2026-03-01T08:00:00Z');
		for (let i = 0; i < 4; i++) {
			const e = await fails(attemptLogin(user.email, 'wrong password!', ip, new Date(t0.getTime() + i * MIN)));
			expect(e.status).toBe(400);
		}
		const fifth = await fails(attemptLogin(user.email, 'wrong password!', ip, new Date(t0.getTime() + 4 * MIN)));
		expect(fifth.status).toBe(429);
		expect(fifth.message).toMatch(/15 minutes/);
		// even the right password is refused while locked
		const locked = await fails(attemptLogin(user.email, PASSWORD, ip, new Date(t0.getTime() + 10 * MIN)));
		expect(locked.status).toBe(429);
		const events = await db.auditEvent.findMany({ where: { action: 'login.account_locked', subjectId: user.id } });
		expect(events).toHaveLength(1);
		// 15 minutes after the lock the right password works again
		const ok = await attemptLogin(user.email, PASSWORD, ip, new Date(t0.getTime() + 20 * MIN));
		expect(ok.id).toBe(user.id);
	});

	it('failures spread over more than 15 minutes do not lock', async () => {
		const user = await makeUser();
		const t0 = new Date('2026-03-02T08:00:00Z');
		for (let i = 0; i < 6; i++) {
			const e = await fails(
				attemptLogin(user.email, 'wrong password!', '10.1.1.1', new Date(t0.getTime() + i * 16 * MIN))
			);
			expect(e.status).toBe(400);
		}
	});

	it('the per-address limit is looser and separate from the account limit', async () => {
		const now = new Date('2026-03-03T08:00:00Z');
		const key = `login:ip:test-${Math.random()}`;
		for (let i = 0; i < 99; i++)
			expect(await hit(key, { limit: 100, windowMs: 15 * MIN, lockMs: 15 * MIN }, now)).toBeNull();
		expect(await hit(key, { limit: 100, windowMs: 15 * MIN, lockMs: 15 * MIN }, now)).not.toBeNull();
		expect(await lockedUntil(key, new Date(now.getTime() + 14 * MIN))).not.toBeNull();
		expect(await lockedUntil(key, new Date(now.getTime() + 16 * MIN))).toBeNull();
	});

	it('a successful login clears the account counter', async () => {
		const user = await makeUser();
		const t0 = new Date('2026-03-04T08:00:00Z');
		for (let i = 0; i < 4; i++) await fails(attemptLogin(user.email, 'wrong password!', '10.2.2.2', t0));
		await attemptLogin(user.email, PASSWORD, '10.2.2.2', t0);
		const e = await fails(attemptLogin(user.email, 'wrong password!', '10.2.2.2', t0));
		expect(e.status).toBe(400);
	});

	it('five wrong passwords from one machine do not lock the owner out: another machine that has not failed signs in', async () => {
		const user = await makeUser();
		const attacker = `10.3.${Math.floor(Math.random() * 250)}.1`;
		const owner = `10.4.${Math.floor(Math.random() * 250)}.1`;
		const t0 = new Date('2026-03-05T08:00:00Z');
		for (let i = 0; i < 4; i++)
			expect((await fails(attemptLogin(user.email, 'guess!', attacker, t0))).status).toBe(400);
		expect((await fails(attemptLogin(user.email, 'guess!', attacker, t0))).status).toBe(429);
		// the machine that failed stays paused, even with the right password
		expect((await fails(attemptLogin(user.email, PASSWORD, attacker, t0))).status).toBe(429);
		// the owner, from elsewhere, is not
		expect((await attemptLogin(user.email, PASSWORD, owner, new Date(t0.getTime() + MIN))).id).toBe(user.id);
		const events = await db.auditEvent.findMany({ where: { action: 'login.account_locked', subjectId: user.id } });
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ ip: attacker, data: expect.objectContaining({ scope: 'client' }) });
	});

	it('many machines together reach the looser per-account ceiling, which then pauses every machine', async () => {
		const user = await makeUser();
		const t0 = new Date('2026-03-06T08:00:00Z');
		const net = Math.floor(Math.random() * 250);
		let last: DomainError | null = null;
		for (let i = 0; i < ACCOUNT_LOGIN.limit; i++)
			last = await fails(attemptLogin(user.email, 'guess!', `10.5.${net}.${i}`, new Date(t0.getTime() + i * 1000)));
		expect(ACCOUNT_LOGIN.limit).toBeGreaterThan(5);
		expect(last!.status).toBe(429);
		const fresh = await fails(attemptLogin(user.email, PASSWORD, `10.6.${net}.1`, new Date(t0.getTime() + 2 * MIN)));
		expect(fresh.status).toBe(429);
		const events = await db.auditEvent.findMany({ where: { action: 'login.account_locked', subjectId: user.id } });
		expect(events.map((e) => (e.data as { scope: string }).scope)).toEqual(['account']);
		expect((await attemptLogin(user.email, PASSWORD, `10.6.${net}.1`, new Date(t0.getTime() + 20 * MIN))).id).toBe(
			user.id
		);
	});
});
