import { describe, expect, it } from 'vitest';
import { adminJurisdictions, administers, administersAny, hasRole, isAdmin } from './scope';
import type { Membership, SessionUser } from './session';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const ORG_IN_A = '33333333-3333-4333-8333-333333333333';

function user(...memberships: Omit<Membership, 'id'>[]): SessionUser {
	return {
		id: 'u',
		email: 'u@x.test',
		name: 'U',
		emailVerified: true,
		locale: 'en',
		memberships: memberships.map((mem, i) => ({ id: String(i), ...mem }))
	};
}
const none = { organisationId: null, jurisdictionId: null, orgJurisdictionId: null };
const globalAdmin = user({ role: 'ADMIN', ...none });
const adminOfA = user({ role: 'ADMIN', ...none, jurisdictionId: A });
const regulatorOfA = user({ role: 'REGULATOR', ...none, jurisdictionId: A });
const learner = user({ role: 'LEARNER', ...none, jurisdictionId: A });

describe('global and jurisdiction administrators', () => {
	it('only an ADMIN membership without a scope is a global administrator', () => {
		expect(isAdmin(globalAdmin)).toBe(true);
		expect(isAdmin(adminOfA)).toBe(false);
		expect(isAdmin(regulatorOfA)).toBe(false);
		expect(isAdmin(null)).toBe(false);
	});

	it('a global administrator administers every jurisdiction', () => {
		expect(adminJurisdictions(globalAdmin)).toBeNull();
		expect(administers(globalAdmin, A)).toBe(true);
		expect(administers(globalAdmin, B)).toBe(true);
	});

	it("a jurisdiction's administrator administers that jurisdiction and no other", () => {
		expect(adminJurisdictions(adminOfA)).toEqual([A]);
		expect(administers(adminOfA, A)).toBe(true);
		expect(administers(adminOfA, B)).toBe(false);
	});

	it('an administrator of two jurisdictions administers both, listed once each', () => {
		const both = user({ role: 'ADMIN', ...none, jurisdictionId: A }, { role: 'ADMIN', ...none, jurisdictionId: B });
		expect(adminJurisdictions(both)?.sort()).toEqual([A, B]);
	});

	it('a regulator of a jurisdiction is not its administrator, nor is anyone signed out', () => {
		expect(adminJurisdictions(regulatorOfA)).toEqual([]);
		expect(administers(regulatorOfA, A)).toBe(false);
		expect(administers(null, A)).toBe(false);
	});

	it('the /admin area opens for global and jurisdiction administrators only', () => {
		expect(administersAny(globalAdmin)).toBe(true);
		expect(administersAny(adminOfA)).toBe(true);
		expect(administersAny(regulatorOfA)).toBe(false);
		expect(administersAny(learner)).toBe(false);
		expect(administersAny(null)).toBe(false);
	});
});

describe('hasRole with a scope', () => {
	it("a jurisdiction's administrator holds ADMIN in their jurisdiction and its organisations, not in another", () => {
		expect(hasRole(adminOfA, 'ADMIN', { jurisdictionId: A })).toBe(true);
		expect(hasRole(adminOfA, 'ADMIN', { organisationId: ORG_IN_A }, A)).toBe(true);
		expect(hasRole(adminOfA, 'ADMIN', { jurisdictionId: B })).toBe(false);
	});

	it('a global administrator holds ADMIN in every scope', () => {
		expect(hasRole(globalAdmin, 'ADMIN', { jurisdictionId: B })).toBe(true);
		expect(hasRole(globalAdmin, 'ADMIN', { organisationId: ORG_IN_A }, A)).toBe(true);
	});

	it('without a scope any ADMIN membership matches — which is why admin pages use requireAdmin, not requireRole', () => {
		expect(hasRole(adminOfA, 'ADMIN')).toBe(true);
		expect(isAdmin(adminOfA)).toBe(false);
	});
});
