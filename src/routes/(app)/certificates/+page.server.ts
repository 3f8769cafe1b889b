import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { fromDate } from '$lib/calendar-day';
import { requireUser } from '$lib/server/auth/guards';
import { claimCertificate, learnerOverview } from '$lib/server/certificates/issuance';
import { formatVerificationCode } from '$lib/server/certificates/code';
import { formAction } from '$lib/server/http';
import { uuid } from '$lib/server/forms/fields';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const overview = await learnerOverview(user.id);
	const today = fromDate(new Date());
	return {
		...overview,
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
