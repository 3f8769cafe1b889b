// Issue 21, revocation inside the credential: each credential names a random entry of its issuer's status list; the
// list is a credential signed by the issuer, served publicly; revoking flips the bit, so a credential downloaded before
// fails a generic status check (the library's checkStatus) without a new download; Credo signs and serves nothing for
// a revoked certificate; the verify API answers one `valid` with its reasons.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStatus, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { db } from '../db';
import { credentialProvider } from '../../../../tests/helpers/credentials';
import { checkCredential, closeVerifyPool, credentialFor } from './credentials';
import { makeDocumentLoader, signCredential, verifySignedCredential, type SignedAchievementCredential } from './badges';
import { currentIssuerKey, issuerDocumentAt, issuerId, signingKeyOf } from './issuer-keys';
import { revokeCertificate } from './issuance';
import {
	STATUS_LIST_SIZE,
	parseStatusListUrl,
	signWithStatusEntry,
	statusListDocumentAt,
	statusListUrl
} from './status-list';
import { GET as statusListRoute } from '../../../routes/issuers/[slug]/status/[list]/+server';
import { POST as verifyRoute } from '../../../routes/api/v1/credentials/verify/+server';

const saved = { ...process.env };
beforeEach(() => {
	process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
});
afterEach(() => {
	for (const k of ['ORIGIN', 'PUBLIC_ISSUER_BASE']) {
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
	}
});
afterAll(() => closeVerifyPool());

/** The loader a verifier would use: contexts, the issuers' DID documents and the status lists, all local. */
const loader = makeDocumentLoader(async (url) => (await statusListDocumentAt(url)) ?? issuerDocumentAt(url));
const suite = () => new DataIntegrityProof({ cryptosuite });

/** The generic check: the library's checkStatus, the list's own proof verified. */
async function statusOf(credential: object) {
	const r = await checkStatus({ credential, documentLoader: loader, suite: suite() });
	if (!r.verified) throw new Error(`status not checked: ${r.error?.message}`);
	return r.results![0].status;
}

const provider = credentialProvider;

const entryOf = (id: string) =>
	db.certificate.findUniqueOrThrow({ where: { id }, select: { statusListId: true, statusListIndex: true } });

let ip = 0;
async function postVerify(credential: unknown) {
	const request = new Request('http://credo.test/api/v1/credentials/verify', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(credential)
	});
	const address = `203.0.113.${++ip % 250}-${randomUUID()}`;
	const r = await verifyRoute({ request, getClientAddress: () => address } as unknown as Parameters<
		typeof verifyRoute
	>[0]);
	return { status: r.status, body: await r.json() };
}

async function getList(slug: string, list: string) {
	const event = { params: { slug, list } } as unknown as Parameters<typeof statusListRoute>[0];
	return statusListRoute(event);
}

