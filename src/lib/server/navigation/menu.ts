import type { SessionUser } from '../auth/session';
import { canInvite } from '../people/roles';
import { administersAny, isAdmin } from '../auth/guards';

export type MenuItem =
	| 'dashboard'
	| 'learn'
	| 'competencies'
	| 'cpd'
	| 'certificates'
	| 'programmes'
	| 'modules'
	| 'practicum'
	| 'supervision'
	| 'review'
	| 'regulator'
	| 'indicators'
	| 'workers'
	| 'inbox'
	| 'invite'
	| 'admin'
	| 'account';

export const MENU_HREF: Record<MenuItem, string> = {
	dashboard: '/dashboard',
	learn: '/learn',
	competencies: '/me/competencies',
	cpd: '/cpd',
	certificates: '/certificates',
	programmes: '/provider/programmes',
	modules: '/provider/modules',
	practicum: '/practicum',
	supervision: '/supervision',
	review: '/cpd/review',
	regulator: '/regulator',
	indicators: '/reports/indicators',
	workers: '/workers',
	inbox: '/inbox',
	invite: '/invite',
	admin: '/admin',
	account: '/account'
};

/** The menu follows the roles held; pages still check each permission on the server. */
export function menuFor(user: SessionUser): MenuItem[] {
	const items: MenuItem[] = ['dashboard', 'learn', 'competencies', 'cpd', 'certificates'];
	if (user.memberships.some((mem) => mem.role === 'PROVIDER')) items.push('programmes');
	// the modules written in the browser (issue 22): a provider administrator and the authors they invite
	if (user.memberships.some((mem) => (mem.role === 'PROVIDER' || mem.role === 'AUTHOR') && mem.organisationId))
		items.push('modules');
	if (user.memberships.some((mem) => ['COORDINATOR', 'SUPERVISOR'].includes(mem.role) || mem.role === 'LEARNER'))
		items.push('practicum');
	if (user.memberships.some((mem) => mem.role === 'SUPERVISOR' || mem.role === 'LEARNER')) items.push('supervision');
	if (user.memberships.some((mem) => mem.role === 'PROVIDER' || mem.role === 'REGULATOR')) items.push('review');
	if (user.memberships.some((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId)) items.push('regulator');
	if (
		administersAny(user) ||
		user.memberships.some(
			// an analyst of a ministry organisation reads its jurisdiction's indicators (indicators/access.ts)
			(mem) =>
				(mem.role === 'REGULATOR' && mem.jurisdictionId) ||
				(mem.role === 'ANALYST' && (mem.jurisdictionId || mem.orgJurisdictionId))
		)
	)
		items.push('indicators');
	// the worker register: its regulators, analysts and administrators (workforce/register.ts registerJurisdictions)
	if (
		isAdmin(user) ||
		user.memberships.some((mem) => ['REGULATOR', 'ANALYST', 'ADMIN'].includes(mem.role) && mem.jurisdictionId)
	)
		items.push('workers');
	items.push('inbox');
	if (canInvite(user)) items.push('invite');
	// global administrators and each jurisdiction's administrators (who see only theirs in /admin)
	if (administersAny(user)) items.push('admin');
	items.push('account');
	return items;
}
