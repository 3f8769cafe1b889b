// Lock events keep a keyed hash of the typed address, never the address (issue 15, item 13), and the one-off rewrite
// that migrate runs as the owner turns old events into the same form.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { addressHash, addressKey } from './address-hash';
import { attemptLogin } from '../auth/login';
import { hashLoggedAddresses } from '../../../../scripts/lib/audit-addresses';
import { makeUser, uniqueEmail } from '../../../../tests/helpers/db';

describe('addresses in the audit log', () => {
	it('is a keyed hash: the same for the same address however typed, different under another key', () => {
		const k1 = addressKey('one secret');
		const k2 = addressKey('another secret');
		expect(addressHash('Ama@Example.org ', k1)).toBe(addressHash('ama@example.org', k1));
		expect(addressHash('ama@example.org', k1)).toMatch(/^[0-9a-f]{64}$/);
		expect(addressHash('ama@example.org', k1)).not.toBe(addressHash('ama@example.org', k2));
		expect(addressHash('ama@example.org', k1)).not.toBe(addressHash('kofi@example.org', k1));
	});

	it('a login lock event stores the keyed hash of the typed address, not the address', async () => {
		const user = await makeUser();
		const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
		for (let i = 0; i < 30; i++) {
			const e = await attemptLogin(user.email, 'wrong password', ip).catch((e) => e);
			if ((e as { status?: number }).status === 429) break;
		}
		const events = await db.auditEvent.findMany({ where: { action: 'login.account_locked', subjectId: user.id } });
		expect(events.length).toBeGreaterThan(0);
		for (const e of events) {
			expect(e.data).toMatchObject({ emailHash: addressHash(user.email) });
			expect(JSON.stringify(e.data)).not.toContain(user.email);
			expect(JSON.stringify(e.data)).not.toContain(user.email.split('@')[0]);
		}
	});

	it('migrate rewrites the address of old lock events into its hash, logs that it did, and the log stays append-only', async () => {
		const typed = uniqueEmail('old-lock');
		const old = await db.auditEvent.create({
			data: {
				action: 'login.account_locked',
				subjectType: 'user',
				ip: '203.0.113.9',
				data: { email: typed, until: '2026-01-01T00:15:00.000Z' }
			}
		});
		const other = await db.auditEvent.create({
			data: { action: 'user.password_changed', subjectType: 'user', data: { email: typed } }
		});
		expect(await hashLoggedAddresses(process.env.DATABASE_URL!)).toBeGreaterThanOrEqual(1);
		const after = await db.auditEvent.findUniqueOrThrow({ where: { id: old.id } });
		expect(after.data).toEqual({ emailHash: addressHash(typed), until: '2026-01-01T00:15:00.000Z' });
		expect(after.ip).toBe('203.0.113.9');
		// only lock events are rewritten
		expect((await db.auditEvent.findUniqueOrThrow({ where: { id: other.id } })).data).toEqual({ email: typed });
		const logged = await db.auditEvent.findFirst({
			where: { action: 'audit.addresses_hashed' },
			orderBy: { id: 'desc' }
		});
		expect(logged?.data).toMatchObject({ count: expect.any(Number) });
		// the trigger is back: even the owner cannot change an event
		await expect(db.$executeRaw`update audit_events set reason = 'x' where id = ${old.id}`).rejects.toThrow(
			/append-only/
		);
		// run again: nothing left to do
		expect(await hashLoggedAddresses(process.env.DATABASE_URL!)).toBe(0);
	});
});
