// did:web names (pure), and the independent verifier of tests/helpers checked against the W3C eddsa-rdfc-2022 vector.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { didDocument, didDocumentUrl, didWebOf, issuerDidOf, slugOfIssuerDid } from './did-web';
import {
	canonicalNQuads,
	didWebDocumentUrl,
	verifyIndependently
} from '../../../../tests/helpers/independent-verifier';

describe('did:web names', () => {
	it('a host, a port (percent-encoded) and a path (colon-separated) become the DID as the method spec says', () => {
		expect(didWebOf('https://credo.example.org')).toBe('did:web:credo.example.org');
		expect(didWebOf('https://credo.example.org/')).toBe('did:web:credo.example.org');
		expect(didWebOf('https://gov.example:8443/credo/')).toBe('did:web:gov.example%3A8443:credo');
		expect(issuerDidOf('https://gov.example:8443/a/b', 'acme-training')).toBe(
			'did:web:gov.example%3A8443:a:b:issuers:acme-training'
		);
		expect(issuerDidOf('https://x.example', 'é x')).toBe('did:web:x.example:issuers:%C3%A9%20x');
	});

	it('the DID document address is the issuer profile address + /did.json, read back both ways', () => {
		const did = issuerDidOf('https://gov.example:8443/credo', 'acme');
		expect(didDocumentUrl(did)).toBe('https://gov.example:8443/credo/issuers/acme/did.json');
		expect(didWebDocumentUrl(did)).toBe(didDocumentUrl(did)); // the independent helper agrees
		expect(didDocumentUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json');
		expect(slugOfIssuerDid(did, 'https://gov.example:8443/credo')).toBe('acme');
		expect(slugOfIssuerDid(did, 'https://gov.example/credo')).toBeNull(); // another host
		expect(slugOfIssuerDid(`${did}:more`, 'https://gov.example:8443/credo')).toBeNull();
		expect(slugOfIssuerDid(issuerDidOf('https://x.example', 'é x'), 'https://x.example')).toBe('é x');
	});

	it('the document lists every key, oldest first, each an assertion method', () => {
		const doc = didDocument('did:web:x.example:issuers:a', [
			{ number: 2, publicKeyMultibase: 'z6Mk2' },
			{ number: 1, publicKeyMultibase: 'z6Mk1' }
		]);
		expect(doc['@context'][0]).toBe('https://www.w3.org/ns/did/v1');
		expect(doc.verificationMethod.map((k) => k.id)).toEqual([
			'did:web:x.example:issuers:a#key-1',
			'did:web:x.example:issuers:a#key-2'
		]);
		expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((k) => k.id));
		expect(doc.verificationMethod.every((k) => k.controller === doc.id && k.type === 'Multikey')).toBe(true);
	});
});

describe('the independent verifier against the W3C eddsa-rdfc-2022 test vector', () => {
	const dir = 'tests/fixtures/eddsa-rdfc-2022';
	const signed = JSON.parse(fs.readFileSync(`${dir}/signedDataInt.json`, 'utf8'));
	const contexts = {
		'https://www.w3.org/ns/credentials/examples/v2': JSON.parse(
			fs.readFileSync(`${dir}/credentials-examples-v2.jsonld`, 'utf8')
		)
	};
	const publicKeyMultibase = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
	const controller = {
		id: 'https://vc.example/issuers/5678',
		assertionMethod: [
			{
				id: `https://vc.example/issuers/5678#${publicKeyMultibase}`,
				type: 'Multikey',
				controller: 'https://vc.example/issuers/5678',
				publicKeyMultibase
			}
		]
	};
	const resolve = async (id: string) => (id === controller.id ? controller : null);

	it('canonicalises the proof configuration exactly as the vector does', async () => {
		const { proofValue: _, ...options } = signed.proof;
		const canon = await canonicalNQuads({ '@context': signed['@context'], ...options }, contexts);
		expect(canon).toBe(fs.readFileSync(`${dir}/proofCanonDataInt.txt`, 'utf8'));
	});

	it('verifies the signed vector, and refuses it changed or under another key', async () => {
		expect(await verifyIndependently(signed, resolve, contexts)).toMatchObject({ verified: true });
		const changed = structuredClone(signed);
		changed.credentialSubject.alumniOf = 'The School of Counterexamples';
		expect(await verifyIndependently(changed, resolve, contexts)).toMatchObject({ verified: false });
		const other = structuredClone(controller);
		other.assertionMethod[0].publicKeyMultibase = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
		expect(await verifyIndependently(signed, async () => other, contexts)).toMatchObject({ verified: false });
	});
});
