// Accreditation over time (issue 18): the regulator changes a module's credits from a given day; a change that would
// rewrite an existing period is refused beside the date field and changes nothing; the periods are listed.
import { expect, test } from '@playwright/test';
import { checkPage, demo, login, query } from './helpers';

test('the regulator changes a module from a future day; a change before an existing period is refused beside the date', async ({
	page
}) => {
	await login(page, demo('regulator'));
	await page.goto('/regulator/accreditation');
	await checkPage(page, '/regulator/accreditation');
	const [module] = await query<{ module_id: string; periods: number }>(
		`select module_id, count(*)::int as periods from module_accreditations
		 where jurisdiction_id = (select id from jurisdictions where code = 'DR') group by module_id order by module_id limit 1`
	);
	const card = page
		.locator('li.card')
		.filter({ has: page.locator(`input[name="moduleId"][value="${module.module_id}"]`) });

	// before the demo's first period (15 January 2019): refused, beside the date, nothing written
	await card.getByText('Change the credits, the category or the accreditation').click();
	await card.getByLabel('From').fill('2018-06-01');
	await card.getByRole('button', { name: 'Update' }).click();
	await expect(card.locator('.error')).toContainText('An accreditation period already starts on');
	const [same] = await query<{ n: number }>(
		'select count(*)::int as n from module_accreditations where module_id = $1',
		[module.module_id]
	);
	expect(same.n).toBe(module.periods);

	// a new value from a day far ahead: a new period, the current one closed the day before
	await card.getByLabel('Credits').fill('1.5');
	await card.getByLabel('From').fill('2031-01-01');
	await card.getByRole('button', { name: 'Update' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'saved' }).first()).toBeVisible();
	const periods = await query<{ from: string; to: string | null; credits: string }>(
		`select accredited_on::text as from, valid_to::text as to, credits::text from module_accreditations
		 where module_id = $1 and jurisdiction_id = (select id from jurisdictions where code = 'DR') order by accredited_on`,
		[module.module_id]
	);
	expect(periods.at(-1)).toMatchObject({ from: '2031-01-01', to: null, credits: '1.50' });
	expect(periods.at(-2)?.to).toBe('2030-12-31');
	await expect(card).toContainText('from 1 Jan 2031');
});
