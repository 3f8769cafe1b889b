// Hot pages whose own data is read in the same statement as the session: one round trip to PostgreSQL per page view
// instead of two (each round trip costs this process a write and a wake-up of the database, measured as the largest
// single cost of the module page). Only for GET (a page view or its client-side data request): a form post reads
// its data after acting.
import type { RequestEvent } from '@sveltejs/kit';
import type { SessionExtra } from './session-lookup';
import { progressFragment } from '../learning/progress';

const byRoute: Record<string, (event: RequestEvent) => SessionExtra> = {
	// the module page: the learner's standing on the module in the URL (learning/progress.ts)
	'/(app)/learn/[module]': (event) => ({
		name: 'module-progress',
		fragment: progressFragment(event.params.module ?? '')
	})
};

/** What to read with the session for this request, if anything. */
export function sessionExtraFor(event: RequestEvent): SessionExtra | undefined {
	if (event.request.method !== 'GET' || !event.route.id) return undefined;
	return byRoute[event.route.id]?.(event);
}

/** The value read with the session under this name for this request; undefined when it was not (the page reads it). */
export function readWithSession<T>(event: RequestEvent, name: string): T | undefined {
	const extra = event.locals.sessionExtra;
	return extra?.name === name ? (extra.value as T) : undefined;
}
