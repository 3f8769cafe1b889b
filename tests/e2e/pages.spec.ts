// Pages no link reaches — a search, a filter, a refused filter value, an error shown — checked as the crawl checks
// every page a demo role reaches by links (tests/e2e/crawl.spec.ts, `checkPage`: at 360 px and 1280 px, no sideways
// scroll, no word cut in a table cell, axe clean, no raw code, one date format); and a few checks of their own.
import { expect, test } from '@playwright/test';
import { checkPage as check, demo, expectAccessible, expectNoHorizontalScroll, login, logout, query } from './helpers';

test.describe.configure({ timeout: 120_000 });

test('public pages with errors shown', async ({ page }) => {
	await page.goto('/register');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.locator('.error').first()).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: 'tests/screenshots/register-errors.png', fullPage: true });
});

test('public verification pages', async ({ page }) => {
	const [c] = await query<{ code: string }>(
		"select code from certificates c join users u on u.id = c.user_id where u.email = 'supervisor@demo.credo.test'"
	);
	for (const [path, name] of [
		['/verify', 'verify'],
		[`/verify/${c.code}`, 'verify-valid']
	])
		await check(page, path, name);
	// a mistyped code shows the form again with the reason, still accessible
	await page.goto(`/verify/${c.code.slice(0, 2)}${c.code[2] === 'A' ? 'B' : 'A'}${c.code.slice(3)}`);
	await expect(page.getByRole('alert')).toContainText('typing mistake');
	await expectAccessible(page);
	await page.screenshot({ path: 'tests/screenshots/verify-mistyped-1280.png', fullPage: true });
});

test('worker register pages', async ({ page }) => {
	await login(page, demo('regulator'));
	const [worker] = await query<{ id: string }>(
		"select w.id from worker_profiles w join users u on u.id = w.user_id where u.email = 'learner@demo.credo.test'"
	);
	for (const [path, name] of [
		['/regulator?q=SW', 'regulator-search'],
		['/workers?q=NOPE&cadre=WIZARD', 'workers-bad-filters'],
		['/workers?area=NR', 'workers-area'],
		[`/workers/${worker.id}`, 'worker-record']
	])
		await check(page, path, name);
});

test('indicator pages', async ({ page }) => {
	await login(page, demo('regulator'));
	for (const [path, name] of [
		['/reports/indicators?area=NR-LK&date=2026-06-30&year=2025&version=aggregate', 'indicators-area'],
		['/reports/indicators?date=2026-02-30&year=3', 'indicators-bad-filters'],
		['/reports/indicators/qa', 'indicators-qa'],
		['/reports/indicators/population', 'indicators-population']
	])
		await check(page, path, name);
	await logout(page);
	await login(page, demo('analyst'));
	for (const [path, name] of [
		['/reports/indicators', 'indicators-analyst'],
		['/reports/indicators/qa', 'indicators-qa-analyst'],
		['/reports/indicators/population', 'indicators-population-analyst']
	])
		await check(page, path, name);
});

test('workforce import pages: a refused file with its row report, a preview discarded', async ({ page }) => {
	await login(page, demo('admin'));
	for (const [path, name] of [
		['/admin/jurisdictions/DR/workforce', 'workforce-import'],
		['/reports/indicators?jurisdiction=DR', 'indicators-admin']
	])
		await check(page, path, name);
	const upload = async (csv: string) => {
		await page.goto('/admin/jurisdictions/DR/workforce');
		await page
			.locator('input[type=file]')
			.setInputFiles({ name: 'workforce.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByRole('button', { name: 'Upload and preview' }).click();
		await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
	};
	await upload('national_worker_id,given_name,family_name,employment_start\nE2E-W-1,Ama,Mensah,2026-02-30\n');
	await expect(page.getByRole('status').first()).toContainText('Refused', { timeout: 20_000 });
	await expect(page.getByRole('table')).toContainText('employment_start');
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'tests/screenshots/workforce-report.png', fullPage: true });
	expect(await query("select 1 from worker_identifiers where value = 'E2E-W-1'")).toEqual([]);
	// a change to a demo worker: shown old → new, nothing written until confirmed; discarded here
	await upload('national_worker_id,cadre\nDR-W-001001,VOLUNTEER\n');
	await expect(page.getByText('Ready: check the changes, then import them')).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('ul.import-changes')).toContainText('cadre:');
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	await page.getByRole('button', { name: 'Discard this file' }).click();
	await expect(page.getByText('Discarded: nothing was written')).toBeVisible();
});

test('error pages show no stack trace', async ({ page }) => {
	const r = await page.goto('/no-such-page');
	expect(r?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	expect(await page.content()).not.toMatch(/at .*\.js:\d+|Error:/);
	await expectAccessible(page);
});

test('the first page is light: under 150 KB transferred', async ({ page }) => {
	let bytes = 0;
	page.on('response', async (r) => {
		const len = Number(r.headers()['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length);
		bytes += len;
	});
	await page.goto('/', { waitUntil: 'networkidle' });
	expect(bytes).toBeLessThan(150 * 1024);
});

test('the interface switches to French and back', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Log in');
	await expectAccessible(page);
	await page.screenshot({ path: 'tests/screenshots/login-fr.png' });
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
});

test('no page repeats an element id (forms that share field names get their own ids)', async ({ page }) => {
	await login(page, demo('regulator'));
	for (const path of [
		'/regulator/licences/SW-2024-0101',
		'/cpd',
		'/regulator/rules',
		'/reports/indicators',
		'/reports/indicators/qa',
		'/reports/indicators/population'
	]) {
		await page.goto(path);
		const dupes = await page.evaluate(() => {
			const seen = new Map<string, number>();
			for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
			return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
		});
		expect(dupes, path).toEqual([]);
	}
});

test('the accessibility check itself finds a violation when a page has one', async ({ page }) => {
	await page.goto('/login');
	await expectAccessible(page);
	await page.evaluate(() => {
		const img = document.createElement('img');
		img.src = '/favicon.png';
		document.querySelector('main')!.append(img);
	});
	await expect(expectAccessible(page)).rejects.toThrow(/image-alt/);
});
