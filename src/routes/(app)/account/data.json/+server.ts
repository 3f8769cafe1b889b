import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportJson, myData, recordDownload } from '$lib/server/privacy/my-data';
import { clientIp } from '$lib/server/http';
import { dayOf } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

/** Everything Credo holds about the signed-in person (never anyone else: there is no parameter to choose whom). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser();
	const data = await myData(user.id, event.url.origin);
	if (!data) error(404, m.not_found());
	await recordDownload(user.id, 'json', clientIp(event));
	return new Response(exportJson(data), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="credo-my-data-${dayOf(data.generatedAt)}.json"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
