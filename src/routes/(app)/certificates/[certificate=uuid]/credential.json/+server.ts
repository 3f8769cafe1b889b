import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { downloadableCertificate } from '$lib/server/certificates/issuance';
import { credentialFor } from '$lib/server/certificates/credentials';

/** The certificate as a signed Open Badges 3.0 credential, for the holder's wallet or backpack. */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const c = await guarded(() => downloadableCertificate(user, params.certificate));
	const credential = await guarded(() => credentialFor(c.id)); // 409 for a certificate recorded from records, or revoked
	return new Response(JSON.stringify(credential, null, 2), {
		headers: {
			'Content-Type': 'application/vc', // the VC 2.0 media type of a credential secured by an embedded proof
			'Content-Disposition': `attachment; filename="credential-${c.code}.json"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
