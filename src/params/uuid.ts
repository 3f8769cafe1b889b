// The one route-id parser: a path segment that is not a UUID as PostgreSQL reads one (8-4-4-4-12 hex digits) matches
// no route, so SvelteKit answers 404 before any load or action runs and nothing malformed reaches the database.
import type { ParamMatcher } from '@sveltejs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const match = ((param: string): param is string => UUID.test(param)) satisfies ParamMatcher;
