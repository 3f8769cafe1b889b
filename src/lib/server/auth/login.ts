// Logging in, with throttling stored in the database: 5 failures for one account from one client address in 15
// minutes pause that pair for 15 minutes, so a stranger cannot lock the owner out; a looser ceiling per account (all
// addresses together) stops guessing from many machines, and a looser per-address limit stops one machine guessing
// many accounts without locking out an office.
import { db } from '../db';
import { audit } from '../audit/audit';
import { addressHash } from '../audit/address-hash';
import { DomainError } from '../errors';
import { verifyPassword } from './password';
import { ACCOUNT_CLIENT_LOGIN, ACCOUNT_LOGIN, IP_LOGIN, clear, hit, lockedUntil } from './rate-limit';
import { m } from '$lib/paraglide/messages';

function lockedMessage(until: Date, now: Date) {
	const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
	return new DomainError(m.login_locked({ minutes }), 429);
}

export async function attemptLogin(email: string, password: string, ip: string, now = new Date()) {
	const pairKey = `login:account-ip:${ip}:${email}`;
	const accountKey = `login:account:${email}`;
	const ipKey = `login:ip:${ip}`;
	const locked =
		(await lockedUntil(pairKey, now)) ?? (await lockedUntil(accountKey, now)) ?? (await lockedUntil(ipKey, now));
	if (locked) throw lockedMessage(locked, now);

	const user = await db.user.findUnique({ where: { email } });
	const ok = await verifyPassword(user?.passwordHash ?? null, password);
	if (ok && user && !user.disabledAt) {
		await clear(pairKey); // the ceiling is not cleared: the owner's success must not reset a distributed guess
		return user;
	}
	const [pairLock, accountLock, ipLock] = await Promise.all([
		hit(pairKey, ACCOUNT_CLIENT_LOGIN, now),
		hit(accountKey, ACCOUNT_LOGIN, now),
		hit(ipKey, IP_LOGIN, now)
	]);
	const lock = accountLock ?? pairLock ?? ipLock;
	const scope = accountLock ? 'account' : pairLock ? 'client' : 'ip';
	if (lock) {
		await audit(db, {
			action: scope === 'ip' ? 'login.ip_locked' : 'login.account_locked',
			subjectType: scope === 'ip' ? 'ip' : 'user',
			subjectId: scope === 'ip' ? ip : (user?.id ?? null),
			ip,
			// scope: 'client' = this account from this address, 'account' = this account from everywhere
			// the keyed hash of the typed address, never the address itself (erasure could not find it here)
			data: { emailHash: addressHash(email), until: lock.toISOString(), scope }
		});
		throw lockedMessage(lock, now);
	}
	throw new DomainError(m.login_wrong(), 400);
}
