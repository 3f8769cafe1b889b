// Decisions that guide (issue 17): the regulator renews every compliant licence of the queue after a check-your-answers
// page, with a result per licence; a decision that is not valid now is not offered (its reason is given instead), and
// a single decision is confirmed on a second step. Runs after the journeys (its own Playwright project): renewing
// every compliant licence would otherwise take the licences that cpd.spec.ts decides one at a time.
import { expect, test, type Page } from '@playwright/test';
import {
	axeViolations,
	checkPage,
	demo,
	expectNoHorizontalScroll,
	login,
	query,
	rawCodesOnPage,
	strayDatesOnPage
} from './helpers';

/** checkPage's checks on a page that answers a POST (it cannot be loaded again by its address). */
async function checkAnswer(page: Page, what: string) {
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 800 });
		await expectNoHorizontalScroll(page);
		expect.soft(await axeViolations(page), `${what} at ${width} px`).toEqual([]);
	}
	expect.soft(await rawCodesOnPage(page), `${what}: raw codes`).toEqual([]);
	expect.soft(await strayDatesOnPage(page), `${what}: dates not in the one format`).toEqual([]);
}

test.describe.configure({ mode: 'default' }); // in order, in one worker: the second test reads the queue the first left

const REASON = 'Renewed with all the compliant licences of the queue';

test('the regulator renews all compliant licences of the queue after checking them, with a result per licence', async ({
	page
}) => {
	test.setTimeout(120_000);
	await login(page, demo('regulator'));
	await checkPage(page, '/regulator/renewals');
	await page.getByRole('link', { name: 'Renew all compliant licences' }).click();
	await expect(page).toHaveURL(/\/regulator\/renewals\/renew-all$/);
	await checkPage(page, '/regulator/renewals/renew-all');

	// check your answers: the licences that will be renewed, and the others each with its reason
	const will = await page.locator('h2:text-is("Licences that will be renewed") + dl dt').allTextContents();
	const wont = page.locator('h2:text-is("Licences that will not be renewed") + dl > div');
	expect(will.length).toBeGreaterThan(0);
	for (const row of await wont.all()) await expect(row.locator('dd')).toContainText('Reason: ');
	const kept = (await wont.locator('dt').allTextContents()).map((t) => t.trim());

	await page.getByRole('button', { name: 'Confirm and renew' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results');
	await expect(page.getByRole('status')).toContainText(
		`${will.length} ${will.length === 1 ? 'licence' : 'licences'} renewed`
	);
	const rows = page.locator('table tbody tr');
	await expect(rows).toHaveCount(will.length);
	for (const n of will) await expect(rows.filter({ hasText: n.trim() })).toContainText('Renewed');
	await checkAnswer(page, 'the bulk renewal results');

	// exactly those were renewed, once each; the others wait as before
	const renewed = await query<{ number: string }>(
		`select l.number from licence_cycles c join licences l on l.id = c.licence_id
		 where c.outcome = 'RENEWED' and c.decision_reason = $1 order by l.number`,
		[REASON]
	);
	expect(renewed.map((r) => r.number)).toEqual(will.map((n) => n.trim()).sort());
	if (kept.length) {
		const waiting = await query<{ number: string }>(
			`select l.number from licence_cycles c join licences l on l.id = c.licence_id
			 where c.outcome in ('OPEN', 'GRACE') and l.number = any($1)`,
			[kept]
		);
		expect(waiting.map((w) => w.number).sort()).toEqual([...kept].sort());
	}

	// each renewal kept what it rested on; the renewed cycle is shown from that snapshot, with who decided and when
	const snapshots = await query<{ n: number }>(
		`select count(*)::int as n from cycle_decisions d join licence_cycles c on c.id = d.cycle_id
		 where d.outcome = 'RENEWED' and c.decision_reason = $1 and d.snapshot->'verdict'->>'status' = 'met'`,
		[REASON]
	);
	expect(snapshots[0].n).toBe(will.length);
	if (will.length) {
		const [cycle] = await query<{ id: string; number: string }>(
			`select c.id, l.number from licence_cycles c join licences l on l.id = c.licence_id
			 where c.outcome = 'RENEWED' and c.decision_reason = $1 order by l.number limit 1`,
			[REASON]
		);
		await page.goto(`/regulator/licences/${encodeURIComponent(cycle.number)}?cycle=${cycle.id}`);
		await expect(page.locator('.decided-note')).toContainText('As recorded at the decision of');
		await expect(page.locator('.decided-note')).toContainText('Renewal rule version');
	}

	// the queue no longer lists them; the check page now has nothing to renew
	await page.goto('/regulator/renewals/renew-all');
	await expect(page.locator('main')).toContainText('there is nothing to renew');
	await expect(page.getByRole('button', { name: 'Confirm and renew' })).toHaveCount(0);
});

test('a decision that is not valid now is not offered; a valid one is confirmed on a second step', async ({ page }) => {
	test.setTimeout(90_000);
	await login(page, demo('regulator'));
	// a licence of the queue whose cycle ended without the requirements met and without grace yet
	const [short] = await query<{ number: string; id: string }>(
		`select l.number, c.id from licence_cycles c join licences l on l.id = c.licence_id
		 where c.outcome = 'OPEN' and c.ends_on < current_date - 1 and l.status = 'ACTIVE'
		 order by c.ends_on desc`
	);
	test.skip(!short, 'the demo queue has no ended cycle waiting for grace');
	const path = `/regulator/licences/${encodeURIComponent(short.number)}?cycle=${short.id}`;
	await checkPage(page, path);
	const verdict = await page.locator('.verdict').textContent();
	test.skip(!verdict?.includes('not met'), 'that cycle met its requirements');
	// renew and lapse are not offered: each is listed with its reason
	await expect(page.getByRole('button', { name: 'Renew (opens the next cycle)' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Lapse the licence' })).toHaveCount(0);
	const refused = page.locator('h3:text-is("Not possible now") + ul');
	await expect(refused).toContainText('Renew (opens the next cycle): The requirements are not met');
	await expect(refused).toContainText('Lapse the licence: The grace period must be granted first');

	// grace is: chosen, then checked (with the day it will end), then confirmed
	await page.locator('#decision-reason').fill('Short of credits at the end of the cycle');
	await page.getByRole('button', { name: 'Grant the grace period' }).click();
	await expect(page.getByRole('heading', { name: 'Check the decision' })).toBeVisible();
	await expect(page.locator('main')).toContainText('The grace period will end on');
	await checkAnswer(page, 'the decision check');
	expect(
		(await query<{ outcome: string }>('select outcome from licence_cycles where id = $1', [short.id]))[0].outcome
	).toBe('OPEN');
	await page.getByRole('button', { name: 'Confirm the decision' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Decision recorded' })).toBeVisible();
	await page.reload();
	// in grace: the end of the grace period is shown, and no decision is offered until it has passed
	await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: 'grace period until' })).toBeVisible();
	await expect(page.locator('h3:text-is("Not possible now") + ul')).toContainText('The grace period runs until');
});
