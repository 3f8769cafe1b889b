import { expect, test, type Page } from '@playwright/test';
import { answerEntries, moduleFile, questionsOf } from '../helpers/content';
import { demo, expectAccessible, expectNoHorizontalScroll, login, register, uniqueEmail, query } from './helpers';

const MODULE = 'care-gatekeeping';
const FILE = moduleFile('content', MODULE);

async function drawnQuestions(page: Page): Promise<string[]> {
	const names = await page
		.locator('form.quiz input[name^="q."]')
		.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name.slice(2)));
	return [...new Set(names)];
}

/** The page shows no option of the drawn questions (so none as keyed) and the browser never gets a key. */
async function expectNoKeys(page: Page, drawn: string[]) {
	const html = await page.content();
	expect(html).not.toMatch(/"?correct"?\s*:/);
	for (const q of questionsOf(FILE).filter((x) => drawn.includes(x.id)))
		for (const o of q.options.filter((x) => x.text.trim().length >= 20)) expect(html).not.toContain(o.text.trim());
}

async function answer(page: Page, drawn: string[], right: boolean) {
	for (const [, optionId] of answerEntries(FILE, drawn, right))
		await page.locator(`input[value="${optionId}"]`).check();
	await page.getByRole('button', { name: 'Submit answers' }).click();
}

