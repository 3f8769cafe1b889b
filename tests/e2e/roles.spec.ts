import { expect, test } from '@playwright/test';
import { demo, login, logout, readMail, register, uniqueEmail, count } from './helpers';

test('a coordinator invites a student, who accepts and joins the university', async ({ page }) => {
	await login(page, demo('coordinator'));
	await page.getByRole('link', { name: 'Invite people' }).click();
	const email = uniqueEmail('student');
	await page.getByLabel('Email address').fill(email);
	const select = page.getByLabel('Role and where it applies');
	// only roles in the coordinator's own university are offered, grouped under where they apply
	const group = select.locator('optgroup');
	await expect(group).toHaveCount(1);
	await expect(group).toHaveAttribute('label', 'Demo University School of Social Work');
	expect(await group.locator('option').allTextContents()).toEqual(['Learner', 'Field supervisor']);
	await select.selectOption({ label: 'Learner' });
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status')).toContainText(`Invitation sent to ${email}`);
	await logout(page);

	const mail = await readMail(email, /invites you to Credo/);
	await page.goto(mail.link!);
	await expect(
		page.getByText('Chidi Coordinator invites you to join as Learner (Demo University School of Social Work)')
	).toBeVisible();
	await page.getByLabel('Name').fill('Stella Student');
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill('student passphrase 2026');
	await page.getByLabel(/I have read the privacy notice/).check();
	await page.getByRole('button', { name: 'Create account and accept' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
	await expect(page.locator('.card').filter({ hasText: 'Your roles' })).toContainText(
		'Learner · Demo University School of Social Work'
	);
	// the invited address is proven by the mailed link: no second verification needed
	await expect(page.getByText(/we sent a link/)).toHaveCount(0);
});

test('a coordinator cannot forge an invitation into a wider role: 403 and nothing stored', async ({
	page,
	baseURL
}) => {
	await login(page, demo('coordinator'));
	// counted for this address only: other tests invite people at the same time
	const email = uniqueEmail('forged');
	const r = await page.request.post('/invite', {
		form: { email, grant: 'ADMIN|global' },
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(r.status()).toBe(403);
	expect(await count('invitations', 'lower(email) = lower($1)', [email])).toBe(0);
});

test('a learner opening an admin URL gets a 403 page', async ({ page }) => {
	await login(page, demo('learner'));
	const response = await page.goto('/admin/users');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' })
	).toHaveCount(0);
});

test('an admin grants a role and the user sees the new menu', async ({ browser }) => {
	const email = uniqueEmail('promoted');
	const person = await browser.newPage();
	await register(person, { email, given: 'Pat', family: 'Promoted' });
	const nav = person.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Invite people' })).toHaveCount(0);

	const admin = await browser.newPage();
	await login(admin, demo('admin'));
	await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
	await admin.getByRole('link', { name: 'Pat Promoted' }).click();
	const roles = admin.getByLabel('Role and where it applies');
	// the roles are grouped by where they apply: the regulator's role in the Demo Republic
	await roles.selectOption(
		(await roles.locator('optgroup[label="Demo Republic"] > option', { hasText: /^Regulator$/ }).getAttribute('value'))!
	);
	await admin.getByRole('button', { name: 'Grant a role' }).click();
	await expect(admin.getByRole('status')).toContainText('Role granted');
	await expect(admin.locator('ul.roles')).toContainText('Regulator · Demo Republic');

	await person.reload();
	await expect(nav.getByRole('link', { name: 'Invite people' })).toBeVisible();
	await expect(nav.getByRole('link', { name: /Inbox/ })).toContainText('1');
	await person.getByRole('link', { name: /Inbox/ }).click();
	await expect(person.getByRole('heading', { name: 'You have a new role in Credo' })).toBeVisible();
	const mail = await readMail(email, /new role/);
	expect(mail.body).toContain('Regulator');

	// removal needs a reason, then the menu goes away again
	await admin.getByRole('button', { name: 'Remove' }).last().click();
	await expect(admin.locator('.error')).toContainText('required');
	await admin.getByLabel('Reason').last().fill('Granted by mistake');
	await admin.getByRole('button', { name: 'Remove' }).last().click();
	await expect(admin.getByRole('status')).toContainText('Role removed');
	await person.reload();
	await expect(nav.getByRole('link', { name: 'Invite people' })).toHaveCount(0);
});
