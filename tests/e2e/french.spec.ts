// A journey in French (issue 16): the demo learner, then the regulator, switch to French with the header's language
// button (the choice is stored on the account) and visit their main pages; on each, no English label is left:
// (1) no visible text equals an English message whose French differs, and (2) no common English function word appears
// outside an element marked `lang="en"` (content written in English: module titles and bodies, source titles, seed data).
// Names of people and organisations are not labels: they are taken out of the text before the check.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { parse } from 'yaml';
import { demo, DEMO_PASSWORD, query } from './helpers';

test.describe.configure({ timeout: 180_000 });

type Message = string | { match: Record<string, string> }[];
const en = JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, Message>;
const fr = JSON.parse(fs.readFileSync('messages/fr.json', 'utf8')) as Record<string, Message>;
/** Words the two languages share, or too short to tell them apart. */
const SHARED = new Set([
	'Credo',
	'Justice',
	'Date',
	'Total',
	'Code',
	'Description',
	'Version',
	'Module',
	'Modules',
	'Email'
]);
/** English message values, as shown (without placeholders), whose French differs. */
const englishLabels = new Set(
	Object.entries(en)
		.filter(([k, v]) => k !== '$schema' && typeof v === 'string' && v !== fr[k] && !v.includes('{'))
		.map(([, v]) => (v as string).trim())
		.filter((v) => v.length >= 4 && !SHARED.has(v))
);
const FUNCTION_WORDS = /\b(the|and|of|with|your|for|to)\b/i;

/** Signs in through the form by its fields' names: the sign-in page may already be in French. */
async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(DEMO_PASSWORD);
	await page
		.locator('form:has(input[name=password]) button[type=submit], form:has(input[name=password]) button:not([type])')
		.first()
		.click();
	await expect(page).toHaveURL(/\/dashboard/);
}

/** The header's language button, then back the account's stored language as it was (other journeys sign in as the
 *  same demo person and read English labels); this session's cookie keeps French. */
async function switchToFrench(page: Page, email: string) {
	const [before] = await query<{ locale: string | null }>('select locale from users where email = $1', [email]);
	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	const [after] = await query<{ locale: string | null }>('select locale from users where email = $1', [email]);
	expect(after.locale).toBe('fr');
	await query('update users set locale = $1 where email = $2', [before.locale, email]);
}

/** Visible text nodes of the page, each with whether it sits inside an element marked as English. */
function visibleTexts(page: Page) {
	return page.evaluate(() => {
		const out: { text: string; english: boolean }[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
			if (!el || !text || el.closest('script, style, code, template, noscript')) continue;
			if (!el.checkVisibility({ visibilityProperty: true })) continue;
			const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
			out.push({ text, english: lang.startsWith('en') });
		}
		return out;
	});
}

/** Names of people, organisations, places and programmes, and what people typed (programme descriptions, quality
 *  assessment justifications, what an audit asks for, CPD activities as the worker named them, a reviewer’s or a
 *  regulator’s reason):
 *  data in the language it was entered in, not labels. Longest first. */
async function names() {
	const rows = await query<{ name: string }>(
		`select name from organisations union select name from jurisdictions union select name from admin_areas
		 union select name from users union select title from programmes union select description from programmes
		 union select given_name || ' ' || family_name from worker_profiles union select family_name from worker_profiles
		 union select justification from qa_scores union select evidence from qa_scores union select request from audit_samples
		 union select title from cpd_entries union select provider_name from cpd_entries
		 union select review_reason from cpd_entries union select decision_reason from licence_cycles`
	);
	return rows
		.map((r) => r.name)
		.filter(Boolean)
		.sort((a, b) => b.length - a.length);
}

async function expectFrench(page: Page, path: string, allowed: string[]) {
	const r = await page.goto(path);
	expect(r?.status(), path).toBeLessThan(400);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	const problems: string[] = [];
	for (const { text, english } of await visibleTexts(page)) {
		if (english) continue;
		// a name is not a label, even one that reads like it (the demo learner's family name is Learner)
		if (englishLabels.has(text) && !allowed.includes(text)) problems.push(`English label: "${text}"`);
		let rest = text;
		for (const name of allowed) rest = rest.split(name).join(' ');
		const word = rest.match(FUNCTION_WORDS);
		if (word) problems.push(`English word "${word[1]}" in: "${text}"`);
	}
	expect.soft(problems, path).toEqual([]);
}

test('the learner, in French, sees no English label on their main pages', async ({ page }) => {
	const allowed = await names();
	await signIn(page, demo('learner'));
	await switchToFrench(page, demo('learner'));
	for (const path of [
		'/dashboard',
		'/inbox',
		'/account',
		'/learn',
		'/learn/jus-diversion',
		'/me/competencies',
		'/cpd',
		'/practicum',
		'/supervision',
		'/supervision/profile',
		'/certificates',
		'/privacy'
	])
		await expectFrench(page, path, allowed);
});

test('the regulator, in French, sees no English label on their main pages', async ({ page }) => {
	const allowed = await names();
	await signIn(page, demo('regulator'));
	await switchToFrench(page, demo('regulator'));
	const [worker] = await query<{ id: string }>(
		"select w.id from worker_profiles w join users u on u.id = w.user_id where u.email = 'learner@demo.credo.test'"
	);
	for (const path of [
		'/regulator',
		'/regulator?q=SW',
		'/regulator/rules',
		'/regulator/accreditation',
		'/regulator/renewals',
		'/regulator/tokens',
		'/regulator/audits',
		'/regulator/licences/SW-2024-0101',
		'/cpd/review',
		'/cpd',
		'/regulator/supervision',
		'/regulator/programmes',
		'/workers',
		'/workers?area=NR',
		`/workers/${worker.id}`,
		'/reports/indicators',
		'/reports/indicators?area=NR-LK&date=2026-06-30&year=2025&version=aggregate',
		'/reports/indicators/qa',
		'/reports/indicators/population',
		'/reports/published',
		'/reports/published/new?date=2026-06-30&year=2025',
		'/reports/trends'
	])
		await expectFrench(page, path, allowed);
});

test('the framework in French describes every competency in French and shows no competency id', async ({
	page,
	context,
	baseURL
}) => {
	type Competency = { id: string; track: string; description: string; description_fr: string };
	const dir = 'content/framework/competencies';
	const competencies = fs
		.readdirSync(dir)
		.flatMap((f) => parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) as Competency[]);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'fr', url: baseURL! }]);
	for (const track of new Set(competencies.map((c) => c.track))) {
		await page.goto(`/framework/${track}`);
		// textContent: a competency's description sits in a closed <details>
		const text = (await page.locator('main').textContent()) ?? '';
		for (const c of competencies.filter((x) => x.track === track)) {
			expect(text, c.id).toContain(c.description_fr);
			expect(text, c.id).not.toContain(c.description);
			expect(text, c.id).not.toContain(c.id);
		}
	}
});
