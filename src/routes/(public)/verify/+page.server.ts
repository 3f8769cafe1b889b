import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The form submits with GET; a typed code goes to its verification page (spaces and case do not matter there). */
export const load: PageServerLoad = async ({ url }) => {
	const code = (url.searchParams.get('code') ?? '').trim().slice(0, 100);
	if (code) redirect(303, `/verify/${encodeURIComponent(code)}`);
	return {};
};
