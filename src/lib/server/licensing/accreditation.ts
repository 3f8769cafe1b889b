// The regulator accredits providers and modules for its jurisdiction; a module's credits and category are
// confirmed or changed here. Only accredited credits count.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { getContent } from '../content';
import { choice } from '../forms/fields';
import { regulatorJurisdictions } from './licences';
import { m } from '$lib/paraglide/messages';

function jurisdictionOf(user: SessionUser) {
	const j = regulatorJurisdictions(user)[0];
	if (!j) throw new DomainError(m.error_forbidden(), 403);
	return j;
}

export async function accreditationOverview(user: SessionUser) {
	const jurisdictionId = jurisdictionOf(user);
	const [providers, providerAcc, moduleAcc] = await Promise.all([
		db.organisation.findMany({
			where: { type: 'TRAINING_PROVIDER' },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		}),
		db.providerAccreditation.findMany({ where: { jurisdictionId, revokedAt: null } }),
		db.moduleAccreditation.findMany({ where: { jurisdictionId, revokedAt: null } })
	]);
	const pa = new Set(providerAcc.map((p) => p.organisationId));
	const ma = new Map(moduleAcc.map((a) => [a.moduleId, a]));
	return {
		providers: providers.map((p) => ({ ...p, accredited: pa.has(p.id) })),
		modules: getContent()
			.modules.filter((mod) => !mod.draft)
			.map((mod) => {
				const a = ma.get(mod.id);
				return {
					id: mod.id,
					title: mod.title,
					proposedCredits: mod.credits,
					proposedCategory: mod.creditCategory,
					credits: a ? Number(a.credits) : null,
					category: a?.category ?? null
				};
			})
	};
}

export const providerSchema = z.object({
	organisationId: z.string().uuid({ error: () => m.field_choose() }),
	accredit: choice(['yes', 'no'] as const)
});

export async function setProvider(user: SessionUser, input: z.output<typeof providerSchema>) {
	const jurisdictionId = jurisdictionOf(user);
	const org = await db.organisation.findFirst({ where: { id: input.organisationId, type: 'TRAINING_PROVIDER' } });
	if (!org) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		if (input.accredit === 'yes') {
			await tx.providerAccreditation.upsert({
				where: { jurisdictionId_organisationId: { jurisdictionId, organisationId: org.id } },
				create: { jurisdictionId, organisationId: org.id, accreditedOn: new Date(), createdById: user.id },
				update: { revokedAt: null, accreditedOn: new Date(), createdById: user.id }
			});
		} else {
			await tx.providerAccreditation.updateMany({
				where: { jurisdictionId, organisationId: org.id, revokedAt: null },
				data: { revokedAt: new Date() }
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: input.accredit === 'yes' ? 'accreditation.provider_granted' : 'accreditation.provider_revoked',
			subjectType: 'organisation',
			subjectId: org.id,
			jurisdictionId
		});
	});
}

export function moduleSchema() {
	const cats = getContent().framework.categories.map((c) => c.id) as [string, ...string[]];
	return z.object({
		moduleId: z.string({ error: () => m.field_required() }).max(100),
		credits: z.coerce
			.number({ error: () => m.field_number() })
			.gt(0, { error: () => m.field_credits() })
			.max(100, { error: () => m.field_credits() }),
		category: choice(cats),
		accredit: choice(['yes', 'no'] as const)
	});
}

export async function setModule(user: SessionUser, input: z.output<ReturnType<typeof moduleSchema>>) {
	const jurisdictionId = jurisdictionOf(user);
	const mod = getContent().modules.find((x) => x.id === input.moduleId && !x.draft);
	if (!mod) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		if (input.accredit === 'yes') {
			await tx.moduleAccreditation.upsert({
				where: { jurisdictionId_moduleId: { jurisdictionId, moduleId: mod.id } },
				create: {
					jurisdictionId,
					moduleId: mod.id,
					credits: input.credits,
					category: input.category,
					accreditedOn: new Date(),
					createdById: user.id
				},
				update: { credits: input.credits, category: input.category, revokedAt: null, createdById: user.id }
			});
		} else {
			await tx.moduleAccreditation.updateMany({
				where: { jurisdictionId, moduleId: mod.id, revokedAt: null },
				data: { revokedAt: new Date() }
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: input.accredit === 'yes' ? 'accreditation.module_granted' : 'accreditation.module_revoked',
			subjectType: 'module',
			subjectId: mod.id,
			jurisdictionId,
			data: { credits: input.credits, category: input.category }
		});
	});
}
