import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportJson, myData } from '$lib/server/privacy/my-data';
import { audit } from '$lib/server/audit/audit';
import { db } from '$lib/server/db';
import { clientIp } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** Everything Credo holds about the signed-in person (never anyone else: there is no parameter to choose whom). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser();
	const data = await myData(user.id, event.url.origin);
	if (!data) error(404, m.not_found());
	await audit(db, {
		actorId: user.id,
		action: 'person.data_downloaded',
		subjectType: 'user',
		subjectId: user.id,
		ip: clientIp(event),
		data: { format: 'json' }
	});
	return new Response(exportJson(data), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="credo-my-data-${data.generatedAt.slice(0, 10)}.json"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
