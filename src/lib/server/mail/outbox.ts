// Mail goes through the outbox table, written in the same transaction as the change that causes it, and is
// delivered after commit: as files under MAIL_DIR (default .data/mail) in development and tests, or over SMTP
// (nodemailer) when SMTP_URL is set. Undelivered messages are retried by the sweeper.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import nodemailer, { type Transporter } from 'nodemailer';
import { db, type Db } from '../db';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	kind: string;
}

/** The messages queued while a form action runs (see collectMail), so the action delivers them before answering. */
const queued = new AsyncLocalStorage<string[]>();

export async function enqueueMail(tx: Db, mail: Mail): Promise<string> {
	const row = await tx.outboxMessage.create({ data: mail, select: { id: true } });
	queued.getStore()?.push(row.id);
	return row.id;
}

/**
 * Runs `work`, adding the id of every message it queues to `into` (also when it throws, e.g. a redirect after
 * sending). An id from a transaction that rolled back names no row, so delivering it sends nothing.
 */
export function collectMail<T>(into: string[], work: () => Promise<T>): Promise<T> {
	return queued.run(into, work);
}

/** Delivers the given messages before an answer, so links in them work at once; failures stay queued for a retry. */
export async function deliverNow(mailIds: string[]) {
	if (mailIds.length) await flushOutbox(mailIds).catch((e) => console.error('mail delivery failed', e));
}

let transport: Transporter | null = null;
const FROM = process.env.MAIL_FROM ?? 'Credo <no-reply@credo.local>';

async function deliver(msg: { id: string; to: string; subject: string; text: string; createdAt: Date }) {
	if (process.env.SMTP_URL) {
		transport ??= nodemailer.createTransport(process.env.SMTP_URL);
		await transport.sendMail({ from: FROM, to: msg.to, subject: msg.subject, text: msg.text });
		return;
	}
	const dir = path.resolve(process.env.MAIL_DIR ?? '.data/mail');
	await fs.mkdir(dir, { recursive: true });
	const name = `${msg.createdAt.toISOString().replace(/[:.]/g, '-')}-${msg.id}.eml`;
	const body = `From: ${FROM}\nTo: ${msg.to}\nSubject: ${msg.subject}\nDate: ${msg.createdAt.toUTCString()}\n\n${msg.text}\n`;
	await fs.writeFile(path.join(dir, name), body);
}

/** Delivers the given messages (or every pending one); failures stay pending with their error for a retry. */
export async function flushOutbox(ids?: string[]): Promise<number> {
	const pending = await db.outboxMessage.findMany({
		where: { sentAt: null, attempts: { lt: 10 }, ...(ids ? { id: { in: ids } } : {}) },
		orderBy: { createdAt: 'asc' },
		take: 100
	});
	let sent = 0;
	for (const msg of pending) {
		try {
			await deliver(msg);
			await db.outboxMessage.update({
				where: { id: msg.id },
				data: { sentAt: new Date(), attempts: { increment: 1 } }
			});
			sent++;
		} catch (e) {
			const lastError = e instanceof Error ? e.message : String(e);
			await db.outboxMessage.update({ where: { id: msg.id }, data: { attempts: { increment: 1 }, lastError } });
		}
	}
	return sent;
}
