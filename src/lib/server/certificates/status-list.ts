// Revocation inside the credential (W3C Bitstring Status List v1.0). Each issuer has status lists of 131,072 entries
// (`status_lists`, numbered 1, 2, … per issuer, served at /issuers/<slug>/status/<n>); when Credo signs a certificate's
// credential, the certificate takes a random free index in its issuer's current list (the next list is made when
// that one is full) and the credential names it in `credentialStatus`. The list itself is a credential signed by the
// issuer with its current key, computed from the revocations: the bit of a certificate is set from the first day its
// revocation counts (revoked_on, in its jurisdiction's calendar), so a credential downloaded before the revocation
// fails any verifier's status check from then on, without being downloaded again. A random index in a large list
// tells whoever fetches the list nothing about which credential is being checked (the spec's herd privacy).
import { createHash, randomInt } from 'node:crypto';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { db } from '../db';
import { DomainError } from '../errors';
import { m } from '$lib/paraglide/messages';
import {
	VC_V2_CONTEXT,
	makeDocumentLoader,
	signCredential,
	xmlDateTime,
	type BitstringStatusListEntry,
	type DataIntegrityProofValue
} from './badges';
import { currentIssuerKey, issuerDocumentAt, issuerId, signingKeyOf } from './issuer-keys';
import { issuerBase } from './origin';

export type { BitstringStatusListEntry };

/** Entries of one list: the spec's minimum (16 KB of bits), for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;
/** Random indexes tried before a list is scanned for a free one (a list half full fails 16 in a row once in 65,536). */
const RANDOM_TRIES = 16;
/** Signings retried when another one took the same index between the check and the store. */
const MAX_ATTEMPTS = 5;

/** A random integer in [0, max): crypto random; tests pass their own to force collisions. */
export type RandomIndex = (max: number) => number;
const cryptoRandom: RandomIndex = (max) => randomInt(max);

/** The public address of an issuer's status list `n` (an https URL: a verifier fetches it as it is). */
export const statusListUrl = (slug: string, n: number) => `${issuerBase()}/issuers/${slug}/status/${n}`;

/** A list number as written in its address (1, 2, …), or null. */
export function listNumberOf(text: string): number | null {
	return /^[1-9]\d{0,6}$/.test(text) ? Number(text) : null;
}

