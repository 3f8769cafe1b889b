// The audit trail says who did what, when, on which record, and filters by person, action and days (issue 17).
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { checkPage, demo, login, register, uniqueEmail } from './helpers';

test('the administrator finds what a person did by name, action and day', async ({ browser, page }) => {
	test.setTimeout(60_000);
	const family = `Trail-${randomUUID().slice(0, 6)}`;
	const newcomer = await browser.newPage();
	await register(newcomer, { email: uniqueEmail('trail'), given: 'Adjoa', family });
	await newcomer.close();

	await login(page, demo('admin'));
	await checkPage(page, '/admin/audit');
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.getByLabel('Person').fill(`adjoa ${family}`);
	await page.getByLabel('Action').selectOption({ label: 'Account created' });
	const today = new Date().toISOString().slice(0, 10);
	await page.getByLabel('From').fill(today);
	await page.getByLabel('To').fill(today);
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/person=adjoa/);
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText(`Adjoa ${family}`);
	await expect(rows.first()).toContainText('Account created');
	await checkPage(page, page.url().replace(/^https?:\/\/[^/]+/, ''));

	// the person's name leads to their page
	await page.setViewportSize({ width: 1280, height: 800 });
	await page
		.locator('tbody tr')
		.first()
		.getByRole('link', { name: `Adjoa ${family}` })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(family);

	// a day that is not a date is refused beside its field and filters nothing
	await page.goto('/admin/audit?from=2026-02-31');
	await expect(page.locator('#f-from-error')).toContainText('Enter a date');
	await expect(page.getByRole('status')).toContainText('events');
});
