import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tokenJurisdiction } from '$lib/server/licensing/api-tokens';
import { complianceByNumber } from '$lib/server/licensing/compliance-data';
import { fromDate } from '$lib/calendar-day';
import { earnedTypes, entryType } from '$lib/verdict-view';

const headers = { 'Cache-Control': 'no-store' };

/** GET /api/v1/licences/{number}/compliance — Authorization: Bearer <token>. Shape documented in docs/domains/licensing.md. */
export const GET: RequestHandler = async ({ params, request }) => {
	const jurisdictionId = await tokenJurisdiction(request.headers.get('authorization'));
	if (!jurisdictionId)
		return json({ error: 'unauthorized' }, { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer' } });
	const state = await complianceByNumber(jurisdictionId, params.number);
	if (!state) return json({ error: 'not found' }, { status: 404, headers }); // another jurisdiction's licence is not found
	const { verdict, cycle } = state;
	return json(
		{
			licence: { number: state.licence.number, status: state.licence.status, holder: state.licence.holderName },
			cycle: {
				startsOn: fromDate(cycle.startsOn),
				endsOn: fromDate(cycle.endsOn),
				outcome: cycle.outcome,
				graceUntil: cycle.graceUntil ? fromDate(cycle.graceUntil) : null
			},
			compliance: {
				status: verdict.status,
				required: verdict.required,
				// credits per content area and per activity type (summed from the entries for cycles decided before types)
				earned: { ...verdict.earned, types: earnedTypes(verdict) },
				missing: verdict.missing
			},
			// each entry's content area (`category`) and activity type (null when a decision predates types)
			entries: verdict.entries.map((e) => ({ ...e, activityType: entryType(e) }))
		},
		{ headers }
	);
};
