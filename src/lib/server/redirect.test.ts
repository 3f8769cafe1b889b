// Issue 15 item 1: `next` after logging in and after switching language must stay on this site.
import { describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { safeRedirectTarget } from './redirect';
import { load as loginLoad } from '../../routes/(public)/login/+page.server';
import { actions as localeActions } from '../../routes/locale/+page.server';

// each of these reached evil.example (a browser reads `\` as `/` and drops tabs inside a URL)
const ATTACKS = [
	'/\\evil.example/phish',
	'/%5Cevil.example/phish',
	'/%5cevil.example/phish',
	'/\t/evil.example/',
	'/%09/evil.example/',
	'/\n/evil.example/',
	'/%0A/evil.example/',
	'/%2F%2Fevil.example/',
	'/%2f/evil.example/',
	'/%252F%252Fevil.example/',
	'/%255Cevil.example/',
	'//evil.example',
	'///evil.example',
	'\\\\evil.example',
	'\t//evil.example',
	' //evil.example',
	'https://evil.example/',
	'http:evil.example',
	'HTTPS://evil.example/',
	'javascript:alert(1)',
	'JavaScript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'evil.example',
	'/cpd\r\nSet-Cookie: a=b',
	'/%E0%A4%A', // a malformed escape
	'/' + 'x'.repeat(2_001)
];

async function location(fn: () => unknown): Promise<string> {
	try {
		await fn();
	} catch (e) {
		if (isRedirect(e)) return e.location;
		throw e;
	}
	throw new Error('expected a redirect');
}

function formEvent(path: string, fields: Record<string, string>): never {
	const body = new URLSearchParams(fields);
	const url = new URL(path, 'http://127.0.0.1:5331');
	return {
		url,
		request: new Request(url, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		}),
		locals: { user: null },
		params: {},
		cookies: { set: () => {} },
		getClientAddress: () => '10.9.9.9'
	} as unknown as never;
}

describe('safeRedirectTarget: same-origin paths only', () => {
	it('keeps a path of this site, with its query', () => {
		expect(safeRedirectTarget('/cpd?x=1', '/d')).toBe('/cpd?x=1');
		expect(safeRedirectTarget('/workers?q=a%2Fb#top', '/d')).toBe('/workers?q=a%2Fb#top');
		expect(safeRedirectTarget('/', '/d')).toBe('/');
		expect(safeRedirectTarget('/workers?q=Amélie', '/d')).toBe('/workers?q=Am%C3%A9lie');
	});

	it('refuses backslashes, tabs, their encoded forms, //, absolute URLs and javascript:', () => {
		for (const bad of ATTACKS) expect(safeRedirectTarget(bad, '/d'), JSON.stringify(bad)).toBe('/d');
		expect(safeRedirectTarget(null, '/d')).toBe('/d');
		expect(safeRedirectTarget(undefined, '/d')).toBe('/d');
		expect(safeRedirectTarget('', '/d')).toBe('/d');
	});
});

describe('the redirects that take a target from the request', () => {
	it('/login?next=… sends a signed-in person only to a path of this site', async () => {
		for (const bad of ATTACKS) {
			const url = new URL('http://127.0.0.1/login');
			url.searchParams.set('next', bad);
			// also the raw form the report used: /login?next=/%5Cevil.example/phish
			for (const u of [url, new URL(`http://127.0.0.1/login?next=${bad.replace(/[\t\n\r ]/g, encodeURIComponent)}`)]) {
				const to = await location(() => loginLoad({ locals: { user: { id: 'x' } }, url: u } as never));
				expect(to, `${u.search}`).toBe('/dashboard');
			}
		}
		const ok = new URL('http://127.0.0.1/login?next=%2Fcpd%3Fx%3D1');
		expect(await location(() => loginLoad({ locals: { user: { id: 'x' } }, url: ok } as never))).toBe('/cpd?x=1');
	});

	it('POST /locale with next=… goes back only to a path of this site', async () => {
		for (const bad of ATTACKS) {
			const to = await location(() => localeActions.default(formEvent('/locale', { locale: 'fr', next: bad })));
			expect(to, JSON.stringify(bad)).toBe('/');
		}
		expect(await location(() => localeActions.default(formEvent('/locale', { locale: 'fr', next: '/cpd?x=1' })))).toBe(
			'/cpd?x=1'
		);
	});
});
