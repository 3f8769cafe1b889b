// Issue 21: did:web issuers with keys that rotate. Credentials are checked by Credo's verifier (the worker pool) and
// by an independent one (tests/helpers/independent-verifier.ts) that resolves the DID through the did.json route.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { credentialProvider } from '../../../../tests/helpers/credentials';
import { didWebDocumentUrl, verifyIndependently } from '../../../../tests/helpers/independent-verifier';
import { checkCredential, closeVerifyPool, credentialFor } from './credentials';
import { currentIssuerKey, issuerDocumentAt, issuerId, legacyIssuerId, signingKeyOf } from './issuer-keys';
import { rotateIssuerKey, rotationCheck } from './key-rotation';
import { makeDocumentLoader, signCredential, type SignedAchievementCredential } from './badges';
import { GET as didJson, OPTIONS as didJsonOptions } from '../../../routes/issuers/[slug]/did.json/+server';
import { GET as profileRoute } from '../../../routes/issuers/[slug]/+server';

const BASE = 'https://credo.example.org';
const saved = process.env.PUBLIC_ISSUER_BASE;
beforeEach(() => {
	process.env.PUBLIC_ISSUER_BASE = BASE;
});
afterEach(() => {
	if (saved === undefined) delete process.env.PUBLIC_ISSUER_BASE;
	else process.env.PUBLIC_ISSUER_BASE = saved;
});
afterAll(() => closeVerifyPool());

type Handler = (event: never) => Promise<Response> | Response;
const call = (handler: Handler, slug: string) =>
	Promise.resolve(handler({ params: { slug } } as never)).catch((e: { status?: number }) => {
		if (e?.status) return new Response(null, { status: e.status });
		throw e;
	});

/** The local did:web resolver the independent verifier uses: the DID's https address, answered by the route. */
async function resolveDid(did: string) {
	const url = new URL(didWebDocumentUrl(did));
	const slug = /^\/issuers\/([^/]+)\/did\.json$/.exec(url.pathname)?.[1];
	if (url.origin !== BASE || !slug) return null;
	const r = await call(didJson as Handler, decodeURIComponent(slug));
	return r.ok ? ((await r.json()) as object) : null;
}
const independent = (c: object) => verifyIndependently(c as Record<string, unknown>, resolveDid);

const provider = credentialProvider;

function tamper(c: SignedAchievementCredential) {
	const t = structuredClone(c);
	t.credentialSubject.name = `${t.credentialSubject.name}x`;
	return t;
}

