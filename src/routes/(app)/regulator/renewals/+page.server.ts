import type { PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { renewalQueue } from '$lib/server/licensing/licences';
import { QUEUE_FILTERS, inQueueFilter, parseQueueFilter, queueCounts } from '$lib/server/licensing/queue-filter';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRegulator();
	const all = await renewalQueue(user);
	const filter = parseQueueFilter(url.searchParams.get('state'));
	return {
		queue: filter ? all.filter((c) => inQueueFilter(c, filter)) : all,
		filter,
		filters: QUEUE_FILTERS,
		counts: { all: all.length, ...queueCounts(all) }
	};
};