describe('the credential names its entry in its issuer’s status list', () => {
	it('a random index of list 1, stored on the certificate; the entry is the spec’s BitstringStatusListEntry', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const credential = await credentialFor(cert.id);
		const entry = await entryOf(cert.id);
		const list = await db.statusList.findUniqueOrThrow({ where: { id: entry.statusListId! } });
		expect(list).toMatchObject({ organisationId: p.org.id, number: 1, size: STATUS_LIST_SIZE });
		expect(STATUS_LIST_SIZE).toBeGreaterThanOrEqual(131_072);
		const url = `https://credo.example.org/issuers/${p.org.slug}/status/1`;
		expect(credential.credentialStatus).toEqual({
			id: `${url}#${entry.statusListIndex}`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: String(entry.statusListIndex),
			statusListCredential: url
		});
		expect(parseStatusListUrl(url)).toEqual({ slug: p.org.slug, number: 1 });
		// the stored credential is the one served, and the signature covers the entry
		expect((await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).credential).toEqual(credential);
		expect(await verifySignedCredential(credential, loader)).toEqual({ verified: true });
		const moved = structuredClone(credential);
		moved.credentialStatus!.statusListIndex = String((entry.statusListIndex! + 1) % STATUS_LIST_SIZE);
		expect((await verifySignedCredential(moved, loader)).verified).toBe(false);
	});

	it('indexes are spread at random, not handed out in order', async () => {
		const p = await provider();
		const indexes: number[] = [];
		for (let i = 0; i < 4; i++) {
			await credentialFor((await p.certificate()).id);
		}
		for (const c of await db.certificate.findMany({ where: { programmeId: p.programme.id } }))
			indexes.push(c.statusListIndex!);
		expect(new Set(indexes).size).toBe(4);
		// four indexes in order (0,1,2,3 or any run) would be a counter, not a random draw
		const sorted = [...indexes].sort((a, b) => a - b);
		expect(sorted[3] - sorted[0]).toBeGreaterThan(3);
	});

	it('a credential signed again (under a new issuer id) keeps its entry', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const first = await credentialFor(cert.id);
		const entry = await entryOf(cert.id);
		// as if signed before did:web: stored under the legacy https issuer id, which credentialFor signs again
		const legacy = { ...first, issuer: { ...first.issuer, id: `https://credo.example.org/issuers/${p.org.slug}` } };
		await db.certificate.update({ where: { id: cert.id }, data: { credential: JSON.parse(JSON.stringify(legacy)) } });
		const again = await credentialFor(cert.id);
		expect(again.issuer.id).toBe(issuerId(p.org.slug));
		const stored = (await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).credential;
		expect((stored as { issuer: { id: string } }).issuer.id).toBe(issuerId(p.org.slug)); // the legacy one replaced
		expect(await entryOf(cert.id)).toEqual(entry);
		expect(again.credentialStatus).toEqual(first.credentialStatus);
	});

	it('two signings at once take different indexes: the unique key decides, the loser takes another', async () => {
		const p = await provider();
		const [a, b] = [await p.certificate(), await p.certificate()];
		// both draw index 7 and both find it free before either stores: one store wins, the other retries
		let arrived = 0;
		let release!: () => void;
		const bothSigning = new Promise<void>((r) => (release = r));
		const key = await currentIssuerKey(p.org);
		const sign = async (certId: string, status: SignedAchievementCredential['credentialStatus']) => {
			if (++arrived === 2) release();
			await bothSigning;
			const unsigned = {
				'@context': ['https://www.w3.org/ns/credentials/v2'],
				id: `urn:uuid:${certId}`,
				type: ['VerifiableCredential'],
				issuer: { id: issuerId(p.org.slug) },
				credentialSubject: { id: `urn:uuid:${randomUUID()}` },
				credentialStatus: status
			};
			return signCredential(unsigned, signingKeyOf(key), loader);
		};
		const seven = () => 7;
		const signed = await Promise.all(
			[a, b].map((c) => signWithStatusEntry(c, p.org, (status) => sign(c.id, status), seven))
		);
		const entries = [await entryOf(a.id), await entryOf(b.id)];
		expect(entries.map((e) => e.statusListIndex).sort()).toEqual([7, 8]); // 8: the first free one after 7
		expect(entries[0].statusListId).toBe(entries[1].statusListId);
		expect(signed.map((s) => s.credentialStatus!.statusListIndex).sort()).toEqual(['7', '8']);

		// and through credentialFor with the real random source: two certificates at once, two entries
		const [c, d] = [await p.certificate(), await p.certificate()];
		const both = await Promise.all([credentialFor(c.id), credentialFor(d.id)]);
		expect(both[0].credentialStatus!.id).not.toBe(both[1].credentialStatus!.id);
		// the same certificate twice at once: one credential, one entry, the same answer to both
		const e = await p.certificate();
		const twice = await Promise.all([credentialFor(e.id), credentialFor(e.id)]);
		expect(twice[0]).toEqual(twice[1]);
		expect(twice[0].credentialStatus!.statusListIndex).toBe(String((await entryOf(e.id)).statusListIndex));
	});

	it('a full list: the next certificate takes an entry in list 2', async () => {
		const p = await provider();
		// list 1 made small for the test, its two entries taken
		const small = await db.statusList.create({ data: { organisationId: p.org.id, number: 1, size: 2 } });
		for (const index of [0, 1]) {
			const c = await p.certificate();
			await db.certificate.update({ where: { id: c.id }, data: { statusListId: small.id, statusListIndex: index } });
		}
		const credential = await credentialFor((await p.certificate()).id);
		expect(credential.credentialStatus!.statusListCredential).toBe(statusListUrl(p.org.slug, 2));
		const two = await db.statusList.findUniqueOrThrow({
			where: { organisationId_number: { organisationId: p.org.id, number: 2 } }
		});
		expect(two.size).toBe(STATUS_LIST_SIZE);
		expect(await statusOf(credential)).toBe(false);
	});
});

