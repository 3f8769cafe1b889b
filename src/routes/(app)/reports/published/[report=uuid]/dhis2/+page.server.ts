import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { problemText, publishedDhis2 } from '$lib/server/indicators/dhis2-export';

/** Before the download: the problems that refuse it (each as a sentence), or the number of values it holds. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const { published, result } = await guarded(() => publishedDhis2(user, params.report));
	return {
		id: published.id,
		title: published.title,
		problems: result.ok ? [] : result.problems.map(problemText),
		count: result.ok ? result.dataValueSet.dataValues.length : 0
	};
};
