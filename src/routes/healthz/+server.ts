import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { databaseUp } from '$lib/server/health';

export const GET: RequestHandler = async () => {
	const started = performance.now();
	if (await databaseUp())
		return json(
			{ status: 'ok', database: 'up', ms: Math.round(performance.now() - started) },
			{ headers: { 'Cache-Control': 'no-store' } }
		);
	return json(
		{ status: 'degraded', database: 'unreachable' },
		{ status: 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
