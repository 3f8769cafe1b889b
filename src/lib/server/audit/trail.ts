// The audit trail as an administrator reads it: who (the actor's name), what (the action), when, on which record;
// filtered by person (a part of the actor's name or address), action and a range of days, a page at a time.
import { addDays, type CalendarDay } from '$lib/calendar-day';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
	/** a part of the actor's name or e-mail address (accents and case as typed; case ignored) */
	person?: string;
	action?: string;
	/** first and last day (UTC), both included */
	from?: CalendarDay;
	to?: CalendarDay;
	/** 1-based */
	page?: number;
}

/** The records a subject type has a page for (the global administrator's), by subject id. */
const SUBJECT_PAGE: Partial<Record<string, (id: string) => string>> = {
	user: (id) => `/admin/users/${id}`,
	worker: (id) => `/workers/${id}`
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function subjectHref(subjectType: string, subjectId: string | null): string | null {
	const page = SUBJECT_PAGE[subjectType];
	return page && subjectId && UUID.test(subjectId) ? page(subjectId) : null;
}

/** One page of the trail, newest first, with the actors' names and the number of matching events. */
export async function auditTrail(filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
	const where: Prisma.AuditEventWhereInput = {};
	const person = filter.person?.trim();
	if (person) {
		const actors = await db.user.findMany({
			where: {
				OR: [{ name: { contains: person, mode: 'insensitive' } }, { email: { contains: person, mode: 'insensitive' } }]
			},
			select: { id: true },
			take: 500
		});
		where.actorId = { in: actors.map((a) => a.id) };
	}
	if (filter.action) where.action = filter.action;
	if (filter.from || filter.to)
		where.at = {
			...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
			...(filter.to ? { lt: new Date(`${addDays(filter.to, 1)}T00:00:00Z`) } : {})
		};
	const total = await db.auditEvent.count({ where });
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, filter.page ?? 1), pages);
	const events = await db.auditEvent.findMany({
		where,
		orderBy: { id: 'desc' },
		skip: (page - 1) * pageSize,
		take: pageSize
	});
	const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
	const names = new Map(
		(await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [
			u.id,
			u
		])
	);
	return {
		total,
		page,
		pages,
		events: events.map((e) => ({
			id: e.id.toString(),
			at: e.at,
			actor: e.actorId ? (names.get(e.actorId) ?? { id: e.actorId, name: null, email: null }) : null,
			action: e.action,
			subjectType: e.subjectType,
			subjectId: e.subjectId,
			subjectHref: subjectHref(e.subjectType, e.subjectId),
			reason: e.reason,
			data: e.data === null ? '' : JSON.stringify(e.data)
		}))
	};
}
