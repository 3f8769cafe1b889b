import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { tokenJurisdiction } from '$lib/server/licensing/api-tokens';
import { cycleCompliance } from '$lib/server/licensing/compliance-data';

const headers = { 'Cache-Control': 'no-store' };

/** GET /api/v1/licences/{number}/compliance — Authorization: Bearer <token>. Shape documented in the README. */
export const GET: RequestHandler = async ({ params, request }) => {
	const jurisdictionId = await tokenJurisdiction(request.headers.get('authorization'));
	if (!jurisdictionId)
		return json({ error: 'unauthorized' }, { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer' } });
	// a licence number is at most 64 characters and never holds a NUL (which PostgreSQL cannot compare): not found
	const wellFormed = params.number.length <= 64 && !params.number.includes('\u0000');
	const licence = wellFormed
		? await db.licence.findUnique({
				where: { jurisdictionId_number: { jurisdictionId, number: params.number } },
				select: { id: true }
			})
		: null;
	const state = licence ? await cycleCompliance(licence.id) : null;
	if (!state) return json({ error: 'not found' }, { status: 404, headers }); // another jurisdiction's licence is not found
	const { verdict, cycle } = state;
	return json(
		{
			licence: { number: state.licence.number, status: state.licence.status, holder: state.licence.holderName },
			cycle: {
				startsOn: cycle.startsOn.toISOString().slice(0, 10),
				endsOn: cycle.endsOn.toISOString().slice(0, 10),
				outcome: cycle.outcome,
				graceUntil: cycle.graceUntil?.toISOString().slice(0, 10) ?? null
			},
			compliance: {
				status: verdict.status,
				required: verdict.required,
				earned: verdict.earned,
				missing: verdict.missing
			},
			entries: verdict.entries
		},
		{ headers }
	);
};