describe('did:web issuers', () => {
	it('signs as did:web:<host>:issuers:<slug>#key-1, and both verifiers accept it through the DID document', async () => {
		const p = await provider();
		const c = await credentialFor((await p.certificate()).id);
		expect(c.issuer.id).toBe(`did:web:credo.example.org:issuers:${p.org.slug}`);
		expect(c.issuer.id).toBe(issuerId(p.org.slug));
		expect(c.proof[0].verificationMethod).toBe(`${c.issuer.id}#key-1`);
		expect(await independent(c)).toMatchObject({ verified: true, verificationMethod: `${c.issuer.id}#key-1` });
		expect(await checkCredential(c)).toMatchObject({ verified: true, status: 'valid' });
		expect(await independent(tamper(c))).toMatchObject({ verified: false });
		expect(await checkCredential(tamper(c))).toMatchObject({ verified: false });
	});

	it('a rotation keeps the old key published: the old credential still verifies, new ones are signed with #key-2', async () => {
		const p = await provider();
		const before = await credentialFor((await p.certificate()).id);
		expect(await independent(before)).toMatchObject({ verified: true });

		const input = { organisationId: p.org.id, current: 1, reason: 'scheduled replacement' };
		expect(await rotationCheck(p.admin, input)).toMatchObject({ current: 1, next: 2, name: p.org.name });
		expect(await db.issuerKey.count({ where: { organisationId: p.org.id } })).toBe(1); // the check changes nothing
		const at = new Date('2026-03-01T10:00:00Z');
		expect(await rotateIssuerKey(p.admin, input, at)).toEqual({ name: p.org.name, number: 2 });

		const keys = await db.issuerKey.findMany({ where: { organisationId: p.org.id }, orderBy: { number: 'asc' } });
		expect(keys.map((k) => [k.number, k.retiredAt])).toEqual([
			[1, at],
			[2, null]
		]);
		expect((await currentIssuerKey(p.org)).keyId).toBe(`${issuerId(p.org.slug)}#key-2`);
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'issuer_key.rotated', subjectId: p.org.id }
		});
		expect(audit).toMatchObject({ actorId: p.admin.id, reason: 'scheduled replacement' });

		const doc = (await resolveDid(issuerId(p.org.slug))) as { assertionMethod: string[] };
		expect(doc.assertionMethod).toEqual([`${issuerId(p.org.slug)}#key-1`, `${issuerId(p.org.slug)}#key-2`]);
		expect(await independent(before)).toMatchObject({
			verified: true,
			verificationMethod: `${before.issuer.id}#key-1`
		});
		expect(await checkCredential(before)).toMatchObject({ verified: true });

		const after = await credentialFor((await p.certificate()).id);
		expect(after.proof[0].verificationMethod).toBe(`${after.issuer.id}#key-2`);
		expect(await independent(after)).toMatchObject({ verified: true, verificationMethod: `${after.issuer.id}#key-2` });
		expect(await checkCredential(after)).toMatchObject({ verified: true, status: 'valid' });
		expect(await independent(tamper(after))).toMatchObject({ verified: false });
		// a key-2 proof on a credential claiming key 1 fails: each key verifies only its own signatures
		const swapped = structuredClone(after);
		swapped.proof[0].verificationMethod = `${after.issuer.id}#key-1`;
		expect(await independent(swapped)).toMatchObject({ verified: false });
		expect(await checkCredential(swapped)).toMatchObject({ verified: false });
	});

	it('a second confirm (or a colleague’s rotation meanwhile) and a person of another provider change nothing', async () => {
		const p = await provider();
		await currentIssuerKey(p.org);
		const input = { organisationId: p.org.id, current: 1, reason: 'suspected exposure' };
		await rotateIssuerKey(p.admin, input);
		await expect(rotateIssuerKey(p.admin, input)).rejects.toMatchObject({ status: 409 });
		const other = await provider();
		await expect(rotateIssuerKey(other.admin, { ...input, current: 2 })).rejects.toMatchObject({
			fields: { organisationId: expect.any(String) }
		});
		expect(await db.issuerKey.count({ where: { organisationId: p.org.id } })).toBe(2);
		expect(await db.auditEvent.count({ where: { action: 'issuer_key.rotated', subjectId: p.org.id } })).toBe(1);
		const none = await provider(); // no key yet: nothing to replace
		await expect(rotationCheck(none.admin, { ...input, organisationId: none.org.id })).rejects.toMatchObject({
			status: 409
		});
	});

	it('a credential stored under the pre-did:web https id keeps verifying, and is re-signed under the DID on the next download', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const first = await credentialFor(cert.id); // makes key 1
		// the same credential as Credo signed it before did:web: issuer <base>/issuers/<slug>, key …#key-1
		const legacyId = legacyIssuerId(p.org.slug);
		const key = signingKeyOf(await currentIssuerKey(p.org));
		const { proof: _, ...unsigned } = first;
		const legacy = await signCredential(
			{ ...unsigned, issuer: { ...unsigned.issuer, id: legacyId } },
			{ ...key, id: `${legacyId}#key-1`, controller: legacyId },
			makeDocumentLoader(issuerDocumentAt)
		);
		await db.certificate.update({ where: { id: cert.id }, data: { credential: legacy as never } });
		expect(await checkCredential(legacy)).toMatchObject({ verified: true, status: 'valid' });
		expect(await independent(legacy)).toMatchObject({ verified: false }); // an https issuer is no DID to resolve

		const resigned = await credentialFor(cert.id);
		expect(resigned.issuer.id).toBe(issuerId(p.org.slug));
		expect(await independent(resigned)).toMatchObject({ verified: true });
		const stored = await db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
		expect((stored.credential as { issuer: { id: string } }).issuer.id).toBe(issuerId(p.org.slug));
		expect(await credentialFor(cert.id)).toEqual(resigned); // stored: not signed again
		expect(await checkCredential(legacy)).toMatchObject({ verified: true }); // the old one, kept by its holder
	});
});

describe('the DID document route', () => {
	it('answers the DID document with CORS, and the profile keeps name and url; an unknown slug is a 404', async () => {
		const p = await provider();
		await currentIssuerKey(p.org);
		const r = await call(didJson as Handler, p.org.slug);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/did+ld+json');
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		const doc = await r.json();
		expect(doc).toMatchObject({
			'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
			id: issuerId(p.org.slug),
			verificationMethod: [{ id: `${issuerId(p.org.slug)}#key-1`, type: 'Multikey', controller: issuerId(p.org.slug) }],
			assertionMethod: [`${issuerId(p.org.slug)}#key-1`]
		});
		expect(doc.verificationMethod[0].publicKeyMultibase).toMatch(/^z6Mk/);
		expect(JSON.stringify(doc)).not.toMatch(/secret|sealed/i);
		const pre = await call(didJsonOptions as Handler, p.org.slug);
		expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
		const profile = await call(profileRoute as Handler, p.org.slug);
		expect(profile.headers.get('access-control-allow-origin')).toBe('*');
		expect(await profile.json()).toMatchObject({ id: legacyIssuerId(p.org.slug), name: p.org.name, url: BASE });
		expect((await call(didJson as Handler, `no-such-${randomUUID()}`)).status).toBe(404);
		expect((await call(didJson as Handler, 'a\u0000b')).status).toBe(404);
	});
});
