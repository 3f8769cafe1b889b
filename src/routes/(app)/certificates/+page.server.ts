import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { fromDate } from '$lib/calendar-day';
import { requireUser } from '$lib/server/auth/guards';
import { claimCertificate, learnerOverview } from '$lib/server/certificates/issuance';
import { formatVerificationCode } from '$lib/server/certificates/code';
import { formAction } from '$lib/server/http';
import { uuid } from '$lib/server/forms/fields';
import { heldByProgramme } from '$lib/server/certificates/held';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const overview = await learnerOverview(user.id);
	const today = fromDate(new Date());
	// a programme whose certificate she holds today is shown as held, its requirements as those of a renewed one
	const held = heldByProgramme(overview.certificates, today);
	return {
		...overview,
		programmes: overview.programmes.map((p) => {
			const c = held.get(p.id);
			return { ...p, current: c ? { expiresOn: c.expiresOn } : null };
		}),
		certificates: overview.certificates.map((c) => ({
			id: c.id,
			code: formatVerificationCode(c.code),
			programme: c.programme.title,
			provider: c.programme.provider.name,
			issuedOn: c.issuedOn,
			expiresOn: c.expiresOn,
			revokedAt: c.revokedAt,
			revokedOn: c.revokedOn,
			revokeReason: c.revokeReason,
			source: c.source,
			recordedNumber: c.externalNumber,
			expired: !!c.expiresOn && fromDate(c.expiresOn) < today
		}))
	};
};

export const actions: Actions = {
	claim: formAction({
		guard: () => requireUser(),
		schema: z.object({ programmeId: uuid() }),
		run: async ({ user, data }) => {
			await claimCertificate(user, data.programmeId);
			return { claimed: true };
		},
		name: 'claim'
	})
};
