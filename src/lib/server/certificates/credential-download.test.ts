// Issue 21: the holder's download of a certificate's credential is served as `application/vc` (the VC 2.0 media type
// of a credential secured with an embedded proof), still named credential-<code>.json.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it, vi } from 'vitest';
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { newVerificationCode } from './code';
import { closeVerifyPool } from './credentials';

// the guards read the signed-in person from the request: here, whoever the test puts in `signedIn`
let signedIn: SessionUser | null = null;
vi.mock('$app/server', () => ({
	getRequestEvent: () => ({ locals: { user: signedIn }, url: new URL('http://credo.test/certificates') })
}));
const { GET } = await import('../../../routes/(app)/certificates/[certificate=uuid]/credential.json/+server');
const savedBase = process.env.PUBLIC_ISSUER_BASE;
afterAll(async () => {
	if (savedBase === undefined) delete process.env.PUBLIC_ISSUER_BASE;
	else process.env.PUBLIC_ISSUER_BASE = savedBase;
	await closeVerifyPool();
});

it('serves the holder their credential as application/vc, as a .json download', async () => {
	process.env.PUBLIC_ISSUER_BASE ??= 'https://credo.example.org';
	const j = await makeJurisdiction();
	const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const holder = await makeUser();
	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: org.id,
			code: `P-${randomUUID().slice(0, 6)}`,
			title: 'Case management',
			createdById: holder.id
		}
	});
	const worker = await db.workerProfile.create({
		data: { jurisdictionId: j.id, userId: holder.id, givenName: 'Ama', familyName: 'Mensah' }
	});
	const c = await db.certificate.create({
		data: {
			jurisdictionId: j.id,
			programmeId: programme.id,
			userId: holder.id,
			workerId: worker.id,
			holderName: 'Ama Mensah',
			sequence: 1,
			code: newVerificationCode(),
			issuedOn: new Date('2026-01-15'),
			evidence: {}
		}
	});
	signedIn = await sessionUserOf(holder.id);
	const r = await GET({ params: { certificate: c.id } } as unknown as Parameters<typeof GET>[0]);
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toBe('application/vc');
	expect(r.headers.get('content-disposition')).toBe(`attachment; filename="credential-${c.code}.json"`);
	const body = await r.json();
	expect(body.type).toContain('OpenBadgeCredential');
	expect(body.credentialSubject.achievement.achievementType).toBe('Certificate');
}, 30_000);
