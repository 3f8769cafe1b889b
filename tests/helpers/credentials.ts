// A provider that issues certificates, for the tests of signed credentials (keys, status lists, verification).
import { randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db';
import { newVerificationCode } from '../../src/lib/server/certificates/code';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from './db';

/** A provider with one programme and its administrator; `certificate()` issues another certificate of it to a new
 *  worker (issued 15 January 2026 unless the dates say otherwise). */
export async function credentialProvider() {
	const j = await makeJurisdiction();
	const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: org.id }])).id);
	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: org.id,
			code: `P-${randomUUID().slice(0, 6)}`,
			title: 'Case management',
			createdById: admin.id
		}
	});
	let sequence = 0;
	const certificate = async (dates: { issuedAt?: Date; issuedOn?: Date; expiresOn?: Date } = {}) => {
		const worker = await db.workerProfile.create({
			data: { jurisdictionId: j.id, givenName: 'Ama', familyName: `Mensah ${randomUUID().slice(0, 4)}` }
		});
		return db.certificate.create({
			data: {
				jurisdictionId: j.id,
				programmeId: programme.id,
				workerId: worker.id,
				holderName: `Ama ${worker.familyName}`,
				sequence: ++sequence,
				code: newVerificationCode(),
				issuedOn: dates.issuedOn ?? new Date('2026-01-15'),
				issuedAt: dates.issuedAt,
				expiresOn: dates.expiresOn,
				evidence: {}
			}
		});
	};
	return { j, org, admin, programme, certificate };
}
