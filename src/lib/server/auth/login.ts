// Logging in, with throttling stored in the database: 5 failures per account in 15 minutes lock that account for
// 15 minutes; a looser per-address limit stops one machine guessing many accounts without locking out an office.
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import { verifyPassword } from './password';
import { ACCOUNT_LOGIN, IP_LOGIN, clear, hit, lockedUntil } from './rate-limit';
import { m } from '$lib/paraglide/messages';

function lockedMessage(until: Date, now: Date) {
	const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
	return new DomainError(m.login_locked({ minutes }), 429);
}

export async function attemptLogin(email: string, password: string, ip: string, now = new Date()) {
	const accountKey = `login:account:${email}`;
	const ipKey = `login:ip:${ip}`;
	const locked = (await lockedUntil(accountKey, now)) ?? (await lockedUntil(ipKey, now));
	if (locked) throw lockedMessage(locked, now);

	const user = await db.user.findUnique({ where: { email } });
	const ok = await verifyPassword(user?.passwordHash ?? null, password);
	if (ok && user && !user.disabledAt) {
		await clear(accountKey);
		return user;
	}
	const [accountLock, ipLock] = await Promise.all([hit(accountKey, ACCOUNT_LOGIN, now), hit(ipKey, IP_LOGIN, now)]);
	const lock = accountLock ?? ipLock;
	if (lock) {
		await audit(db, {
			action: accountLock ? 'login.account_locked' : 'login.ip_locked',
			subjectType: accountLock ? 'user' : 'ip',
			subjectId: accountLock ? (user?.id ?? null) : ip,
			ip,
			data: { email, until: lock.toISOString() }
		});
		throw lockedMessage(lock, now);
	}
	throw new DomainError(m.login_wrong(), 400);
}
