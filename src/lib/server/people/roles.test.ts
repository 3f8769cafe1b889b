import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_ORG_TYPE, ROLE_SCOPES, canInvite, grantableBy, mayGrant } from './roles';
import type { SessionUser } from '../auth/session';

const U = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const J = '33333333-3333-4333-8333-333333333333';

function user(memberships: SessionUser['memberships']): SessionUser {
	return { id: 'u', email: 'u@x.test', name: 'U', emailVerified: true, locale: 'en', memberships };
}
const coordinator = user([
	{ id: '1', role: 'COORDINATOR', organisationId: U, jurisdictionId: null, orgJurisdictionId: J }
]);
const regulator = user([
	{ id: '2', role: 'REGULATOR', organisationId: null, jurisdictionId: J, orgJurisdictionId: null }
]);
const learner = user([{ id: '3', role: 'LEARNER', organisationId: null, jurisdictionId: J, orgJurisdictionId: null }]);

describe('nobody grants a role wider than their own', () => {
	it('a coordinator invites students and field supervisors into their own university only', () => {
		expect(mayGrant(coordinator, { role: 'LEARNER', organisationId: U, jurisdictionId: null })).toBe(true);
		expect(mayGrant(coordinator, { role: 'SUPERVISOR', organisationId: U, jurisdictionId: null })).toBe(true);
		expect(mayGrant(coordinator, { role: 'SUPERVISOR', organisationId: OTHER, jurisdictionId: null })).toBe(false);
		expect(mayGrant(coordinator, { role: 'COORDINATOR', organisationId: U, jurisdictionId: null })).toBe(false);
		expect(mayGrant(coordinator, { role: 'ADMIN', organisationId: null, jurisdictionId: null })).toBe(false);
	});

	it('a regulator grants regulator and analyst roles in their jurisdiction, nothing global', () => {
		expect(mayGrant(regulator, { role: 'ANALYST', organisationId: null, jurisdictionId: J })).toBe(true);
		expect(mayGrant(regulator, { role: 'REGULATOR', organisationId: null, jurisdictionId: OTHER })).toBe(false);
		expect(mayGrant(regulator, { role: 'ADMIN', organisationId: null, jurisdictionId: null })).toBe(false);
	});

	it('a learner grants nothing', () => {
		expect(grantableBy(learner)).toEqual([]);
	});
});

describe('a jurisdiction administrator', () => {
	const jurAdmin = user([{ id: '4', role: 'ADMIN', organisationId: null, jurisdictionId: J, orgJurisdictionId: null }]);

	it('invites administrators, regulators and analysts into their own jurisdiction only', () => {
		expect(mayGrant(jurAdmin, { role: 'ADMIN', organisationId: null, jurisdictionId: J })).toBe(true);
		expect(mayGrant(jurAdmin, { role: 'REGULATOR', organisationId: null, jurisdictionId: J })).toBe(true);
		expect(mayGrant(jurAdmin, { role: 'ADMIN', organisationId: null, jurisdictionId: OTHER })).toBe(false);
		expect(mayGrant(jurAdmin, { role: 'ANALYST', organisationId: null, jurisdictionId: OTHER })).toBe(false);
	});

	it('never grants the global administrator role', () => {
		expect(mayGrant(jurAdmin, { role: 'ADMIN', organisationId: null, jurisdictionId: null })).toBe(false);
		expect(canInvite(jurAdmin)).toBe(true);
	});

	it('a global administrator hands on nothing through grantableBy (mayGrant lets them grant anything)', () => {
		const admin = user([
			{ id: '5', role: 'ADMIN', organisationId: null, jurisdictionId: null, orgJurisdictionId: null }
		]);
		expect(grantableBy(admin)).toEqual([]);
		expect(mayGrant(admin, { role: 'ADMIN', organisationId: null, jurisdictionId: J })).toBe(true);
	});
});

describe('the module author (issue 22)', () => {
	const P = '44444444-4444-4444-8444-444444444444';
	const providerAdmin = user([
		{ id: '6', role: 'PROVIDER', organisationId: P, jurisdictionId: null, orgJurisdictionId: J }
	]);
	const author = user([{ id: '7', role: 'AUTHOR', organisationId: P, jurisdictionId: null, orgJurisdictionId: J }]);

	it('a provider admin invites authors (and provider admins) into their own provider, not into another', () => {
		expect(mayGrant(providerAdmin, { role: 'AUTHOR', organisationId: P, jurisdictionId: null })).toBe(true);
		expect(mayGrant(providerAdmin, { role: 'PROVIDER', organisationId: P, jurisdictionId: null })).toBe(true);
		expect(mayGrant(providerAdmin, { role: 'AUTHOR', organisationId: OTHER, jurisdictionId: null })).toBe(false);
		expect(mayGrant(providerAdmin, { role: 'AUTHOR', organisationId: null, jurisdictionId: J })).toBe(false);
		expect(grantableBy(providerAdmin).map((g) => g.role)).toEqual(['PROVIDER', 'AUTHOR']);
	});

	it('an author invites nobody, not even another author', () => {
		expect(grantableBy(author)).toEqual([]);
		expect(canInvite(author)).toBe(false);
		expect(mayGrant(author, { role: 'AUTHOR', organisationId: P, jurisdictionId: null })).toBe(false);
		expect(mayGrant(author, { role: 'PROVIDER', organisationId: P, jurisdictionId: null })).toBe(false);
	});

	it('is held in an organisation only, and only in a training provider', () => {
		expect(ROLE_SCOPES.AUTHOR).toEqual(['organisation']);
		expect(ROLE_ORG_TYPE.AUTHOR).toBe('TRAINING_PROVIDER');
		expect(ROLES).toContain('AUTHOR');
	});
});
