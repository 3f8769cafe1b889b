// A new country from zero (docs/new-country.md), on an EMPTY database — the migrations and nothing else, no demo
// seed: the first administrator made with `admin:create`, a jurisdiction created in the browser, its area tree,
// organisations, child population and workforce brought in from the CSV files in docs/examples/new-country/ (each
// previewed, then confirmed), and the worker register and the RAM 45 report showing the figures computed by hand in
// the docs. Then its past training (issue 14): the first administrator invites the training provider's records officer
// and the regulator; the provider creates its programmes delivered outside Credo, asks for their recognition, records
// the certificates of certificates.csv and revokes two of them from their effective dates; the regulator decides the
// recognitions, and the certified-worker report (VAC 3.1(d).1) shows the hand-computed figures for two as-of dates,
// aggregate and strict. It runs in the Playwright project `empty`, against a second server on that database
// (credo_empty, made by `npm test` from the migrated template and named by E2E_EMPTY_DATABASE_URL; see
// playwright.config.ts); alone: `npm test -- e2e new-country`.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { login, logout, shownDay } from './helpers';

test.describe.configure({ timeout: 180_000 });
const FILES = path.resolve('docs/examples/new-country');
const EMPTY_URL = process.env.E2E_EMPTY_DATABASE_URL!;
const ADMIN = { email: 'first.admin@ministry.example', password: 'a long first-day passphrase' };
/** The second server writes its mail beside the first one's (playwright.config.ts). */
const MAIL_DIR = `${process.env.MAIL_DIR ?? '.data/mail-e2e'}-empty`;

interface Person {
	email: string;
	name: string;
	password: string;
}
const PROVIDER: Person = {
	email: 'records@lswi.example',
	name: 'Rose Records',
	password: 'records officer passphrase'
};
const REGULATOR: Person = {
	email: 'registrar@ssc.example',
	name: 'Samuel Registrar',
	password: 'registrar passphrase 2026'
};

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