/** The issuer slug and list number of a status list address of this Credo, or null. */
export function parseStatusListUrl(url: string): { slug: string; number: number } | null {
	const prefix = `${issuerBase()}/issuers/`;
	if (url.length > 300 || !url.startsWith(prefix)) return null;
	const match = /^([^/?#]+)\/status\/([^/?#]+)$/.exec(url.slice(prefix.length));
	const number = match ? listNumberOf(match[2]) : null;
	if (!match || number === null) return null;
	try {
		return { slug: decodeURIComponent(match[1]), number };
	} catch {
		return null;
	}
}

/** What a credential carries to name its entry: `<list url>#<index>`, index as a string (the spec's form). */
export function statusEntry(listUrl: string, index: number): BitstringStatusListEntry {
	return {
		id: `${listUrl}#${index}`,
		type: 'BitstringStatusListEntry',
		statusPurpose: 'revocation',
		statusListIndex: String(index),
		statusListCredential: listUrl
	};
}

// ---------------------------------------------------------------------------------------------
// Entries: a random free index of the issuer's current list

interface List {
	id: string;
	number: number;
	size: number;
}
export interface StatusSlot {
	listId: string;
	number: number;
	index: number;
}

/** The issuer's list `number`, made if it does not exist (two servers making it at once keep one). */
async function listNumbered(organisationId: string, number: number): Promise<List> {
	await db.statusList.createMany({ data: [{ organisationId, number, size: STATUS_LIST_SIZE }], skipDuplicates: true });
	return db.statusList.findUniqueOrThrow({ where: { organisationId_number: { organisationId, number } } });
}

/** The issuer's newest list (list 1 made on first need). */
async function currentList(organisationId: string): Promise<List> {
	const last = await db.statusList.findFirst({ where: { organisationId }, orderBy: { number: 'desc' } });
	return last ?? listNumbered(organisationId, 1);
}

const taken = async (listId: string, index: number) =>
	(await db.certificate.count({ where: { statusListId: listId, statusListIndex: index } })) > 0;

/** The first free index of the list at or after `start` (wrapping round), or null when the list is full. */
async function freeIndexFrom(list: List, start: number): Promise<number | null> {
	const rows = await db.$queryRaw<{ i: number }[]>`
		select g.i from generate_series(0, ${list.size - 1}::int) g(i)
		where not exists (select 1 from certificates c where c.status_list_id = ${list.id}::uuid and c.status_list_index = g.i)
		order by (g.i - ${start}::int + ${list.size}::int) % ${list.size}::int
		limit 1`;
	return rows[0]?.i ?? null;
}

/**
 * A free entry in the issuer's current list: random indexes first; after RANDOM_TRIES taken ones, the first free index
 * from a random start; a full list moves on to the next one. Free now: the unique key (status_list_id,
 * status_list_index) decides when two signings pick the same index (signWithStatusEntry retries).
 */
export async function freeStatusSlot(organisationId: string, random: RandomIndex = cryptoRandom): Promise<StatusSlot> {
	let list = await currentList(organisationId);
	for (;;) {
		for (let i = 0; i < RANDOM_TRIES; i++) {
			const index = random(list.size);
			if (!(await taken(list.id, index))) return { listId: list.id, number: list.number, index };
		}
		const index = await freeIndexFrom(list, random(list.size));
		if (index !== null) return { listId: list.id, number: list.number, index };
		list = await listNumbered(organisationId, list.number + 1);
	}
}

function isUniqueViolation(e: unknown): boolean {
	const x = e as { code?: string; message?: string; meta?: unknown; cause?: unknown };
	if (x?.code === 'P2002') return true;
	const text = `${x?.message ?? ''} ${JSON.stringify(x?.meta ?? null)} ${String(x?.cause ?? '')}`;
	return /23505|unique constraint/i.test(text);
}

/**
 * Signs a certificate's credential with its status entry and stores both in one statement: the entry it holds (a
 * certificate signed again keeps its entry), else a new random one. The store only replaces the credential read
 * before signing (two downloads at once: the first one stored stays, and is what both answer) and never for a
 * revoked certificate (revoked while signing: refused like any revoked one).
 */
export async function signWithStatusEntry<T extends object>(
	certificate: { id: string; credential: unknown; statusListId: string | null; statusListIndex: number | null },
	issuer: { id: string; slug: string },
	sign: (status: BitstringStatusListEntry) => Promise<T>,
	random: RandomIndex = cryptoRandom
): Promise<T> {
	const kept =
		certificate.statusListId !== null && certificate.statusListIndex !== null
			? {
					listId: certificate.statusListId,
					index: certificate.statusListIndex,
					number: (await db.statusList.findUniqueOrThrow({ where: { id: certificate.statusListId } })).number
				}
			: null;
	const before = certificate.credential === null ? null : JSON.stringify(certificate.credential);
	for (let attempt = 1; ; attempt++) {
		const slot = kept ?? (await freeStatusSlot(issuer.id, random));
		const signed = await sign(statusEntry(statusListUrl(issuer.slug, slot.number), slot.index));
		try {
			await db.$executeRaw`
				update certificates
				set credential = ${JSON.stringify(signed)}::jsonb, status_list_id = ${slot.listId}::uuid, status_list_index = ${slot.index}::int
				where id = ${certificate.id}::uuid and revoked_at is null and credential is not distinct from ${before}::jsonb`;
		} catch (e) {
			// another signing took this index since it was found free: take another one
			if (!kept && attempt < MAX_ATTEMPTS && isUniqueViolation(e)) continue;
			throw e;
		}
		const row = await db.certificate.findUniqueOrThrow({
			where: { id: certificate.id },
			select: { credential: true, revokedAt: true }
		});
		if (row.revokedAt) throw revokedRefusal();
		return (row.credential ?? signed) as T;
	}
}

/** Why Credo signs and serves no credential for a revoked certificate. */
export const revokedRefusal = () => new DomainError(m.credstatus_revoked_refused(), 409);

// ---------------------------------------------------------------------------------------------
// The list credential

/** The issuer's list `number`, or null when the issuer or the list does not exist. */
async function listOf(slug: string, number: number) {
	if (!slug || slug.length > 100 || slug.includes('\u0000')) return null; // PostgreSQL cannot compare a NUL
	const org = await db.organisation.findUnique({ where: { slug }, select: { id: true, slug: true } });
	if (!org) return null;
	const list = await db.statusList.findUnique({
		where: { organisationId_number: { organisationId: org.id, number } }
	});
	return list ? { org, list } : null;
}

/**
 * The indexes of a list whose certificates are revoked as of `now`: revoked, from the first day the revocation counts
 * in the certificate's jurisdiction (a revocation dated ahead sets its bit on that day).
 */
export async function revokedIndexes(listId: string, now = new Date()): Promise<number[]> {
	const rows = await db.$queryRaw<{ i: number }[]>`
		select c.status_list_index as i
		from certificates c join jurisdictions j on j.id = c.jurisdiction_id
		where c.status_list_id = ${listId}::uuid and c.revoked_at is not null
			and (c.revoked_on is null or c.revoked_on <= (${now}::timestamptz at time zone j.time_zone)::date)
		order by 1`;
	return rows.map((r) => r.i);
}

/** An unsigned BitstringStatusListCredential (VC 2.0) of `size` entries with the `revoked` bits set. */
export async function unsignedStatusList(input: {
	url: string;
	issuer: string;
	size: number;
	revoked: number[];
	validFrom: Date;
}) {
	const list = await createList({ length: input.size });
	for (const i of input.revoked) list.setStatus(i, true);
	const made = await createCredential({ id: input.url, list, statusPurpose: 'revocation', context: [VC_V2_CONTEXT] });
	return {
		'@context': made['@context'],
		id: made.id,
		type: made.type,
		issuer: { id: input.issuer },
		validFrom: xmlDateTime(input.validFrom),
		credentialSubject: made.credentialSubject
	};
}

export type SignedStatusList = Awaited<ReturnType<typeof unsignedStatusList>> & { proof: DataIntegrityProofValue[] };

// the signed list of each list, with the state it was signed for (its address, issuer, key and revoked indexes)
const signedLists = new Map<string, { state: string; credential: SignedStatusList }>();
const loader = makeDocumentLoader(issuerDocumentAt);

/**
 * The issuer's status list `number` as a credential signed with the issuer's current key, or null when there is no
 * such list. Signed again only when its state changed (a revocation counts, the key rotated, the base moved); the
 * revocations are read on every call, so a revocation shows at once.
 */
export async function signedStatusList(
	slug: string,
	number: number,
	now = new Date()
): Promise<SignedStatusList | null> {
	const found = await listOf(slug, number);
	if (!found) return null;
	const revoked = await revokedIndexes(found.list.id, now);
	const key = await currentIssuerKey(found.org);
	const url = statusListUrl(found.org.slug, number);
	const issuer = issuerId(found.org.slug);
	const state = createHash('sha256')
		.update([url, issuer, key.keyId, key.publicKeyMultibase, found.list.size, revoked.join(',')].join('\n'))
		.digest('base64url');
	const cached = signedLists.get(found.list.id);
	if (cached?.state === state) return cached.credential;
	const unsigned = await unsignedStatusList({ url, issuer, size: found.list.size, revoked, validFrom: now });
	const credential = await signCredential(unsigned, signingKeyOf(key), loader);
	signedLists.set(found.list.id, { state, credential });
	return credential;
}

/** The signed status list at `url` when it is one of this Credo's, else null (the local document loader). */
export async function statusListDocumentAt(url: string): Promise<SignedStatusList | null> {
	const at = parseStatusListUrl(url);
	return at ? signedStatusList(at.slug, at.number) : null;
}
