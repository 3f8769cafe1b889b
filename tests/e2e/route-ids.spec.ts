// Route ids are parsed once (src/params/uuid.ts): a segment that names a row but is not a UUID matches no route, so
// every page, action and endpoint answers 404 for it — found answering 500 for `/evidence/` + 36 dashes and
// `POST /cpd/entries/not-a-uuid` before the matcher.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demo, login } from './helpers';

const MALFORMED = ['-'.repeat(36), 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', "1' or '1'='1"];

/** Every route below a [name=uuid] segment that answers (has a + file), as a path with ":id" for that segment. */
function uuidRoutes(dir = 'src/routes', base = ''): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		const seg = /^\(.*\)$/.test(entry.name)
			? ''
			: /=uuid\]$/.test(entry.name)
				? '/:id'
				: /^\[/.test(entry.name)
					? '/x'
					: `/${entry.name}`;
		const here = base + seg;
		const full = path.join(dir, entry.name);
		if (here.includes(':id') && fs.readdirSync(full).some((f) => f.startsWith('+'))) out.push(here);
		out.push(...uuidRoutes(full, here));
	}
	return [...new Set(out)].sort();
}

test('a malformed id in any route that names a row is a 404, for pages and posts alike', async ({ page, baseURL }) => {
	const routes = uuidRoutes();
	expect(routes.length).toBeGreaterThanOrEqual(14);
	await login(page, demo('admin'));
	for (const route of routes) {
		for (const bad of MALFORMED) {
			const url = route.replace(':id', encodeURIComponent(bad));
			const got = await page.request.get(url, { headers: { accept: 'text/html' }, maxRedirects: 0 });
			expect(got.status(), `GET ${url}`).toBe(404);
			const posted = await page.request.post(url, {
				form: { x: '1' },
				headers: { origin: baseURL!, accept: 'application/json' },
				maxRedirects: 0
			});
			expect(posted.status(), `POST ${url}`).toBe(404);
		}
	}
});

test('the two malformed ids first found answering 500 are 404 for the signed-in learner', async ({ page, baseURL }) => {
	await login(page, demo('learner'));
	expect((await page.request.get(`/evidence/${'-'.repeat(36)}`, { maxRedirects: 0 })).status()).toBe(404);
	const posted = await page.request.post('/cpd/entries/not-a-uuid', {
		form: { note: 'x' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(404);
});
