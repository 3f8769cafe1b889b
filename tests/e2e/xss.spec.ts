import { expect, test } from '@playwright/test';
import { demo, login, register, uniqueEmail, query } from './helpers';

const SCRIPT = '<script>alert("given")</script>';
const IMG = '<img src=x onerror=alert("family")>';

test('names are stored as typed and shown escaped everywhere; no dialog fires', async ({ browser }) => {
	const email = uniqueEmail('xss');
	const person = await browser.newPage();
	const dialogs: string[] = [];
	person.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await register(person, { email, given: SCRIPT, family: IMG });
	await expect(person.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${SCRIPT} ${IMG}`);
	await person.goto('/account');
	await expect(person.locator('dd').first()).toHaveText(`${SCRIPT} ${IMG}`);

	const rows = await query<{ name: string }>('select name from users where email = $1', [email]);
	expect(rows[0].name).toBe(`${SCRIPT} ${IMG}`); // stored as typed

	const admin = await browser.newPage();
	admin.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await login(admin, demo('admin'));
	await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
	await expect(admin.getByRole('link', { name: `${SCRIPT} ${IMG}` })).toBeVisible();
	await admin.getByRole('link', { name: `${SCRIPT} ${IMG}` }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`${SCRIPT} ${IMG}`);
	await admin.goto('/admin/audit');
	await admin.goto(`/admin/users?q=${encodeURIComponent(SCRIPT)}`);
	expect(await admin.locator('img[src="x"]').count()).toBe(0);
	expect(await person.locator('img[src="x"]').count()).toBe(0);
	expect(dialogs).toEqual([]);
});
