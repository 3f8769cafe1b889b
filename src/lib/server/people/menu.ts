import type { SessionUser } from '../auth/session';
import { canInvite } from './roles';
import { isAdmin } from '../auth/guards';

export type MenuItem = 'dashboard' | 'inbox' | 'invite' | 'admin' | 'account';

/** The menu follows the roles held; pages still check each permission on the server. */
export function menuFor(user: SessionUser): MenuItem[] {
	const items: MenuItem[] = ['dashboard', 'inbox'];
	if (canInvite(user)) items.push('invite');
	if (isAdmin(user)) items.push('admin');
	items.push('account');
	return items;
}
