// Item 6 of issue 15: holders of a role other than learner confirm their address before they act.
import { describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { SessionUser } from './session';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

let signedIn: SessionUser | null = null;
let method = 'GET';
vi.mock('$app/server', () => ({
	getRequestEvent: () => ({
		locals: { user: signedIn },
		url: new URL('http://credo.test/practicum'),
		request: new Request('http://credo.test/practicum', { method })
	})
}));
const { requireRole, requireSignedIn, requireUser } = await import('./guards');

function status(check: () => unknown): { status: number; confirmEmail?: boolean } {
	try {
		check();
		return { status: 200 };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, confirmEmail: (e.body as { confirmEmail?: boolean }).confirmEmail };
		throw e;
	}
}

describe('an unverified address may look but not act, except as a learner', () => {
	it('refuses the POSTs of an unverified supervisor (403, with the way to confirm), lets their GETs through', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'UNIVERSITY');
		const unverifiedSupervisor = await sessionUserOf(
			(await makeUser([{ role: 'SUPERVISOR', organisationId: org.id }], false)).id
		);
		const unverifiedLearner = await sessionUserOf(
			(await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }], false)).id
		);
		const verifiedSupervisor = await sessionUserOf(
			(await makeUser([{ role: 'SUPERVISOR', organisationId: org.id }])).id
		);
		signedIn = unverifiedSupervisor;
		method = 'GET';
		expect(status(() => requireUser()).status).toBe(200);
		method = 'POST';
		expect(status(() => requireUser())).toEqual({ status: 403, confirmEmail: true });
		expect(status(() => requireRole('SUPERVISOR')).status).toBe(403);
		// the few things they must still do: ask for the link again
		expect(status(() => requireSignedIn()).status).toBe(200);

		signedIn = unverifiedLearner; // a learner acts on their own account only
		expect(status(() => requireUser()).status).toBe(200);
		signedIn = verifiedSupervisor;
		expect(status(() => requireRole('SUPERVISOR')).status).toBe(200);
	});
});
