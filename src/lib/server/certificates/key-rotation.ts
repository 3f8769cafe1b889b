// Rotating an issuer's key: a provider's administrator replaces the signing key `#key-N` with a new `#key-(N+1)`. The
// old key is retired, not removed: it stays in the DID document so the credentials it signed keep verifying, and signs
// nothing more. Confirmed on a check-your-answers step; the confirm names the key it replaces, so a second click (or a
// colleague who rotated meanwhile) changes nothing.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { text, uuid } from '../forms/fields';
import { m } from '$lib/paraglide/messages';
import { generateIssuerKey, sealSecret } from './badges';
import { didDocumentUrl } from './did-web';
import { issuerId, issuerKeys, keyIdOf, masterKey } from './issuer-keys';
import { administersProvider, providerOrgs } from './programmes';

export const rotateKeySchema = z.object({
	organisationId: uuid(),
	/** the number of the key the page showed as current */
	current: z
		.string({ error: () => m.ikey_stale() })
		.regex(/^[1-9]\d{0,5}$/, { error: () => m.ikey_stale() })
		.transform(Number),
	reason: text(500),
	confirmed: z.literal('yes').optional()
});
export type RotateKeyInput = z.output<typeof rotateKeySchema>;

/** Each provider the person administers, with its DID, the address of its DID document and its keys, newest first. */
export async function issuerKeysPage(user: SessionUser) {
	const orgs = await providerOrgs(user);
	const slugs = await db.organisation.findMany({
		where: { id: { in: orgs.map((o) => o.id) } },
		select: { id: true, slug: true }
	});
	const slugOf = new Map(slugs.map((o) => [o.id, o.slug]));
	return Promise.all(
		orgs.map(async (o) => {
			const did = issuerId(slugOf.get(o.id)!);
			const keys = await issuerKeys(o.id);
			return {
				id: o.id,
				name: o.name,
				did,
				documentUrl: didDocumentUrl(did),
				current: keys.findLast((k) => !k.retiredAt)?.number ?? null,
				keys: keys.reverse().map((k) => ({ number: k.number, createdAt: k.createdAt, retiredAt: k.retiredAt }))
			};
		})
	);
}

/** The provider and its current key, when the person administers it and the page's key is still the current one. */
async function rotatable(user: SessionUser, input: RotateKeyInput) {
	const org = administersProvider(user, input.organisationId)
		? await db.organisation.findFirst({
				where: { id: input.organisationId, type: 'TRAINING_PROVIDER' },
				select: { id: true, name: true, slug: true, jurisdictionId: true }
			})
		: null;
	if (!org) throw new FieldError('organisationId', m.field_choose());
	const current = (await issuerKeys(org.id)).findLast((k) => !k.retiredAt);
	if (!current) throw new DomainError(m.ikey_no_key(), 409);
	if (current.number !== input.current) throw new DomainError(m.ikey_rotated_meanwhile(), 409);
	return { org, current };
}

/** What the check-your-answers step shows: the provider, the key retired, the key made, the reason. */
export async function rotationCheck(user: SessionUser, input: RotateKeyInput) {
	const { org, current } = await rotatable(user, input);
	return {
		organisationId: org.id,
		name: org.name,
		current: current.number,
		next: current.number + 1,
		reason: input.reason
	};
}

/** Retires the current key and makes the next one, audited; answers the new key's number. */
export async function rotateIssuerKey(user: SessionUser, input: RotateKeyInput, now = new Date()) {
	const { org, current } = await rotatable(user, input);
	const number = current.number + 1;
	const key = await generateIssuerKey(issuerId(org.slug));
	await db.$transaction(async (tx) => {
		const retired = await tx.issuerKey.updateMany({
			where: { id: current.id, retiredAt: null },
			data: { retiredAt: now }
		});
		// rotated by another request since it was read: that one stands
		if (retired.count !== 1) throw new DomainError(m.ikey_rotated_meanwhile(), 409);
		await tx.issuerKey.create({
			data: {
				organisationId: org.id,
				number,
				keyId: keyIdOf(org.slug, number),
				publicKeyMultibase: key.publicKeyMultibase,
				sealedSecret: sealSecret(key.secretKeyMultibase, masterKey()),
				createdAt: now
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'issuer_key.rotated',
			subjectType: 'organisation',
			subjectId: org.id,
			organisationId: org.id,
			jurisdictionId: org.jurisdictionId,
			reason: input.reason,
			data: { did: issuerId(org.slug), retired: `key-${current.number}`, current: `key-${number}` }
		});
	});
	return { name: org.name, number };
}
