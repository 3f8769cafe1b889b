// The single-choice picker (src/lib/components/Combobox.svelte): an organisation is chosen by typing part of its
// name, with the keyboard alone; accents and case do not matter; without JavaScript the same form works through the
// plain select it starts as.
import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, login } from './helpers';

/** The enhanced input of the picker labelled `name` (before the page runs, the same label names a select). */
const pickerInput = (page: Page, name: string) =>
	page.getByRole('combobox', { name, exact: true }).and(page.locator('input'));

async function fillAgreement(page: Page, reference: string) {
	await page.getByLabel('Reference').fill(reference);
	await page.getByLabel('Starts on').fill('2026-01-01');
	await page.getByLabel('Ends on').fill('2026-12-31');
}

test('an agency is picked with the keyboard alone: type part of its name, ArrowDown, Enter; the agreement is saved', async ({
	page
}) => {
	const reference = `KB-${Date.now().toString(36)}`;
	await login(page, demo('coordinator'));
	await page.goto('/practicum/agreements/new');
	const agency = pickerInput(page, 'Agency');
	await agency.focus();
	await page.keyboard.type('hope');
	await expect(agency).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByRole('option')).toHaveText(['Child Hope Association']);
	await expectAccessible(page); // with the list open
	await page.keyboard.press('ArrowDown');
	await expect(agency).toHaveAttribute(
		'aria-activedescendant',
		(await page.getByRole('option', { name: 'Child Hope Association' }).getAttribute('id')) ?? ''
	);
	await page.keyboard.press('Enter');
	await expect(agency).toHaveValue('Child Hope Association');
	await expect(agency).toHaveAttribute('aria-expanded', 'false');
	await fillAgreement(page, reference);
	await page.getByRole('button', { name: 'Save the agreement' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toContainText('Agreement saved');
	// the new agreement, with that agency, is offered for a placement
	await expect(page.locator('#f-agreementId option', { hasText: reference })).toHaveCount(1);
});

test('the list matches any part of a name whatever the accents and case; Escape closes it, then clears', async ({
	page
}) => {
	await login(page, demo('coordinator'));
	await page.goto('/practicum/agreements/new');
	const agency = pickerInput(page, 'Agency');
	await agency.fill('CHÎLD hôpe');
	await expect(page.getByRole('option')).toHaveText(['Child Hope Association']);
	await agency.fill('welf');
	await expect(page.getByRole('option')).toHaveText(['Department of Social Welfare']);
	await agency.fill('zzz');
	await expect(page.getByText('No match.')).toBeVisible();
	await agency.fill('');
	await expect(page.getByRole('option')).toHaveCount(4); // "Choose…" and the three agencies (UNICEF is an NGO)
	await agency.press('Escape');
	await expect(agency).toHaveAttribute('aria-expanded', 'false');
	await agency.fill('social');
	await page.getByRole('option', { name: 'Department of Social Welfare' }).click();
	await expect(agency).toHaveValue('Department of Social Welfare');
	await agency.press('Escape');
	await expect(agency).toHaveValue('');
	// nothing chosen: refused beside the field, nothing saved
	await fillAgreement(page, `NONE-${Date.now().toString(36)}`);
	await page.getByRole('button', { name: 'Save the agreement' }).click();
	await expect(page.locator('#f-agencyId-error')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the agency is chosen in the plain select and the agreement is saved', async ({ page }) => {
		const reference = `NOJS-${Date.now().toString(36)}`;
		await login(page, demo('coordinator'));
		await page.goto('/practicum/agreements/new');
		await expect(page.locator('select#f-agencyId')).toBeVisible();
		await page.getByLabel('Agency').selectOption({ label: 'Child Hope Association' });
		await fillAgreement(page, reference);
		await page.getByRole('button', { name: 'Save the agreement' }).click();
		await expect(page.getByRole('status')).toContainText('Agreement saved');
		await expect(page.locator('#f-agreementId option', { hasText: reference })).toHaveCount(1);
	});
});
