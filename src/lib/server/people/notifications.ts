// A notice reaches a person twice: in the in-app inbox and by mail (through the outbox).
import type { Db } from '../db';
import { db } from '../db';
import { enqueueMail } from '../mail/outbox';
import { asLocale } from '$lib/labels';

export interface Notice {
	kind: string;
	title: string;
	body: string;
	link?: string;
}

/**
 * A notice to `user`, written in the recipient's own language (every caller builds the title and body with
 * `{ locale: asLocale(user.locale) }`); the notice keeps that language, so that the inbox marks it as such when the
 * person has since switched language.
 */
export async function notify(
	tx: Db,
	user: { id: string; email: string; locale?: string | null },
	notice: Notice,
	origin: string
) {
	const locale =
		user.locale !== undefined
			? user.locale
			: (await tx.user.findUnique({ where: { id: user.id }, select: { locale: true } }))?.locale;
	await tx.notification.create({ data: { userId: user.id, ...notice, locale: asLocale(locale) } });
	const link = notice.link ? `\n\n${origin}${notice.link}` : '';
	return enqueueMail(tx, { to: user.email, subject: notice.title, text: `${notice.body}${link}`, kind: notice.kind });
}

export function inbox(userId: string) {
	return db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 100 });
}

export function unreadCount(userId: string) {
	return db.notification.count({ where: { userId, readAt: null } });
}

export async function markAllRead(userId: string) {
	await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
