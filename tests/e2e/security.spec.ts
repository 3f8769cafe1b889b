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
	// signed in, /login sends the person on at once: the forms the review found (issue 15 item 1) stay on this site
	for (const next of ['/%5Cevil.example/phish', '/%09/evil.example/', '/%2F%2Fevil.example/', 'javascript:alert(1)']) {
		const r = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(r.headers()['location'], next).toBe('/dashboard');
	}
	await page.goto('/login?next=/%5Cevil.example/phish');
	await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/dashboard/);
});

test('healthz answers 503 when the database is unreachable', async () => {
	const { spawn } = await import('node:child_process');
	const port = 4199;
	const server = spawn('node', ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: 'postgresql://credo:x@127.0.0.1:1/none'
		},
		stdio: 'ignore'
	});
	try {
		let status = 0;
		for (let i = 0; i < 50 && !status; i++) {
			status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
				(r) => r.status,
				() => 0
			);
			if (!status) await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(503);
		// a page still answers with an error page, never a stack trace
		const home = await fetch(`http://127.0.0.1:${port}/login`);
		expect(await home.text()).not.toMatch(/at .*\.js:\d+/);
	} finally {
		server.kill();
	}
});
