// What the admin pages read: people, organisations and the audit trail.
import { db } from '../db';

const PAGE = 50;

export async function searchUsers(query: string, page: number) {
	// a NUL cannot be compared by PostgreSQL and is in no name or address: it is dropped (found by fuzzing)
	const q = query.replaceAll('\u0000', '').trim().slice(0, 100);
	const where = q
		? {
				OR: [
					{ email: { contains: q, mode: 'insensitive' as const } },
					{ name: { contains: q, mode: 'insensitive' as const } }
				]
			}
		: {};
	const [users, total] = await Promise.all([
		db.user.findMany({
			where,
			orderBy: { createdAt: 'desc' },
			skip: (page - 1) * PAGE,
			take: PAGE,
			select: { id: true, name: true, email: true, emailVerifiedAt: true, memberships: { select: { role: true } } }
		}),
		db.user.count({ where })
	]);
	return { users, total, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

export function userDetail(id: string) {
	return db.user.findUnique({
		where: { id },
		select: {
			id: true,
			name: true,
			email: true,
			emailVerifiedAt: true,
			createdAt: true,
			erasedAt: true,
			memberships: {
				orderBy: { createdAt: 'asc' },
				select: {
					id: true,
					role: true,
					createdAt: true,
					organisation: { select: { name: true } },
					jurisdiction: { select: { name: true } }
				}
			}
		}
	});
}

export function organisations() {
	return db.organisation.findMany({
		orderBy: [{ type: 'asc' }, { name: 'asc' }],
		select: {
			id: true,
			name: true,
			slug: true,
			type: true,
			jurisdiction: { select: { name: true } },
			area: { select: { name: true } },
			_count: { select: { memberships: true } }
		}
	});
}

export async function counts() {
	const [users, organisations, workers, jurisdictions] = await Promise.all([
		db.user.count(),
		db.organisation.count(),
		db.workerProfile.count(),
		db.jurisdiction.count()
	]);
	return { users, organisations, workers, jurisdictions };
}
