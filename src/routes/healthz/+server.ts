import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';

export const GET: RequestHandler = async () => {
	const started = performance.now();
	try {
		await db.$queryRaw`select 1`;
		return json(
			{ status: 'ok', database: 'up', ms: Math.round(performance.now() - started) },
			{ headers: { 'Cache-Control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'degraded', database: 'unreachable' },
			{ status: 503, headers: { 'Cache-Control': 'no-store' } }
		);
	}
};