describe('revoking flips the bit', () => {
	it('passes the generic status check before revocation and fails it after, without a new download', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const bystander = await p.certificate();
		const credential = await credentialFor(cert.id); // downloaded once, kept by the holder
		const other = await credentialFor(bystander.id);
		expect(await statusOf(credential)).toBe(false);
		expect(await statusOf(other)).toBe(false);

		await revokeCertificate(p.admin, cert.id, 'Issued in error');

		expect(await statusOf(credential)).toBe(true); // the same credential: the list changed
		expect(await statusOf(other)).toBe(false); // only its bit
		expect(await verifySignedCredential(credential, loader)).toEqual({ verified: true }); // the signature still holds
	});

	it('a revocation dated ahead sets the bit from that day', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const credential = await credentialFor(cert.id);
		await revokeCertificate(p.admin, cert.id, 'Ends with the contract', '2999-01-01');
		expect(await statusOf(credential)).toBe(false);
		await db.certificate.update({ where: { id: cert.id }, data: { revokedOn: new Date('2020-01-01') } });
		expect(await statusOf(credential)).toBe(true);
	});

	it('Credo refuses to sign a new credential for a revoked certificate, or to serve the one it signed', async () => {
		const p = await provider();
		const never = await p.certificate();
		await revokeCertificate(p.admin, never.id, 'Issued in error');
		await expect(credentialFor(never.id)).rejects.toMatchObject({
			status: 409,
			message: expect.stringContaining('revoked')
		});
		expect(await db.certificate.findUniqueOrThrow({ where: { id: never.id } })).toMatchObject({
			credential: null,
			statusListId: null,
			statusListIndex: null
		});
		const downloaded = await p.certificate();
		await credentialFor(downloaded.id);
		await revokeCertificate(p.admin, downloaded.id, 'Issued in error');
		await expect(credentialFor(downloaded.id)).rejects.toMatchObject({ status: 409 });
	});
});

describe('the status list at /issuers/<slug>/status/<n>', () => {
	it('answers the list signed by the issuer, with CORS, as application/vc; unknown lists are 404', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const credential = await credentialFor(cert.id);
		await revokeCertificate(p.admin, cert.id, 'Issued in error');
		const r = await getList(p.org.slug, '1');
		expect(r.status).toBe(200);
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('content-type')).toBe('application/vc');
		const list = await r.json();
		expect(list).toMatchObject({
			'@context': ['https://www.w3.org/ns/credentials/v2'],
			id: statusListUrl(p.org.slug, 1),
			type: ['VerifiableCredential', 'BitstringStatusListCredential'],
			issuer: { id: issuerId(p.org.slug) },
			credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' }
		});
		// its proof verifies with the library stack, under the issuer's current key in its DID document
		expect(await verifySignedCredential(list, loader)).toEqual({ verified: true });
		expect(list.proof[0].verificationMethod).toBe((await currentIssuerKey(p.org)).keyId);
		const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
		expect(bits.length).toBe(STATUS_LIST_SIZE);
		expect(bits.getStatus(Number(credential.credentialStatus!.statusListIndex))).toBe(true);
		// a bit cleared by someone else fails the list's proof
		const cleared = structuredClone(list);
		const empty = await decodeList({ encodedList: list.credentialSubject.encodedList });
		empty.setStatus(Number(credential.credentialStatus!.statusListIndex), false);
		cleared.credentialSubject.encodedList = await empty.encode();
		expect((await verifySignedCredential(cleared, loader)).verified).toBe(false);

		for (const [slug, n] of [
			[p.org.slug, '2'],
			[p.org.slug, '0'],
			[p.org.slug, 'one'],
			[p.org.slug, '1.0'],
			['no-such-issuer', '1'],
			['a\u0000b', '1']
		])
			await expect(getList(slug, n)).rejects.toMatchObject({ status: 404 });
	});

	it('is signed again only when its state changes', async () => {
		const p = await provider();
		const cert = await p.certificate();
		await credentialFor(cert.id);
		const first = await (await getList(p.org.slug, '1')).json();
		const same = await (await getList(p.org.slug, '1')).json();
		expect(same).toEqual(first);
		await revokeCertificate(p.admin, cert.id, 'Issued in error');
		const after = await (await getList(p.org.slug, '1')).json();
		expect(after.credentialSubject.encodedList).not.toBe(first.credentialSubject.encodedList);
	});
});

