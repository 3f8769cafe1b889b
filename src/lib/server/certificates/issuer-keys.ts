// Issuers' keys and the documents that publish them. Each issuing provider is `did:web:<host>:issuers:<slug>` (the host
// from PUBLIC_ISSUER_BASE, else ORIGIN) with keys `#key-1`, `#key-2`, …: the first made on first use, the next on a
// rotation; the current key is the newest not retired. Every key stays in the DID document, so what an old key signed
// keeps verifying. Credentials signed before did:web name `<base>/issuers/<slug>` and `…#key-1`: the resolver keeps
// answering those too. Everything resolves from the database: nothing is fetched from the network.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import {
	controllerDocument,
	generateIssuerKey,
	masterKeyFrom,
	openSecret,
	sealSecret,
	verificationMethodDocument,
	type SigningKey
} from './badges';
import { didDocument, issuerDidOf, keyIdUnder, slugOfIssuerDid } from './did-web';
import { issuerBase } from './origin';

let master: Buffer | null = null;

/**
 * The secret that seals issuer keys: CREDO_KEY_SECRET, shared by every app server. Without it (a single machine,
 * development) a random one is created once in .data/ and reused.
 */
export function masterKey(): Buffer {
	if (master) return master;
	let secret = process.env.CREDO_KEY_SECRET;
	if (!secret) {
		const file = path.resolve(process.env.CREDO_KEY_FILE ?? '.data/issuer-key-secret');
		if (!fs.existsSync(file)) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			try {
				fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
			} catch {
				// another process wrote it first
			}
		}
		secret = fs.readFileSync(file, 'utf8').trim();
	}
	master = masterKeyFrom(secret);
	return master;
}

/** The issuer's id, its DID: `did:web:<host>:issuers:<slug>` under PUBLIC_ISSUER_BASE (else ORIGIN). The one place. */
export const issuerId = (slug: string) => issuerDidOf(issuerBase(), slug);

/** The issuer id credentials carried before did:web: `<base>/issuers/<slug>` (still resolved, never signed under). */
export const legacyIssuerId = (slug: string) => `${issuerBase()}/issuers/${slug}`;

/** The full id of the issuer's key N: `<issuer DID>#key-N`. */
export const keyIdOf = (slug: string, number: number) => keyIdUnder(issuerId(slug), number);

type KeyRow = Awaited<ReturnType<typeof db.issuerKey.findFirstOrThrow>>;
/** A key row with its full key id (`keyId`) and its controller (the issuer DID) as of now. */
export type IssuerKeyRow = KeyRow & { controller: string };

const withIds = (slug: string, row: KeyRow): IssuerKeyRow => ({
	...row,
	keyId: keyIdOf(slug, row.number),
	controller: issuerId(slug)
});

/** Every key of the organisation, #key-1 first. */
export const issuerKeys = (organisationId: string) =>
	db.issuerKey.findMany({ where: { organisationId }, orderBy: { number: 'asc' } });

const newestActive = (organisationId: string) =>
	db.issuerKey.findFirst({ where: { organisationId, retiredAt: null }, orderBy: { number: 'desc' } });

/**
 * The key the provider signs with now (the newest not retired), with its full key id; key 1 is made on first use (two
 * servers making it at once keep the first one).
 */
export async function currentIssuerKey(org: { id: string; slug: string }): Promise<IssuerKeyRow> {
	const existing = await newestActive(org.id);
	if (existing) return withIds(org.slug, existing);
	const key = await generateIssuerKey(issuerId(org.slug));
	await db.issuerKey.createMany({
		data: [
			{
				organisationId: org.id,
				number: 1,
				keyId: key.id,
				publicKeyMultibase: key.publicKeyMultibase,
				sealedSecret: sealSecret(key.secretKeyMultibase, masterKey())
			}
		],
		skipDuplicates: true
	});
	const made = await newestActive(org.id);
	if (!made) throw new Error(`issuer ${org.slug} has keys but none current`); // every rotation makes the next one
	return withIds(org.slug, made);
}

/** What signCredential takes: the key with its secret opened (on this server, for one signature). */
export const signingKeyOf = (key: IssuerKeyRow): SigningKey => ({
	id: key.keyId,
	controller: key.controller,
	publicKeyMultibase: key.publicKeyMultibase,
	secretKeyMultibase: openSecret(key.sealedSecret, masterKey())
});

async function issuerOrg(slug: string) {
	// no slug holds a NUL, and PostgreSQL cannot compare one (found by fuzzing)
	if (!slug || slug.length > 100 || slug.includes('\u0000')) return null;
	return db.organisation.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
}

/** The issuer's DID document (served at /issuers/<slug>/did.json), or null for an unknown slug. */
export async function issuerDidDocument(slug: string) {
	const org = await issuerOrg(slug);
	if (!org) return null;
	return didDocument(issuerId(org.slug), await issuerKeys(org.id));
}

/**
 * The issuer's Open Badges profile at /issuers/<slug> (name, url), with its keys under the pre-did:web ids: the
 * controller document of the credentials signed before did:web.
 */
export async function issuerProfile(slug: string) {
	const org = await issuerOrg(slug);
	if (!org) return null;
	const id = legacyIssuerId(org.slug);
	const keys = (await issuerKeys(org.id)).map((k) => ({
		id: keyIdUnder(id, k.number),
		publicKeyMultibase: k.publicKeyMultibase
	}));
	return controllerDocument({ id, name: org.name, url: issuerBase() }, keys);
}

/** A verification method (`…#key-N`) of a controller document, as a Multikey document of its own. */
function methodOf(doc: { id: string }, keys: { id: string; publicKeyMultibase: string }[], fragment: string) {
	const key = keys.find((k) => k.id === `${doc.id}#${fragment}`);
	return key
		? verificationMethodDocument({ id: key.id, controller: doc.id, publicKeyMultibase: key.publicKeyMultibase })
		: null;
}

/**
 * The local resolver of the JSON-LD document loader: the document at `url` when it is an issuer of this Credo — a DID
 * (`did:web:…:issuers:<slug>`), a key of one (`…#key-N`), or the same under the pre-did:web https ids — else null.
 */
export async function issuerDocumentAt(url: string): Promise<object | null> {
	if (url.length > 300) return null;
	const hash = url.indexOf('#');
	const base = hash < 0 ? url : url.slice(0, hash);
	const fragment = hash < 0 ? null : url.slice(hash + 1);
	if (base.startsWith('did:')) {
		const slug = slugOfIssuerDid(base, issuerBase());
		const doc = slug === null ? null : await issuerDidDocument(slug);
		if (!doc || doc.id !== base) return null;
		return fragment === null ? doc : methodOf(doc, doc.verificationMethod, fragment);
	}
	const prefix = `${issuerBase()}/issuers/`;
	if (!base.startsWith(prefix)) return null;
	let slug: string;
	try {
		slug = decodeURIComponent(base.slice(prefix.length));
	} catch {
		return null;
	}
	const profile = await issuerProfile(slug);
	if (!profile || profile.id !== base) return null;
	return fragment === null ? profile : methodOf(profile, profile.assertionMethod, fragment);
}
