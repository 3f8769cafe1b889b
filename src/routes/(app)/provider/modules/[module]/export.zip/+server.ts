import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { draftPackage, exportableModules, modulePackage, packageFileName } from '$lib/server/learning/module-packages';
import { contentDisposition } from '$lib/server/content-disposition';
import { m } from '$lib/paraglide/messages';

const zip = (body: Uint8Array<ArrayBuffer>, name: string) =>
	new Response(body, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(name),
			'cache-control': 'private, no-store'
		}
	});

/** One module of the person's providers as a content package; another provider's module is not revealed (404).
 *  `?draft=1`: an authored module's draft, for the people who write for its provider. */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = requireUser();
	if (url.searchParams.get('draft') === '1') {
		const { zip: body, fileName } = await guarded(() => draftPackage(user, params.module));
		return zip(body, fileName);
	}
	const mods = await exportableModules(user);
	if (!mods) error(403, m.error_forbidden());
	const mod = mods.find((x) => x.id === params.module);
	if (!mod) error(404, m.not_found());
	return zip(await modulePackage([mod]), packageFileName([mod]));
};
