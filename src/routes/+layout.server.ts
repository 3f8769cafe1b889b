import type { LayoutServerLoad } from './$types';
import { unreadCount } from '$lib/server/people/notifications';
import { menuFor, MENU_HREF } from '$lib/server/people/menu';

// The browser gets only these fields of the user, never the session or password hash.
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) return { user: null, menu: [], unread: 0 };
	return {
		user: { name: user.name, email: user.email, emailVerified: user.emailVerified },
		menu: menuFor(user).map((key) => ({ key, href: MENU_HREF[key] })),
		unread: await unreadCount(user.id)
	};
};
