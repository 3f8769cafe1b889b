// A notice reaches a person twice: in the in-app inbox and by mail (through the outbox).
import type { Db } from '../db';
import { db } from '../db';
import { enqueueMail } from '../mail/outbox';

export interface Notice {
	kind: string;
	title: string;
	body: string;
	link?: string;
}

export async function notify(tx: Db, user: { id: string; email: string }, notice: Notice, origin: string) {
	await tx.notification.create({ data: { userId: user.id, ...notice } });
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
