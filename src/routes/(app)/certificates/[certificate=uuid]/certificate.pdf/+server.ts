import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { downloadableCertificate } from '$lib/server/certificates/issuance';
import { certificatePdf } from '$lib/server/certificates/documents';

export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const c = await guarded(() => downloadableCertificate(user, params.certificate));
	const pdf = await certificatePdf(c);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="certificate-${c.code}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
