// The indicators: the regulator scores the four 3.a.1 criteria and sees the total and its band, downloads the CSV;
// an analyst reads the charts and tables and cannot change anything.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { demo, expectAccessible, login, logout, query } from './helpers';

const SCORES = [4, 4, 3, 2]; // total 13: well-developed

test('a regulator scores the QA criteria, sees the total and band, downloads the CSV; an analyst reads the charts', async ({
	page,
	baseURL
}) => {
	test.setTimeout(90_000);
	await login(page, demo('regulator'));
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Indicators' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Indicators');
	await page.getByRole('link', { name: 'Quality-assurance scorecard (3.a.1)' }).first().click();
	await expect(page).toHaveURL(/\/reports\/indicators\/qa/);
	await page.waitForLoadState('networkidle');

	// a justification is required: nothing is saved without one
	const c1 = page.getByRole('region', { name: /^C1 —/ });
	await c1.getByLabel('Justification').fill('');
	await c1.getByRole('radio', { name: /^1\b/ }).check();
	await c1.getByRole('button', { name: 'Save the score for C1' }).click();
	await expect(page.getByRole('region', { name: /^C1 —/ }).locator('.error')).toContainText('required');
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	// the period is a year 1900–2999, refused beside its field
	const period = new URL(page.url()).searchParams.get('period') ?? new URL(page.url()).searchParams.get('year');
	expect(period).toMatch(/^\d{4}$/);
	await c1.getByLabel('Reporting period (year)').fill('1899');
	await c1.getByLabel('Justification').fill('E2E: a year too early');
	await c1.getByRole('button', { name: 'Save the score for C1' }).click();
	await expect(page.locator('#c1-period-error')).toContainText('Enter a year from 1900 to 2999');
	await page.waitForLoadState('networkidle');

	for (const [i, score] of SCORES.entries()) {
		const c = `C${i + 1}`;
		const section = page.getByRole('region', { name: new RegExp(`^${c} —`) });
		await section.getByLabel('Reporting period (year)').fill(period!);
		await section.getByRole('radio', { name: new RegExp(`^${score}\\b`) }).check();
		await section.getByLabel('Justification').fill(`E2E: evidence reviewed for ${c}`);
		await section.getByLabel('Evidence').fill('https://example.org/report-2026');
		await section.getByRole('button', { name: `Save the score for ${c}` }).click();
		await expect(page.getByRole('region', { name: new RegExp(`^${c} —`) }).getByRole('status')).toContainText(
			`The score for ${c} for ${period} is saved`
		);
		await page.waitForLoadState('networkidle'); // hydrated: what is typed next is not reset
	}
	await expect(page.locator('main')).toContainText('Total 13 of 16 — well-developed');
	await expectAccessible(page);

	await page.goto('/reports/indicators');
	await expect(page.getByRole('heading', { name: 'Quality-assurance system (3.a.1)' })).toBeVisible();
	await expect(page.locator('#qa-h + p')).toContainText('Total 13 of 16 — well-developed');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download the quality-assurance scorecard (CSV)' }).click()
	]);
	const csv = fs.readFileSync((await download.path())!, 'utf8');
	expect(csv.split('\n')[0]).toBe(
		'jurisdiction,period,criterion,title,score,justification,evidence,scored_by,scored_at'
	);
	expect(csv).toContain(
		`DR,${period},C1,Normative framework,4,E2E: evidence reviewed for C1,https://example.org/report-2026,Rosa Regulator,`
	);
	expect(csv).toContain(`DR,${period},total,well-developed,13,`);
	const vac = await page.request.get('/reports/indicators.csv?indicator=vac&jurisdiction=DR&date=2026-06-30&year=2025');
	expect(vac.status()).toBe(200);
	expect((await vac.text()).split('\n')[0]).toBe(
		'jurisdiction,area,area_name,as_of,version,supporting_partner,supporting_partner_name,dimension,group_code,group,certified,workers,percent'
	);
	// the supporting partner is chosen by name, and named by its organisation's code in the URL and the CSV
	await page.getByLabel('Supporting partner').selectOption({ label: 'UNICEF' });
	await page.getByRole('button', { name: 'Show', exact: true }).click();
	await expect(page).toHaveURL(/[?&]partner=unicef(&|$)/);
	await expect(page.locator('main')).toContainText('Only programmes supported by UNICEF count.');
	const partnerCsv = await page.request.get(
		`/reports/indicators.csv?indicator=vac&${new URL(page.url()).searchParams.toString()}`
	);
	expect((await partnerCsv.text()).split('\n')[1]).toContain(',strict,unicef,UNICEF,total,');
	await logout(page);

	await login(page, demo('analyst'));
	await page.goto('/reports/indicators?date=2026-06-30&year=2025');
	for (const name of [
		/^Certified workers \(percentage\) — By cadre/,
		/^Workers per 100,000 children — By Region/,
		/^Score per criterion \(1 to 4\)/
	]) {
		await expect(page.getByRole('img', { name })).toBeVisible();
		await expect(page.getByRole('table', { name })).toBeVisible();
	}
	await expect(page.locator('main')).toContainText('Denominator:');
	await expect(
		page
			.getByRole('table', { name: /^Workers per 100,000 children — By Region/ })
			.getByRole('rowheader', { name: 'Northern Region' })
	).toBeVisible();
	await expectAccessible(page);

	// the analyst reads the scorecard but cannot change it: no form, and a forged post is refused
	await page.goto('/reports/indicators/qa');
	await expect(page.getByRole('button', { name: /Save the score/ })).toHaveCount(0);
	await expect(page.locator('main')).toContainText('only the scorer this jurisdiction assigns can change it');
	const forged = await page.request.post('/reports/indicators/qa?/score', {
		form: { jurisdiction: 'DR', criterion: '1', score: '1', justification: 'Analyst trying' },
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(forged.status()).toBe(403);
	const [c1score] = await query<{ score: number }>(
		"select q.score from qa_scores q join jurisdictions j on j.id = q.jurisdiction_id where j.code = 'DR' and q.criterion = 1 and q.period = " +
			Number(period)
	);
	expect(c1score.score).toBe(4);
	const population = await page.request.post('/reports/indicators/population?/save', {
		form: { jurisdiction: 'DR' },
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(population.status()).toBe(403);
});

test('bad filters get a message beside each field, never a 500', async ({ page }) => {
	await login(page, demo('analyst'));
	const r = await page.goto('/reports/indicators?date=2026-02-30&year=99999&area=NOWHERE&version=loose&partner=Nobody');
	expect(r?.status()).toBe(200);
	await expect(page.locator('#f-date-error')).toHaveText('Enter a real date, for example 30 June 2026.');

	await expect(page.locator('#f-year-error')).toContainText('Enter a year from');
	await expect(page.locator('#f-area-error')).toContainText('no such area');
	await expect(page.locator('#f-partner-error')).toContainText('No programme of this jurisdiction is supported by');
	await expect(page.getByRole('alert')).toContainText('Correct the filters');
	const csv = await page.request.get('/reports/indicators.csv?indicator=ram&year=abc');
	expect(csv.status()).toBe(400);
	expect((await page.request.get('/reports/indicators.csv?indicator=nope')).status()).toBe(400);
	expect((await page.request.get('/reports/indicators?jurisdiction=NO-SUCH')).status()).toBe(404);
	await expectAccessible(page);
});
