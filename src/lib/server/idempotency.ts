// Idempotency keys: a form that creates something carries a hidden `idempotencyKey` (a random UUID rendered with the
// page), and the same key from the same person is applied once. A double click, a retried POST after a timeout or a
// resent form is answered as a success ("already saved") without creating a second row.
//
// Where the domain function can, it claims the key inside the transaction that makes the change (`claimOnce`): a
// concurrent repeat waits on the first one's row lock and then finds the key taken, and a change that fails rolls its
// claim back, so the corrected form can be sent again with the same key. Elsewhere `formAction` claims the key before
// the change (`reserveOnce`, insert … on conflict do nothing) and releases it when the change fails.
// Keys are kept 7 days (the sweeper deletes older ones).
import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { db, type Db } from './db';
import { DomainError } from './errors';
import { m } from '$lib/paraglide/messages';

export const IDEMPOTENCY_FIELD = 'idempotencyKey';
/** How long a key is remembered. */
export const KEY_DAYS = 7;
const KEY = /^[A-Za-z0-9_-]{16,100}$/;

/** One submission of one form by one person. */
export interface Once {
	userId: string;
	key: string;
	action: string;
}

/** A new key for a form rendered by a page load. */
export const newIdempotencyKey = () => randomUUID();

/** The form's action as stored with the key: the route and the action name ("/(app)/cpd?/add"). */
export function actionName(event: Pick<RequestEvent, 'route' | 'url'>) {
	const name = [...event.url.searchParams.keys()].find((k) => k.startsWith('/'))?.slice(1) || 'default';
	return `${event.route.id ?? event.url.pathname}?/${name}`.slice(0, 200);
}

/**
 * The submission's key when the form carries a well-formed one, else null (the form is then applied normally: a
 * malformed key is not an error, it only means no protection against a repeat).
 */
export function onceOf(userId: string, form: FormData, event: Pick<RequestEvent, 'route' | 'url'>): Once | null {
	const key = form.get(IDEMPOTENCY_FIELD);
	return typeof key === 'string' && KEY.test(key) ? { userId, key, action: actionName(event) } : null;
}

/** This form was already applied: the same person sent the same idempotency key before. */
export class AlreadyApplied extends DomainError {
	constructor() {
		super(m.idem_already_saved(), 409);
	}
}

async function insert(tx: Db, once: Once) {
	return tx.$executeRaw`insert into idempotency_keys (user_id, key, action) values (${once.userId}::uuid, ${once.key}, ${once.action}) on conflict do nothing`;
}

/** Inside the transaction that makes the change: claims the key, or throws AlreadyApplied (which rolls it back). */
export async function claimOnce(tx: Db, once: Once | null | undefined) {
	if (once && !(await insert(tx, once))) throw new AlreadyApplied();
}

/** Before a change that has no transaction of its own: true when this submission is the first with its key. */
export async function reserveOnce(once: Once) {
	return (await insert(db, once)) === 1;
}

/** Gives the key back after the change failed, so the corrected form can be sent again. */
export async function releaseOnce(once: Once) {
	await db.idempotencyKey.deleteMany({ where: { userId: once.userId, key: once.key } });
}

/** The sweeper's part: keys older than KEY_DAYS. */
export async function sweepKeys(now = new Date()) {
	return (
		await db.idempotencyKey.deleteMany({
			where: { createdAt: { lt: new Date(now.getTime() - KEY_DAYS * 86_400_000) } }
		})
	).count;
}
