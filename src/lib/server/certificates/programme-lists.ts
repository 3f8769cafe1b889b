// What the provider's programme pages list: the programmes of their organisations, and one programme's events and
// certificates (the latest 50 of them, with the total).
import { db } from '../db';

/** The programmes of these provider organisations: current ones first, then archived, each by title. */
export function providerProgrammes(providerIds: string[]) {
	return db.programme.findMany({
		where: { providerId: { in: providerIds } },
		include: { provider: { select: { name: true } }, _count: { select: { certificates: true, events: true } } },
		orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { title: 'asc' }]
	});
}

/** A programme's events (latest first, with their participant counts) and its latest certificates. */
export async function programmeActivity(programmeId: string) {
	const [events, certificates, certificateCount] = await Promise.all([
		db.trainingEvent.findMany({
			where: { programmeId },
			orderBy: { startsOn: 'desc' },
			include: { _count: { select: { participants: true } } }
		}),
		db.certificate.findMany({
			where: { programmeId },
			orderBy: { issuedAt: 'desc' },
			take: 50,
			select: { id: true, holderName: true, issuedOn: true, expiresOn: true, revokedAt: true }
		}),
		db.certificate.count({ where: { programmeId } })
	]);
	return { events, certificates, certificateCount };
}
