// A new country from zero (docs/new-country.md), on an EMPTY database — the migrations and nothing else, no demo
// seed: the first administrator made with `admin:create`, a jurisdiction created in the browser, its area tree,
// organisations, child population and workforce brought in from the CSV files in docs/examples/new-country/ (each
// previewed, then confirmed), and the worker register and the RAM 45 report showing the figures computed by hand in
// the docs. It runs in the Playwright project `empty`, against a second server on that database (credo_empty, made by
// `npm test` from the migrated template and named by E2E_EMPTY_DATABASE_URL; see playwright.config.ts); alone:
// `npm test -- e2e new-country`.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { login } from './helpers';

test.describe.configure({ timeout: 180_000 });
const FILES = path.resolve('docs/examples/new-country');
const EMPTY_URL = process.env.E2E_EMPTY_DATABASE_URL!;
const ADMIN = { email: 'first.admin@ministry.example', password: 'a long first-day passphrase' };

async function emptyDb<T>(text: string): Promise<T[]> {
	const c = new pg.Client({ connectionString: EMPTY_URL });
	await c.connect();
	try {
		return (await c.query(text)).rows as T[];
	} finally {
		await c.end();
	}
}

/** Uploads a file on the page, checks the preview's counts, confirms, and waits for "Imported". */
async function importCsv(page: Page, file: string, adds: number) {
	await page.locator('input[type=file]').setInputFiles(path.join(FILES, file));
	await page.getByRole('button', { name: 'Upload and preview' }).click();
	await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
	await expect(page.getByText('Ready: check the changes, then import them')).toBeVisible({ timeout: 30_000 });
	const added = page.locator('dl.summary-list > div', { hasText: 'Rows to add' }).locator('dd');
	await expect(added).toHaveText(String(adds));
	await page.getByRole('button', { name: 'Import these changes' }).click();
	await expect(page.getByText(/^Imported$/)).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(`${adds} added, 0 changed, 0 unchanged.`)).toBeVisible();
}

test('a new country from zero: jurisdiction, areas, organisations, population, workforce, register, RAM 45', async ({
	page
}) => {
	// nothing there: no account, no jurisdiction, no organisation, no area
	expect(
		await emptyDb(
			'select (select count(*) from users)::int as users, (select count(*) from jurisdictions)::int as jurisdictions,' +
				' (select count(*) from organisations)::int as organisations, (select count(*) from admin_areas)::int as areas'
		)
	).toEqual([{ users: 0, jurisdictions: 0, organisations: 0, areas: 0 }]);
	// the first administrator, as docs/new-country.md step 1 says (node --import tsx: the script npm run admin:create runs)
	await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', 'scripts/admin-create.ts', '--email', ADMIN.email, '--name', 'First Administrator'],
		{ env: { ...process.env, DATABASE_URL: EMPTY_URL, ADMIN_PASSWORD: ADMIN.password } }
	);
	const code = 'LK';
	await login(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/jurisdictions');
	await page.locator('#f-code').fill(code);
	await page.locator('#f-name').fill('Lakeland');
	await page.locator('#f-timeZone').selectOption('Africa/Kampala');
	await page.locator('#f-defaultLocale').selectOption('en');
	await page.getByRole('button', { name: 'Create the jurisdiction' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/jurisdictions/${code}`));

	await page.goto(`/admin/jurisdictions/${code}/areas`);
	await importCsv(page, 'areas.csv', 6);
	await page.goto(`/admin/jurisdictions/${code}/areas`);
	for (const level of ['Province', 'District', 'Sub-county']) await expect(page.getByText(level).first()).toBeVisible();

	await page.goto(`/admin/jurisdictions/${code}/organisations`);
	await importCsv(page, 'organisations.csv', 3);

	await page.goto(`/reports/indicators/population?jurisdiction=${code}`);
	await importCsv(page, 'population.csv', 5);

	await page.goto(`/admin/jurisdictions/${code}/workforce`);
	await importCsv(page, 'workforce.csv', 12);

	// the worker register: all twelve, and a search by national ID
	await page.goto(`/workers?jurisdiction=${code}`);
	await expect(page.getByText('Workers 1 to 12 of 12')).toBeVisible();
	await page.goto(`/workers?jurisdiction=${code}&q=LK-W06`);
	await expect(page.getByRole('link', { name: /Kato/ })).toBeVisible();

	// RAM 45 for 2026: 9 workers per 100,000 children in the jurisdiction; by district 8.0 and 8.0 (docs/new-country.md)
	await page.goto(`/reports/indicators?jurisdiction=${code}&area=LK-P1&year=2026&date=2026-06-30`);
	const ram = page.locator('section', { has: page.getByRole('heading', { name: /RAM 45/ }) });
	await expect(ram).toContainText('9.0 (9 workers)');
	await expect(ram).toContainText('100,000');
	await expect(ram).toContainText('8.0 (4 workers)'); // North and South District
	// 2025: Market Sub-county has no figure, so neither South District nor the province; North District 4 / 48,000
	await page.goto(`/reports/indicators?jurisdiction=${code}&area=LK-P1&year=2025&date=2025-06-30`);
	await expect(ram).toContainText(/no child population figure for 2025/);
	await expect(ram).toContainText('8.3 (4 workers)');
});