describe('the verify API: one valid, with its reasons', () => {
	it('valid for a good credential; false with reason status once revoked (the signature still holds)', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const credential = await credentialFor(cert.id);
		const good = await postVerify(credential);
		expect(good).toMatchObject({
			status: 200,
			body: {
				valid: true,
				reasons: [],
				checks: {
					signature: { ok: true },
					status: { ok: true, method: 'list', revoked: false, list: statusListUrl(p.org.slug, 1) },
					expiry: { ok: true },
					issuer: { ok: true, id: issuerId(p.org.slug) }
				},
				verified: true,
				status: 'valid'
			}
		});

		await revokeCertificate(p.admin, cert.id, 'Issued in error');
		const revoked = await postVerify(credential);
		expect(revoked.body).toMatchObject({
			valid: false,
			reasons: ['status'],
			checks: { signature: { ok: true }, status: { ok: false, method: 'list', revoked: true } },
			verified: true,
			status: 'revoked'
		});
	});

	it('reason expiry for a credential past its validUntil; signature and issuer for a tampered one', async () => {
		const p = await provider();
		const old = await p.certificate({
			issuedAt: new Date('2024-01-10T09:00:00Z'),
			issuedOn: new Date('2024-01-10'),
			expiresOn: new Date('2025-01-10')
		});
		const expired = await credentialFor(old.id);
		expect(await checkCredential(expired)).toMatchObject({
			valid: false,
			reasons: ['expiry'],
			checks: { expiry: { ok: false, validUntil: '2025-01-10T23:59:59Z' } },
			status: 'expired'
		});

		const good = await credentialFor((await p.certificate()).id);
		const elsewhere = { ...good, issuer: { ...good.issuer, id: 'did:web:elsewhere.example:issuers:x' } };
		expect(await checkCredential(elsewhere)).toMatchObject({
			valid: false,
			reasons: ['signature', 'status', 'issuer'],
			verified: false
		});
	});

	it('a credential signed before status lists (no entry) takes its status from Credo’s record', async () => {
		const p = await provider();
		const cert = await p.certificate();
		const key = await currentIssuerKey(p.org);
		const withEntry = await credentialFor(cert.id);
		const { credentialStatus: _dropped, proof: _proof, ...rest } = withEntry;
		void _dropped;
		void _proof;
		const noEntry = await signCredential(rest, signingKeyOf(key), loader);
		expect(await checkCredential(noEntry)).toMatchObject({
			valid: true,
			checks: { status: { ok: true, method: 'record' } }
		});
		await revokeCertificate(p.admin, cert.id, 'Issued in error');
		expect(await checkCredential(noEntry)).toMatchObject({
			valid: false,
			reasons: ['status'],
			checks: { status: { ok: false, method: 'record', revoked: true } }
		});
	});
});
