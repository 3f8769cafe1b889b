import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { exportableModules, packageFileName } from '$lib/server/learning/module-packages';
import { exportModules } from '$lib/server/content/package';
import { contentDisposition } from '$lib/server/content-disposition';
import { m } from '$lib/paraglide/messages';

/** One module of the person's providers as a content package; another provider's module is not revealed (404). */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const mods = await exportableModules(user);
	if (!mods) error(403, m.error_forbidden());
	const mod = mods.find((x) => x.id === params.module);
	if (!mod) error(404, m.not_found());
	return new Response(exportModules([mod]), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(packageFileName([mod])),
			'cache-control': 'private, no-store'
		}
	});
};
