// Publishing an indicator report: the regulator checks what will be published, names it (a blank title is refused
// beside the field), publishes; the report shows as published with "recomputed now" beside it; the trends page and
// its CSV carry the period. (What "recomputed now" itemises when records change: published.test.ts.)
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { demo, expectAccessible, login } from './helpers';

test('a regulator publishes a report as of a past date; it is listed, shown as published, and in the trends', async ({
	page
}) => {
	test.setTimeout(90_000);
	const title = `E2E report ${randomUUID().slice(0, 8)}`;
	await login(page, demo('regulator'));
	await page.goto('/reports/indicators?date=2026-06-30&year=2025&version=aggregate');
	await page.getByRole('link', { name: 'Publish this report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publish this report');
	// check your answers: the scope as chosen on the report
	await expect(page.locator('.summary-list')).toContainText('30 Jun 2026');
	await expect(page.locator('.summary-list')).toContainText('Aggregate');
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);

	await page.getByLabel('Title').fill('');
	await page.getByRole('button', { name: 'Publish report' }).click();
	await expect(page.locator('#f-title-error')).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Publish report' }).click();
	await expect(page).toHaveURL(/\/reports\/published\/[0-9a-f-]{36}\?published=1/);
	await expect(page.getByRole('status')).toContainText('Report published');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('region', { name: 'Recomputed now' })).toContainText(
		'every figure is the same as published'
	);
	const reportUrl = new URL(page.url()).pathname;
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);

	// its own figures as CSV: the figures as published
	const csv = await page.request.get(`${reportUrl}/figures.csv?indicator=vac`);
	expect(csv.status()).toBe(200);
	expect(await csv.text()).toContain('2026-06-30');

	// listed, newest first
	await page.getByRole('link', { name: 'All published reports' }).click();
	await expect(page.getByRole('link', { name: title })).toBeVisible();

	// the trends of this scope carry the period, linked to the report, and the same in the CSV
	await page.goto('/reports/trends?version=aggregate');
	await expect(page.getByRole('link', { name: '30 Jun 2026' })).toHaveAttribute('href', reportUrl);
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download the trends (CSV)' }).click()
	]);
	const trends = fs.readFileSync((await download.path())!, 'utf8');
	expect(trends).toContain('VAC_3_1_D_1,2026-06-30');
	expect(trends).toContain(title);

	// a bad scope on the trends page: a message beside the field, never a 500
	const bad = await page.goto('/reports/trends?area=NOWHERE&version=loose');
	expect(bad?.status()).toBe(200);
	await expect(page.locator('#f-area-error')).toBeVisible();
	await expect(page.locator('#f-version-error')).toBeVisible();
});

test('a provider can neither publish nor read published reports', async ({ page }) => {
	await login(page, demo('provider'));
	expect((await page.goto('/reports/published'))?.status()).toBe(403);
	expect((await page.goto('/reports/published/new'))?.status()).toBe(403);
	expect((await page.goto('/reports/trends'))?.status()).toBe(403);
});
