import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportableModules, modulePackage, packageFileName } from '$lib/server/learning/module-packages';
import { contentDisposition } from '$lib/server/content-disposition';
import { m } from '$lib/paraglide/messages';

/** Every module of the person's providers (a global administrator: all), content/ and published authored modules, as
 *  a content package. */
export const GET: RequestHandler = async () => {
	const user = requireUser();
	const mods = await exportableModules(user);
	if (!mods) error(403, m.error_forbidden());
	return new Response(await modulePackage(mods), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(packageFileName(mods)),
			'cache-control': 'private, no-store'
		}
	});
};
