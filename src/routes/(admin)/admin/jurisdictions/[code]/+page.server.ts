import type { PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { setupStatus } from '$lib/server/setup/status';

export const load: PageServerLoad = async ({ params, url }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	const { code, name, timeZone, defaultLocale } = jurisdiction;
	return {
		jurisdiction: { code, name, timeZone, defaultLocale },
		qaScorer: jurisdiction.qaScorer,
		status: await setupStatus(jurisdiction.id),
		created: url.searchParams.has('created')
	};
};
