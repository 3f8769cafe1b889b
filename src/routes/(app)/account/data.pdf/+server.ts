import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { myData, myDataPdf, recordDownload } from '$lib/server/privacy/my-data';
import { clientIp } from '$lib/server/http';
import { dayOf } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

/** A readable summary of the signed-in person's data (the JSON download has every row). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser();
	const data = await myData(user.id, event.url.origin);
	if (!data) error(404, m.not_found());
	const pdf = await myDataPdf(data);
	await recordDownload(user.id, 'pdf', clientIp(event));
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="credo-my-data-${dayOf(data.generatedAt)}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
