// Open Badges 3.0: every certificate also exists as a signed AchievementCredential. Each issuing provider has one
// Ed25519 key, made on first use; its secret is sealed (AES-256-GCM) with a key derived from CREDO_KEY_SECRET and
// never leaves the server. The issuer's public profile with its key is served at /issuers/<slug>, and the same
// documents answer the local JSON-LD loader: verification never fetches anything from the network.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import { DomainError } from '../errors';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import {
	buildAchievementCredential,
	controllerDocument,
	generateIssuerKey,
	makeDocumentLoader,
	masterKeyFrom,
	openSecret,
	sealSecret,
	signCredential,
	verificationMethodDocument,
	verifySignedCredential,
	type SignedAchievementCredential
} from './badges';
import { formatVerificationCode } from './code';
import { publicOrigin } from './origin';
import { lookupByCode, type VerifyStatus } from './verification';

let master: Buffer | null = null;

/**
 * The secret that seals issuer keys: CREDO_KEY_SECRET, shared by every app server. Without it (a single machine,
 * development) a random one is created once in .data/ and reused.
 */
function masterKey(): Buffer {
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

export const issuerId = (slug: string) => `${publicOrigin()}/issuers/${slug}`;

/** The provider's key, created on first use (two servers creating it at once keep the first one). */
async function issuerKey(org: { id: string; slug: string }) {
	const existing = await db.issuerKey.findUnique({ where: { organisationId: org.id } });
	if (existing) return existing;
	const key = await generateIssuerKey(issuerId(org.slug));
	await db.issuerKey.createMany({
		data: [
			{
				organisationId: org.id,
				keyId: key.id,
				publicKeyMultibase: key.publicKeyMultibase,
				sealedSecret: sealSecret(key.secretKeyMultibase, masterKey())
			}
		],
		skipDuplicates: true
	});
	return db.issuerKey.findUniqueOrThrow({ where: { organisationId: org.id } });
}

/** The issuer's public documents, for the local loader and for /issuers/<slug>. */
export async function issuerDocuments(slug: string) {
	if (slug.includes('\u0000')) return null; // no slug holds a NUL, and PostgreSQL cannot compare one (found by fuzzing)
	const org = await db.organisation.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
	if (!org) return null;
	const key = await db.issuerKey.findUnique({ where: { organisationId: org.id } });
	const id = issuerId(slug);
	const keys = key ? [{ id: key.keyId, publicKeyMultibase: key.publicKeyMultibase }] : [];
	return {
		profile: controllerDocument({ id, name: org.name, url: publicOrigin() }, keys),
		key: key
			? verificationMethodDocument({ id: key.keyId, controller: id, publicKeyMultibase: key.publicKeyMultibase })
			: null
	};
}

const loader = makeDocumentLoader(async (url) => {
	const prefix = `${publicOrigin()}/issuers/`;
	if (!url.startsWith(prefix)) return null;
	const [slug, fragment] = url.slice(prefix.length).split('#');
	const docs = await issuerDocuments(decodeURIComponent(slug));
	if (!docs) return null;
	return fragment ? docs.key : docs.profile;
});

/** The certificate's signed credential: made and stored on first download, then served as stored. */
export async function credentialFor(certificateId: string): Promise<SignedAchievementCredential> {
	const c = await db.certificate.findUniqueOrThrow({
		where: { id: certificateId },
		include: { programme: { include: { provider: { select: { id: true, name: true, slug: true } }, modules: true } } }
	});
	if (c.credential) return c.credential as unknown as SignedAchievementCredential;
	// recorded from a provider's records: the provider did not issue it through Credo, so Credo signs nothing in its name
	if (c.source === 'RECORDED') throw new DomainError(m.cert_recorded_no_credential(), 409);
	const p = c.programme;
	const key = await issuerKey(p.provider);
	const content = getContent();
	const competencies = new Map(content.framework.competencies.map((x) => [x.id, x]));
	const titles = new Map(content.modules.map((mod) => [mod.id, mod.title]));
	const criteria = [
		...p.modules.map((x) =>
			m.badge_criteria_module({ title: titles.get(x.moduleId) ?? x.moduleId, min: x.minScore }, { locale: 'en' })
		),
		...(p.requiresEvent ? [m.badge_criteria_event({}, { locale: 'en' })] : []),
		...(p.minPracticumHours
			? [m.badge_criteria_practicum({ hours: Number(p.minPracticumHours) }, { locale: 'en' })]
			: []),
		...(p.minSupervisionHours
			? [m.badge_criteria_supervision({ hours: Number(p.minSupervisionHours) }, { locale: 'en' })]
			: [])
	];
	const unsigned = buildAchievementCredential({
		id: `urn:uuid:${c.id}`,
		issuer: { id: issuerId(p.provider.slug), name: p.provider.name, url: publicOrigin() },
		holder: { name: c.holderName },
		achievement: {
			id: `urn:uuid:${p.id}`,
			name: p.title,
			description: p.description || p.title,
			criteriaNarrative: criteria.join('\n'),
			competencies: c.competencies.map((id) => ({
				id,
				title: competencies.get(id)?.title ?? id,
				url: `${publicOrigin()}/framework/${competencies.get(id)?.track ?? ''}#${id}`
			}))
		},
		validFrom: c.issuedAt,
		validUntil: c.expiresOn ? new Date(c.expiresOn.getTime() + 86_399_000) : null, // through the end of the last day
		verificationCode: formatVerificationCode(c.code)
	});
	const signed = await signCredential(
		unsigned,
		{
			id: key.keyId,
			controller: issuerId(p.provider.slug),
			publicKeyMultibase: key.publicKeyMultibase,
			secretKeyMultibase: openSecret(key.sealedSecret, masterKey())
		},
		loader
	);
	// two first downloads at once: both signatures are valid; the first one stored stays
	await db.$executeRaw`update certificates set credential = ${JSON.stringify(signed)}::jsonb where id = ${c.id}::uuid and credential is null`;
	const stored = await db.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { credential: true } });
	return (stored.credential ?? signed) as unknown as SignedAchievementCredential;
}

export interface CredentialCheck {
	/** the signature is intact and made by the named issuer's key */
	verified: boolean;
	/** the certificate's current status in Credo (null when the signature fails or the credential is not Credo's) */
	status: VerifyStatus | null;
	revokedOn?: string | null;
	error?: string;
}

/** Checks a posted credential: signature first, then the certificate's current status (revoked, expired). */
export async function checkCredential(credential: unknown): Promise<CredentialCheck> {
	const obj = credential as { id?: unknown; validFrom?: unknown } | null;
	// the signature is checked as of the credential's own start, so "expired" comes from Credo's record, not the clock
	const from =
		typeof obj?.validFrom === 'string' && !Number.isNaN(Date.parse(obj.validFrom))
			? new Date(obj.validFrom)
			: undefined;
	const sig = await verifySignedCredential(credential, loader, from);
	if (!sig.verified) return { verified: false, status: null, error: sig.error };
	const id = typeof obj?.id === 'string' && obj.id.startsWith('urn:uuid:') ? obj.id.slice(9) : null;
	const row =
		id && /^[0-9a-f-]{36}$/i.test(id)
			? await db.certificate.findUnique({ where: { id }, select: { code: true } })
			: null;
	if (!row) return { verified: true, status: null, error: 'not a certificate issued by this Credo' };
	const found = await lookupByCode(row.code);
	return { verified: true, status: found?.status ?? null, revokedOn: found?.revokedOn ?? null };
}
