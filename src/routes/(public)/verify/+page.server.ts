import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Plain HTML, no JavaScript: a public page often opened from a QR code on a phone, and it needs none (its form is a
// GET). Without client-side rendering it also sends no script links or hydration data, so it is smaller and faster.
export const csr = false;

/** The form submits with GET; a typed code goes to its verification page (spaces and case do not matter there). */
export const load: PageServerLoad = async ({ url }) => {
	const code = (url.searchParams.get('code') ?? '').trim().slice(0, 100);
	if (code) redirect(303, `/verify/${encodeURIComponent(code)}`);
	return {};
};
