import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { managedCertificate, revokeCertificate, revokeSchema } from '$lib/server/certificates/issuance';
import { formatVerificationCode } from '$lib/server/certificates/code';
import { competencyTitles } from '$lib/server/certificates/forms';
import { formAction, guarded } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';
import { z } from 'zod';
import { FieldError } from '$lib/server/errors';
import { fromDate } from '$lib/calendar-day';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	try {
		const c = await managedCertificate(user, params.certificate);
		return {
			certificate: {
				id: c.id,
				code: formatVerificationCode(c.code),
				holderName: c.holderName || m.erase_former_holder(),
				issuedOn: c.issuedOn,
				expiresOn: c.expiresOn,
				revokedAt: c.revokedAt,
				revokedOn: c.revokedOn,
				revokeReason: c.revokeReason,
				automatic: !c.issuedById,
				programmeId: c.programmeId,
				programme: c.programmeTitle ?? c.programme.title, // the title it was issued under
				competencies: competencyTitles(c.competencies),
				evidence: c.evidence as Record<string, unknown>
			}
		};
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	revoke: formAction({
		guard: async (event) => {
			const user = requireUser();
			await guarded(() => managedCertificate(user, event.params.certificate!));
			return user;
		},
		// revoking cannot be undone: the first post is checked and answered with a check-your-answers step; the
		// confirm posts it again with `confirmed`
		schema: revokeSchema.extend({ confirmed: z.literal('yes').optional() }),
		run: async ({ user, data, event }) => {
			if (!data.confirmed) {
				const c = await managedCertificate(user, event.params.certificate!);
				if (c.revokedAt) throw new DomainError(m.cert_already_revoked(), 409);
				if (data.effectiveOn && data.effectiveOn < fromDate(c.issuedOn))
					throw new FieldError('effectiveOn', m.cert_revoke_before_issue());
				return { confirmRevoke: { reason: data.reason, effectiveOn: data.effectiveOn ?? null } };
			}
			await revokeCertificate(user, event.params.certificate!, data.reason, data.effectiveOn ?? null);
			return { revoked: true };
		}
	})
};