test('a learner filters the catalogue, reads a module, fails, retries with new questions and passes', async ({
	page
}) => {
	test.setTimeout(60_000);
	const email = uniqueEmail('learner');
	await register(page, { email, given: 'Kofi', family: 'Learner' });
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' }).click();
	await page.getByLabel('Track').selectOption({ label: 'Care reform' });
	await page.getByLabel('Level').selectOption({ label: 'Generalist' });
	await page.getByRole('button', { name: 'Show modules' }).click();
	await expect(page).toHaveURL(/track=care-reform&level=generalist/);
	const cards = page.locator('ul.cards > li');
	await expect(cards.first()).toBeVisible();
	for (const text of await cards.allTextContents()) expect(text).toContain('Care reform');
	await expect(cards.filter({ hasText: 'Gatekeeping' })).toContainText('Not started');
	await expectAccessible(page);

	await page.getByRole('link', { name: /Gatekeeping/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Gatekeeping');
	await expect(page.locator('.prose h3[id]').first()).toBeVisible();
	await expect(page.locator('.prose table').first()).toBeVisible();
	// a long module opens with its contents, each entry a link to its section
	const contents = page.getByRole('navigation', { name: 'Contents' });
	await expect(contents.getByRole('link')).toHaveCount(await page.locator('.prose h3[id]').count());
	await contents.getByRole('link', { name: 'The two principles' }).click();
	await expect(page).toHaveURL(/#the-two-principles$/);
	await expect(page.locator('.assessment-box')).toContainText('70% to pass');
	// and the score the programme's certificate asks of it, before one starts
	await expect(page.locator('.assessment-box')).toContainText(
		'Counts towards the certificate “Gatekeeping in care reform (short course)”: 80% needed.'
	);
	await expectAccessible(page);
	await page.setViewportSize({ width: 360, height: 800 });
	await expectNoHorizontalScroll(page);
	await page.setViewportSize({ width: 1280, height: 800 });

	await page.getByRole('button', { name: 'Start the assessment' }).click();
	await expect(page).toHaveURL(/\/assessment$/);
	await expect(page.locator('form.quiz fieldset')).toHaveCount(5);
	const first = await drawnQuestions(page);
	expect(first).toHaveLength(5);
	expect(await page.content()).not.toMatch(/"?correct"?\s*:/); // the browser never gets the answers
	await expectAccessible(page);
	await answer(page, first, false);
	await expect(page.getByRole('status')).toContainText('Not passed: 0%');
	// the ideas to revisit, each with a link to its section — never the options, never which were keyed
	await expect(page.getByRole('heading', { name: 'Ideas to revisit' })).toBeVisible();
	await expect(page.locator('.feedback')).toHaveCount(5);
	await expectNoKeys(page, first);
	await expectAccessible(page);

	// the result and "try again" come first, above the review of each question
	const retry = page.getByRole('button', { name: 'Try again with new questions' });
	const retryTop = (await retry.boundingBox())!.y;
	expect(retryTop).toBeLessThan((await page.locator('ol.review').boundingBox())!.y);
	expect(retryTop).toBeLessThan(800);
	await expect(page.getByText('You need 70% to pass.')).toBeVisible();
	await retry.click();
	await expect(page).toHaveURL(/\/assessment$/);
	const second = await drawnQuestions(page);
	expect(second).toHaveLength(5);
	expect(second.filter((q) => first.includes(q))).toEqual([]);
	await answer(page, second, true);
	await expect(page.getByRole('status')).toContainText('Passed with 100%');
	await expect(page.getByText('5 of 5 questions answered right.')).toBeVisible();
	await expect(page.locator('.feedback')).toHaveCount(0);
	await expectNoKeys(page, second);
	await expect(page.getByRole('link', { name: 'See your certificates' })).toBeVisible();

	await page.getByRole('link', { name: 'Back to the module' }).click();
	await expect(page.locator('.assessment-box')).toContainText('Completed on');
	await expect(page.locator('.assessment-box')).toContainText('CPD credits recorded in your ledger');
	await page.goto('/learn?track=care-reform');
	await expect(page.locator('ul.cards > li').filter({ hasText: 'Gatekeeping' })).toContainText('Completed');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My competencies' }).click();
	const row = page.locator('tr').filter({ hasText: 'CARE.GATEKEEPING' });
	await expect(row).toContainText('Gatekeeping');
	await expect(row).toContainText('100%');
	await expectAccessible(page);

	const credits = await query<{ credits: string; status: string }>(
		'select c.credits::text, c.status from cpd_entries c join users u on u.id = c.user_id where u.email = $1',
		[email]
	);
	expect(credits).toEqual([{ credits: '0.50', status: 'RECORDED' }]);
});

test('no page shows a key, however many attempts fail: the third failure of the day shows ideas, not answers', async ({
	page
}) => {
	test.setTimeout(60_000);
	await register(page, { email: uniqueEmail('keys'), given: 'Ama', family: 'Tester' });
	await page.goto(`/learn/${MODULE}`);
	for (let attempt = 1; attempt <= 3; attempt++) {
		await page
			.getByRole('button', { name: attempt === 1 ? 'Start the assessment' : 'Try again with new questions' })
			.click();
		await expect(page).toHaveURL(/\/assessment$/);
		expect(await page.content()).not.toMatch(/"?correct"?\s*:/);
		const drawn = await drawnQuestions(page);
		await answer(page, drawn, false);
		// the result page itself, loaded (not the questions still on screen while it comes)
		await expect(page).toHaveURL(/\/attempts\//);
		await expect(page.locator('form.quiz')).toHaveCount(0);
		await expect(page.getByRole('status')).toContainText('Not passed');
		await expect(page.locator('.feedback')).toHaveCount(5);
		await expectNoKeys(page, drawn);
		// each idea links to the section of the module that teaches it
		const href = await page.locator('ol.review a').first().getAttribute('href');
		expect(href).toMatch(new RegExp(`^/learn/${MODULE}#[a-z0-9-]+$`));
	}
	await expect(page.getByText('3 attempts')).toBeVisible(); // the day's attempts are used up
	await expect(page.getByRole('button', { name: 'Try again with new questions' })).toHaveCount(0);
});

test('a draft module is 404 to learners, visible to its provider and to admins', async ({ browser }) => {
	const draft = 'core-information-management-draft';
	const learner = await browser.newPage();
	await login(learner, demo('learner'));
	expect((await learner.goto(`/learn/${draft}`))?.status()).toBe(404);
	await learner.goto('/learn');
	await expect(learner.locator('ul.cards')).not.toContainText('Safe information management');

	const provider = await browser.newPage();
	await login(provider, demo('provider'));
	expect((await provider.goto(`/learn/${draft}`))?.status()).toBe(200);
	await expect(provider.getByText('Draft: not yet reviewed')).toBeVisible();
	await expect(provider.getByRole('button', { name: 'Start the assessment' })).toHaveCount(0);

	const admin = await browser.newPage();
	await login(admin, demo('admin'));
	expect((await admin.goto(`/learn/${draft}`))?.status()).toBe(200);
});

test('the public framework: track → level → competency with the modules that teach it, and the CASE package', async ({
	page,
	request
}) => {
	await page.goto('/framework');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Justice' }).click();
	await expect(page.getByRole('heading', { name: 'Generalist' })).toBeVisible();
	// a competency by its name: the id (JUS.DIVERSION) is not shown
	await page.locator('summary').filter({ hasText: 'Diversion from formal proceedings and custody' }).first().click();
	await expect(page.locator('main details[open]')).toContainText('Diversion and alternatives to detention');
	await expectAccessible(page);
	await page.setViewportSize({ width: 360, height: 800 });
	await expectNoHorizontalScroll(page);
	const r = await request.get('/framework/case.json');
	expect(r.status()).toBe(200);
	const pkg = await r.json();
	expect(pkg.CFDocument.caseVersion).toBe('1.1');
	expect(pkg.CFItems.length).toBeGreaterThanOrEqual(64);
});

test('the module body is sent once in the page, stays after hydration, and comes as data on client-side navigation', async ({
	page
}) => {
	await login(page, demo('learner'));
	const response = await page.goto(`/learn/${MODULE}`);
	const html = await response!.text();
	const heading = (await page.locator('.prose h3[id]').first().textContent())!.trim();
	// a paragraph of the body (the headings appear in the contents list too)
	const paragraph = (await page.locator('.prose > p').first().textContent())!.trim().slice(0, 60);
	expect(html.split(paragraph).length - 1).toBe(1); // in the markup, not again in the hydration data
	expect(html).toContain('credo-slot:module-body'); // the placeholder the hydration data holds instead
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.locator('.prose h3[id]').first()).toHaveText(heading); // hydration kept it
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' }).click();
	await page
		.locator('ul.cards')
		.getByRole('link', { name: /Gatekeeping/ })
		.first()
		.click(); // a data request this time
	await expect(page.locator('.prose h3[id]').first()).toHaveText(heading);
	await expect(page.locator('.prose')).not.toContainText('credo-slot');
});
