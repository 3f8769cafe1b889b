import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { myData, myDataPdf } from '$lib/server/privacy/my-data';
import { audit } from '$lib/server/audit/audit';
import { db } from '$lib/server/db';
import { clientIp } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** A readable summary of the signed-in person's data (the JSON download has every row). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser();
	const data = await myData(user.id, event.url.origin);
	if (!data) error(404, m.not_found());
	const pdf = await myDataPdf(data);
	await audit(db, {
		actorId: user.id,
		action: 'person.data_downloaded',
		subjectType: 'user',
		subjectId: user.id,
		ip: clientIp(event),
		data: { format: 'pdf' }
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="credo-my-data-${data.generatedAt.slice(0, 10)}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