/** The link of the newest invitation mailed to `to` by the empty database's server. */
async function invitationLink(to: string): Promise<string> {
	for (let i = 0; i < 100; i++) {
		const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort().reverse() : [];
		for (const f of files) {
			const [head, ...body] = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8').split('\n\n');
			if (!head.includes(`To: ${to}\n`) || !/invites you to Credo/.test(head)) continue;
			const link = /https?:\/\/\S+\/invitations\/\S+/.exec(body.join('\n\n'))?.[0];
			if (link) return new URL(link).pathname;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no invitation mailed to ${to}`);
}

/** Administration: invites a person into a role ("Role — where"), as docs/new-country.md step 7 says. */
async function invite(page: Page, email: string, role: string) {
	await page.goto('/invite');
	await page.getByLabel('Email address').fill(email);
	// the roles are grouped by where they apply (optgroup), each option the role alone
	const [name, where] = role.split(' — ');
	const select = page.getByLabel('Role and where it applies');
	const option = select.locator(`optgroup[label="${where}"] > option`).filter({ hasText: new RegExp(`^${name}$`) });
	await select.selectOption((await option.getAttribute('value'))!);
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status')).toContainText(`Invitation sent to ${email}`);
}

/** The invited person opens the mailed link and creates their account (signed in afterwards). */
async function acceptInvitation(page: Page, who: Person) {
	await page.goto(await invitationLink(who.email));
	await page.getByLabel('Name').fill(who.name);
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill(who.password);
	await page.getByLabel(/I have read the privacy notice/).check();
	await page.getByRole('button', { name: 'Create account and accept' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
}

interface OutsideProgramme {
	code: string;
	title: string;
	hours: string;
	months: string;
	scope: 'Prepares workers to work with child victims' | 'Prepares workers to provide child-protection services';
}

/** The provider creates a programme delivered outside Credo and asks the regulator to confirm its recognition
 *  (step 8); answers the programme's page. */
async function createOutsideProgramme(page: Page, p: OutsideProgramme): Promise<string> {
	await page.goto('/provider/programmes');
	await page.locator('#f-code').fill(p.code);
	await page.locator('#f-title').fill(p.title);
	await page.getByLabel(/This programme is delivered outside Credo/).check();
	await page.locator('#f-contactHours').fill(p.hours);
	await page.locator('#f-validityMonths').fill(p.months);
	await page.getByLabel(p.scope).check();
	await page.getByRole('button', { name: 'Create the programme' }).click();
	await expect(page).toHaveURL(/\/provider\/programmes\/[0-9a-f-]{36}$/);
	const url = new URL(page.url()).pathname;
	await page.getByLabel('Officially recognised by the government').check();
	await page.locator('#f-recognitionReference').fill(`MOSW circular 2023/${p.code}`);
	await page.locator('#f-recognitionDate').fill('2023-01-16');
	await page.getByRole('button', { name: 'Ask the regulator to confirm' }).click();
	await expect(page.getByText('Sent to the regulator for confirmation.')).toBeVisible();
	return url;
}

/** The provider revokes a holder's certificate of a programme from an effective date (step 10). */
async function revoke(page: Page, programme: string, holder: string, effectiveOn: string, reason: string) {
	await page.goto(programme);
	await page.getByRole('link', { name: holder }).click();
	await expect(page).toHaveURL(/\/provider\/certificates\/[0-9a-f-]{36}$/);
	await page.locator('#f-reason').fill(reason);
	await page.locator('#f-effectiveOn').fill(effectiveOn);
	await page.getByRole('button', { name: 'Revoke this certificate' }).click();
	await page.getByRole('button', { name: 'Confirm the revocation' }).click();
	await expect(page.getByText(`Revoked from ${shownDay(effectiveOn)}`)).toBeVisible();
}

/** The regulator confirms or refuses a programme's recognition (step 11); a confirmation takes effect from the day of
 *  the government recognition (2023-01-16), so the certificates issued since count on the past as-of dates. */
async function decide(page: Page, title: string, decision: 'Confirm recognition' | 'Refuse', note = '') {
	await page.goto('/regulator/programmes');
	const card = page.locator('article', { has: page.getByRole('heading', { name: title }) });
	if (note) await card.getByLabel('Note to the provider').fill(note);
	if (decision === 'Confirm recognition') await card.getByLabel('Recognised from').fill('2023-01-16');
	await card.getByRole('button', { name: decision }).click();
	await expect(page.getByRole('status')).toContainText(
		decision === 'Refuse' ? 'Recognition refused.' : 'Recognition confirmed.'
	);
}

/** VAC 3.1(d).1 on /reports/indicators for the jurisdiction (step 12): its three figures, and by district: North,
 *  South, and the province's own workers (W12). */
async function expectCertified(
	page: Page,
	q: { date: string; version: 'aggregate' | 'strict' },
	total: { certified: number; percent: string; workers: number },
	byArea: [string, string, string]
) {
	await page.goto(`/reports/indicators?jurisdiction=LK&area=LK-P1&year=2025&date=${q.date}&version=${q.version}`);
	const vac = page.locator('section', { has: page.getByRole('heading', { name: /VAC 3\.1\(d\)\.1/ }) });
	await expect(vac.locator('ul.stats > li')).toHaveText([
		`${total.certified} Certified`,
		`${total.percent} Percentage`,
		`${total.workers} Workers (denominator)`
	]);
	await expect(vac).toContainText(`${total.workers} social service workers employed`);
	const [north, south, province] = byArea;
	await expect(vac.getByRole('img', { name: /— By District/ })).toHaveAccessibleName(
		'Certified workers (percentage) — By District ' +
			`North District: ${north}; South District: ${south}; Lakeland Province (no sub-area recorded): ${province}`
	);
}

test('a new country from zero: setup, workforce, RAM 45, past certificates and VAC 3.1(d).1', async ({ page }) => {
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
	await importCsv(page, 'organisations.csv', 4);

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

	// past training (issue 14): the people who record it and decide on it, invited by the first administrator
	await invite(page, PROVIDER.email, 'Provider admin — Lakeland Social Work Institute');
	await invite(page, REGULATOR.email, 'Regulator — Lakeland');
	await logout(page);

	// the provider: its programmes delivered outside Credo, each sent to the regulator for recognition
	await acceptInvitation(page, PROVIDER);
	const victims = await createOutsideProgramme(page, {
		code: 'CV-5',
		title: 'Working with child victims',
		hours: '40',
		months: '36',
		scope: 'Prepares workers to work with child victims'
	});
	const services = await createOutsideProgramme(page, {
		code: 'CP-5',
		title: 'Child protection case management',
		hours: '35',
		months: '24',
		scope: 'Prepares workers to provide child-protection services'
	});
	await createOutsideProgramme(page, {
		code: 'PP-1',
		title: 'Positive parenting facilitation',
		hours: '12',
		months: '24',
		scope: 'Prepares workers to provide child-protection services'
	});
	// its past certificates from its own records: thirteen rows, none of the workers has an account
	await page.goto(`/imports/certificates?jurisdiction=${code}`);
	await importCsv(page, 'certificates.csv', 13);
	// two revocations, each from the day it took effect: Kevin Wasswa's before both as-of dates, Henry Opio's between them
	await revoke(page, victims, 'Kevin Wasswa', '2025-10-01', 'The training record was found to be falsified.');
	await revoke(page, services, 'Henry Opio', '2026-03-01', 'Removed from the register after a disciplinary hearing.');
	await logout(page);

	// the regulator: two programmes recognised, one refused
	await acceptInvitation(page, REGULATOR);
	await decide(page, 'Working with child victims', 'Confirm recognition');
	await decide(page, 'Child protection case management', 'Confirm recognition');
	await decide(page, 'Positive parenting facilitation', 'Refuse', 'A parenting course: not child-protection training.');

	// VAC 3.1(d).1 as docs/new-country.md computes it; by area: North District, South District, the province itself
	const end2025 = { date: '2025-12-31' };
	const mid2026 = { date: '2026-06-30' };
	await expectCertified(page, { ...end2025, version: 'aggregate' }, { certified: 4, percent: '57.1%', workers: 7 }, [
		'66.7% (2 of 3)',
		'66.7% (2 of 3)',
		'0.0% (0 of 1)'
	]);
	await expectCertified(page, { ...end2025, version: 'strict' }, { certified: 1, percent: '14.3%', workers: 7 }, [
		'33.3% (1 of 3)',
		'0.0% (0 of 3)',
		'0.0% (0 of 1)'
	]);
	await expectCertified(page, { ...mid2026, version: 'aggregate' }, { certified: 5, percent: '62.5%', workers: 8 }, [
		'75.0% (3 of 4)',
		'33.3% (1 of 3)',
		'100.0% (1 of 1)'
	]);
	await expectCertified(page, { ...mid2026, version: 'strict' }, { certified: 2, percent: '25.0%', workers: 8 }, [
		'25.0% (1 of 4)',
		'33.3% (1 of 3)',
		'0.0% (0 of 1)'
	]);
});
