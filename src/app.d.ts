import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			/** set by handleError when the request failed because PostgreSQL could not be reached (→ 503) */
			databaseUnavailable?: boolean;
			/** server-rendered HTML put into the page after rendering (lib/server/hot/html-slots.ts) */
			htmlSlots?: Map<string, string>;
			/** a hot page's own data, read in the same statement as the session (lib/server/hot/page-extras.ts) */
			sessionExtra?: { name: string; value: unknown };
		}
		interface Error {
			message: string;
			id?: string;
			/** refused until the person confirms their address: the error page offers the link again */
			confirmEmail?: boolean;
		}
	}
}

export {};
