import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { downloadableCertificate } from '$lib/server/certificates/issuance';
import { certificatePdf } from '$lib/server/certificates/documents';

export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	let c;
	try {
		c = await downloadableCertificate(user, params.certificate);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
	const pdf = await certificatePdf(c);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="certificate-${c.code}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
