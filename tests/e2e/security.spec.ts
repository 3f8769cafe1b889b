import { expect, test } from '@playwright/test';

test('pages carry a CSP without unsafe-inline scripts and the other security headers', async ({ request }) => {
	const r = await request.get('/login');
	const h = r.headers();
	const csp = h['content-security-policy'];
	const script = /script-src ([^;]*)/.exec(csp)![1];
	expect(script).not.toContain('unsafe-inline');
	expect(script).toMatch(/'self'/);
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(h['x-frame-options']).toBe('DENY');
});

test('cross-origin form posts are refused', async ({ request }) => {
	const r = await request.post('/login', {
		form: { email: 'learner@demo.credo.test', password: 'credo-demo-2026' },
		headers: { origin: 'https://evil.example', accept: 'text/html' }
	});
	expect(r.status()).toBe(403);
	expect(r.headers()['set-cookie'] ?? '').not.toContain('credo_session');
});

test('healthz reports the database', async ({ request }) => {
	const r = await request.get('/healthz');
	expect(r.status()).toBe(200);
	expect(await r.json()).toMatchObject({ status: 'ok', database: 'up' });
});

test('an open redirect through ?next= is not possible', async ({ page }) => {
	await page.goto('/login?next=//evil.example/');
	await page.getByLabel('Email address').fill('learner@demo.credo.test');
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill('credo-demo-2026');
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/dashboard/);
});
