// Every form: empty, 10,000 characters and wrong types give a message beside the field and change nothing.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { count, demo, login, query } from './helpers';

const LONG = 'x'.repeat(10_000);

async function post(
	request: APIRequestContext,
	url: string,
	baseURL: string,
	form: Record<string, string>,
	multipart = false
) {
	const headers = { origin: baseURL, accept: 'text/html' };
	return multipart
		? request.post(url, {
				multipart: {
					...form,
					file: { name: 'a.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2]) }
				},
				headers
			})
		: request.post(url, { form, headers });
}

// What these forms could change, scoped to this test's rows (other journeys run in parallel).
async function snapshot(form: Record<string, string>) {
	const emails = Object.values(form)
		.filter((v) => v.includes('@'))
		.map((v) => v.trim().toLowerCase());
	const [admin] = await query<{ password_hash: string }>(
		"select password_hash from users where email = 'admin@demo.credo.test'"
	);
	return {
		users: await count('users', 'email = any($1)', [emails]),
		invitations: await count('invitations', 'email = any($1)', [emails]),
		learnerRoles: await count('memberships m join users u on u.id = m.user_id', "u.email = 'learner@demo.credo.test'"),
		adminPassword: admin.password_hash
	};
}

test('public forms refuse empty, overlong and wrong-typed input with field messages', async ({ page, baseURL }) => {
	const cases: { url: string; bad: Record<string, string>[]; expectText: RegExp }[] = [
		{
			url: '/login',
			bad: [{}, { email: LONG, password: LONG }, { email: 'not-an-email', password: '' }],
			expectText: /required|characters|email address/
		},
		{
			url: '/register',
			bad: [
				{},
				{ givenName: LONG, familyName: LONG, email: LONG, password: LONG, jurisdictionId: LONG },
				{ givenName: 'A', familyName: 'B', email: 'a@b.test', password: 'short', jurisdictionId: 'not-a-uuid' }
			],
			expectText: /required|characters|Choose one|email address/
		},
		{
			url: '/password/forgot',
			bad: [{}, { email: LONG }, { email: '12345' }],
			expectText: /required|characters|email address/
		}
	];
	for (const c of cases) {
		for (const form of c.bad) {
			const before = await snapshot(form);
			for (const multipart of [false, true]) {
				const r = await post(page.request, c.url, baseURL!, form, multipart);
				expect(r.status(), `${c.url} ${JSON.stringify(form).slice(0, 60)}`).toBe(400);
				const html = await r.text();
				expect(html).toMatch(/class="error"/);
				expect(html).toMatch(c.expectText);
			}
			expect(await snapshot(form)).toEqual(before);
		}
	}
});

test('a body that is not a form is a 400, never a 500', async ({ page, baseURL }) => {
	for (const url of ['/login', '/register', '/password/forgot']) {
		const r = await page.request.post(url, {
			data: '{"email": 1',
			headers: { origin: baseURL!, accept: 'text/html', 'content-type': 'text/plain' }
		});
		expect([400, 403]).toContain(r.status());
	}
});

test('the browser shows each error beside its field and keeps what was typed', async ({ page }) => {
	await page.goto('/register');
	await page.getByLabel('Given name').fill(LONG);
	await page.getByLabel('Email address').fill('nobody');
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.locator('#f-givenName-error')).toHaveText('Use at most 100 characters.');
	await expect(page.locator('#f-familyName-error')).toHaveText('This field is required.');
	await expect(page.locator('#f-email-error')).toContainText('email address');
	await expect(page.getByLabel('Given name')).toHaveValue(LONG);
	await expect(page.getByLabel('Given name')).toHaveAttribute('aria-invalid', 'true');
});

test('signed-in forms refuse bad input and change nothing', async ({ page, baseURL }) => {
	await login(page, demo('admin'));
	const [learner] = await query<{ id: string }>("select id from users where email = 'learner@demo.credo.test'");
	const [membership] = await query<{ id: string }>('select id from memberships where user_id = $1', [learner.id]);
	const cases: { url: string; bad: Record<string, string>[] }[] = [
		{ url: '/invite', bad: [{}, { email: LONG, grant: LONG }, { email: 'x@y.test', grant: 'ADMIN|nowhere' }] },
		{
			url: '/account?/password',
			bad: [
				{},
				{ currentPassword: LONG, newPassword: LONG },
				{ currentPassword: 'wrong one here', newPassword: 'another good one' }
			]
		},
		{
			url: `/admin/users/${learner.id}?/grant`,
			bad: [{}, { grant: LONG }, { grant: 'REGULATOR|org:00000000-0000-4000-8000-000000000000' }]
		},
		{
			url: `/admin/users/${learner.id}?/remove`,
			bad: [
				{},
				{ membershipId: membership.id, reason: LONG },
				{ membershipId: 'nope', reason: 'x' },
				{ membershipId: membership.id, reason: '   ' }
			]
		}
	];
	for (const c of cases) {
		for (const form of c.bad) {
			const before = await snapshot(form);
			const r = await post(page.request, c.url, baseURL!, form);
			expect(r.status(), `${c.url} ${JSON.stringify(form).slice(0, 80)}`).toBe(400);
			expect(await r.text()).toMatch(/class="(error|banner error)"/);
			expect(await snapshot(form)).toEqual(before);
		}
	}
});
