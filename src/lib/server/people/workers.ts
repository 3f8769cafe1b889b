// Worker profiles: one person, one record. The identity key for imports and claims is
// (jurisdiction, national worker id) or (jurisdiction, licence number), unique in worker_identifiers.
import { db, type Db } from '../db';
import { FieldError } from '../errors';
import { m } from '$lib/paraglide/messages';

/** Imports keep an address as the HR file spelt it; accounts store it lower-case. */
const sameAddress = (email: string) => ({ equals: email, mode: 'insensitive' as const });

interface NewWorker {
	givenName: string;
	familyName: string;
	nationalWorkerId?: string;
}

/**
 * An imported, not yet linked profile this registration will claim: the typed national worker id (when given)
 * and the email recorded on the profile must both match. A worker id that belongs to someone else is refused.
 */
export async function findClaimableWorker(jurisdictionId: string, email: string, nationalWorkerId?: string) {
	if (nationalWorkerId) {
		const id = await db.workerIdentifier.findUnique({
			where: { jurisdictionId_kind_value: { jurisdictionId, kind: 'NATIONAL_WORKER_ID', value: nationalWorkerId } },
			include: { worker: true }
		});
		if (!id) return null;
		if (id.worker.userId || id.worker.email?.toLowerCase() !== email) {
			throw new FieldError('nationalWorkerId', m.register_worker_id_taken());
		}
		return id.worker;
	}
	return db.workerProfile.findFirst({ where: { jurisdictionId, userId: null, email: sameAddress(email) } });
}

/** Links the user's unclaimed profile (same jurisdiction and email) or creates one; a no-op if already linked. */
export async function linkOrCreateWorker(
	tx: Db,
	user: { id: string; email: string; name: string },
	jurisdictionId: string,
	input: NewWorker | null
) {
	if (await tx.workerProfile.findUnique({ where: { userId: user.id }, select: { id: true } })) return;
	const unclaimed = await tx.workerProfile.findMany({
		where: { jurisdictionId, userId: null, email: sameAddress(user.email) },
		take: 2
	});
	if (unclaimed.length === 1) {
		await tx.workerProfile.update({ where: { id: unclaimed[0].id }, data: { userId: user.id } });
		await giveCertificatesToAccount(tx, unclaimed[0].id, user.id);
		return;
	}
	const [givenName, ...rest] = user.name.split(' ');
	const worker = await tx.workerProfile.create({
		data: {
			jurisdictionId,
			userId: user.id,
			email: user.email,
			givenName: input?.givenName ?? givenName,
			familyName: input?.familyName ?? (rest.join(' ') || givenName)
		}
	});
	if (input?.nationalWorkerId) {
		await tx.workerIdentifier.create({
			data: { workerProfileId: worker.id, jurisdictionId, kind: 'NATIONAL_WORKER_ID', value: input.nationalWorkerId }
		});
	}
}

/**
 * A worker record linked to an account: the certificates recorded for the record before the person had one (imported
 * from a provider's records) become theirs to see and download. The worker record stays what the indicators count.
 */
export async function giveCertificatesToAccount(tx: Db, workerId: string, userId: string) {
	await tx.certificate.updateMany({ where: { workerId, userId: null }, data: { userId } });
}
