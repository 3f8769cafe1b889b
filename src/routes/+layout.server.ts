import type { LayoutServerLoad } from './$types';
import { unreadCount } from '$lib/server/people/notifications';
import { menuFor, MENU_HREF } from '$lib/server/navigation/menu';
import { PRIVACY_NOTICE_VERSION } from '$lib/server/privacy/notice';

// The browser gets only these fields of the user, never the session or password hash.
export const load: LayoutServerLoad = async ({ locals, request }) => {
	const user = locals.user;
	if (!user) return { user: null, menu: [], unread: 0, privacyPending: null };
	return {
		user: { name: user.name, email: user.email, emailVerified: user.emailVerified },
		// the current privacy notice not yet accepted: a banner links to /privacy (known from the session query)
		privacyPending: user.privacyAccepted === false ? PRIVACY_NOTICE_VERSION : null,
		menu: menuFor(user).map((key) => ({ key, href: MENU_HREF[key] })),
		// from the session lookup on a plain page view; counted again after a form post (it may have read notices)
		unread: request.method === 'GET' && user.unread !== undefined ? user.unread : await unreadCount(user.id)
	};
};
