import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { downloadableCertificate } from '$lib/server/certificates/issuance';
import { credentialFor } from '$lib/server/certificates/credentials';

/** The certificate as a signed Open Badges 3.0 credential, for the holder's wallet or backpack. */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	let c;
	try {
		c = await downloadableCertificate(user, params.certificate);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
	const credential = await credentialFor(c.id);
	return new Response(JSON.stringify(credential, null, 2), {
		headers: {
			'Content-Type': 'application/vc+ld+json',
			'Content-Disposition': `attachment; filename="credential-${c.code}.json"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
