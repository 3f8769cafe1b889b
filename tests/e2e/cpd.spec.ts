import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, expectNoHorizontalScroll, login, pick, query } from './helpers';

const PDF = {
	name: 'certificate.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
};
const EXE = {
	name: 'certificate.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(300)])
};

async function totalEarned(page: Page) {
	const bar = page.locator('section.licence').filter({ hasText: 'SW-2024-0101' }).locator('progress').first();
	return Number(await bar.getAttribute('value'));
}

test('a worker adds an activity with evidence; the provider rejects it with a reason; the worker corrects it; approved, the progress bar moves', async ({
	browser
}) => {
	test.setTimeout(60_000);
	const worker = await (await browser.newContext()).newPage();
	await login(worker, demo('learner'));
	await worker.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CPD & licences' }).click();
	await expect(worker.getByRole('heading', { name: 'Licence SW-2024-0101' })).toBeVisible();
	const before = await totalEarned(worker);
	await expectAccessible(worker);

	const title = `Child safeguarding refresher ${Date.now()}`;
	const fill = async (credits: string) => {
		await worker.getByLabel('Title').fill(title);
		await worker.getByRole('textbox', { name: 'Provider', exact: true }).fill('Credo Academy');
		await pick(worker, 'Provider on Credo (if listed)', 'academy', 'Credo Academy');
		await worker.getByLabel('Activity date').fill('2026-06-10');
		await worker.getByRole('spinbutton', { name: 'Credits' }).fill(credits);
		await worker.getByLabel('Content area').selectOption({ label: 'Child protection' });
		await worker.getByLabel('Activity type').selectOption({ label: 'In-person training' });
	};
	await fill('2');
	// hours with three decimals: refused beside the field, what was typed kept, nothing stored
	await worker.getByRole('spinbutton', { name: 'Hours' }).fill('1.234');
	await worker.getByRole('button', { name: 'Submit for review' }).click();
	await expect(worker.locator('#f-hours-error')).toContainText('Enter the hours it took');
	await expect(worker.getByLabel('Activity type')).toHaveValue('in-person');
	expect(await query('select 1 from cpd_entries where title = $1', [title])).toEqual([]);
	await worker.getByRole('spinbutton', { name: 'Hours' }).fill('3');
	await worker.getByLabel(/^Evidence/).setInputFiles(EXE);
	await worker.getByRole('button', { name: 'Submit for review' }).click();
	await expect(worker.locator('#f-evidence-error')).toContainText('Only PDF, PNG or JPEG');
	await expect(worker.getByLabel('Title')).toHaveValue(title);
	await worker.getByLabel(/^Evidence/).setInputFiles(PDF);
	await worker.getByRole('button', { name: 'Submit for review' }).click();
	await expect(worker.getByRole('status').filter({ hasText: 'Activity submitted for review' })).toBeVisible();

	const provider = await (await browser.newContext()).newPage();
	await login(provider, demo('provider'));
	await provider.goto('/cpd/review');
	const card = provider.locator('section.review-item').filter({ hasText: title });
	await expect(card.getByRole('link', { name: 'Evidence' })).toBeVisible();
	// the reviewer decides with the content area, the activity type and the hours in view
	await expect(card.locator('dl')).toContainText('Child protection');
	await expect(card.locator('dl')).toContainText('In-person training');
	await expect(card.locator('dl')).toContainText('3 h');
	await card.getByRole('button', { name: 'Reject' }).click();
	await expect(card.locator('.error')).toContainText('Give a reason');
	await card.getByLabel(/^Reason/).fill('The certificate is not signed');
	await card.getByRole('button', { name: 'Reject' }).click();
	await expect(provider.getByRole('status')).toContainText('Rejected');
	await expectAccessible(provider);

	await worker.reload();
	const row = worker.locator('tr').filter({ hasText: title });
	await expect(row).toContainText('Rejected: The certificate is not signed');
	await expect(row).toContainText('In-person training');
	await expect(row).toContainText('3 h');
	await row.getByRole('link', { name: 'Correct and resubmit' }).click();
	await expect(worker).toHaveURL(/\/cpd\/entries\/[0-9a-f-]{36}$/);
	await expect(worker.getByRole('spinbutton', { name: 'Credits' })).toHaveValue('2');
	await expect(worker.getByLabel('Activity type')).toHaveValue('in-person');
	await expect(worker.getByRole('spinbutton', { name: 'Hours' })).toHaveValue('3');
	await worker.getByRole('spinbutton', { name: 'Credits' }).fill('3');
	await worker.getByLabel(/^Evidence/).setInputFiles(PDF);
	await expectAccessible(worker);
	await worker.getByRole('button', { name: 'Resubmit for review' }).click();
	await expect(worker).toHaveURL(/\/cpd\?resubmitted=1/);
	await expect(worker.locator('tr').filter({ hasText: title })).toContainText('Waiting for review');

	await provider.reload();
	await provider
		.locator('section.review-item')
		.filter({ hasText: title })
		.getByRole('button', { name: 'Approve' })
		.click();
	await expect(provider.getByRole('status')).toContainText('Approved');

	await worker.reload();
	await expect(worker.locator('tr').filter({ hasText: title })).toContainText('Approved');
	expect(await totalEarned(worker)).toBe(before + 3);
	// how it counts: its content area and activity type in words, then what counted and why
	await worker.getByText('How each activity counts in the current cycle').click();
	await expect(worker.locator('details.why li').filter({ hasText: title })).toContainText(
		'Child protection · In-person training — counted (3)'
	);
	await expect(worker.locator('dl.verdict-types')).toContainText('In-person training');
	await worker.getByRole('link', { name: /Inbox/ }).click();
	await expect(worker.getByRole('heading', { name: 'Your activity was approved' })).toBeVisible();
	await expect(worker.getByRole('heading', { name: 'Your activity was rejected' })).toBeVisible();
});

test('the regulator looks up a licence, renews one, lapses another after grace, draws an audit sample and exports CSV', async ({
	page
}) => {
	test.setTimeout(60_000);
	await login(page, demo('regulator'));
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licence register' }).click();
	await page.getByLabel("Licence number or holder's name").fill('SW-2012');
	await page.getByRole('button', { name: 'Search' }).click();
	await page.getByRole('link', { name: 'SW-2012-0042' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Requirements met' })).toBeVisible();
	await expect(page.locator('table.verdict-entries')).toContainText('Ethics in statutory social work');
	// each entry with its content area and its activity type in words; credits by area and by type, with caps and rates
	const entries = page.locator('table.verdict-entries');
	await expect(entries.getByRole('columnheader', { name: 'Content area' })).toBeVisible();
	await expect(entries.getByRole('columnheader', { name: 'Activity type' })).toBeVisible();
	await expect(entries.locator('tr').filter({ hasText: 'Ethics in statutory social work' })).toContainText(
		/Ethics and professional conduct.*In-person training.*counted/
	);
	await expect(page.locator('dl.verdict-areas')).toContainText('3 of the 2 required');
	await expect(page.locator('dl.verdict-types div').filter({ hasText: 'In-person training' })).toContainText(
		'11 credits · 1 credit per hour'
	);
	await expect(page.locator('dl.verdict-types div').filter({ hasText: 'Self-study' })).toContainText(
		'at most 5 credits'
	);
	await expectAccessible(page);
	await page.setViewportSize({ width: 360, height: 800 });
	await expectNoHorizontalScroll(page);
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.getByRole('button', { name: 'Renew (opens the next cycle)' }).click();
	await expect(page.locator('#reason-error')).toContainText('required');
	await page.locator('#decision-reason').fill('All credits verified');
	await page.getByRole('button', { name: 'Renew (opens the next cycle)' }).click();
	await page.getByRole('button', { name: 'Confirm the decision' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Decision recorded' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Cycle').locator('option')).toHaveCount(2);

	await page.goto('/regulator/renewals');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'SW-2019-0777' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'not met' })).toBeVisible();
	await page.locator('#decision-reason').fill('Grace period ended without the required credits');
	await page.getByRole('button', { name: 'Lapse the licence' }).click();
	await page.getByRole('button', { name: 'Confirm the decision' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Decision recorded' })).toBeVisible();
	await page.reload();
	await expect(page.locator('main')).toContainText('lapsed');
	const events = await query<{ action: string; reason: string }>(
		"select action, reason from audit_events where action in ('licence.renewed','licence.lapsed') order by id"
	);
	expect(events.map((e) => e.action)).toEqual(['licence.renewed', 'licence.lapsed']);

	await page.goto('/regulator/audits');
	await expectAccessible(page);
	await page.getByLabel('Percentage of licences to audit').fill('100');
	await page.getByLabel('Cycle ends from').fill('2026-01-01');
	await page.getByLabel('Cycle ends until').fill('2027-12-31');
	await page
		.getByLabel('What each audited worker must send')
		.fill('Send the certificates for every activity in the cycle');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page).toHaveURL(/\/regulator\/audits\/[0-9a-f-]{36}$/);
	await expect(page.locator('main')).toContainText('seed');
	await expectAccessible(page);

	const csv = await page.request.get('/regulator/export.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.split('\n')[0]).toBe(
		'licence,holder,licence_status,cycle_start,cycle_end,cycle_outcome,compliance,required,earned,missing'
	);
	expect(text).toContain('SW-2019-0777,Amara Mensah,LAPSED');
});

test('the compliance API: a regulator creates a token; 200 with it, 401 without or with a bad one, 404 for another jurisdiction', async ({
	page,
	request
}) => {
	await login(page, demo('regulator'));
	await page.goto('/regulator/tokens');
	await page.getByLabel('Name (who uses it)').fill('Ministry HR system');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.locator('code.token').textContent())!.trim();
	expect(token).toMatch(/^credo_[a-z2-7]{32}$/);
	await expectAccessible(page);
	const rows = await query<{ token_hash: string }>(
		"select token_hash from api_tokens where name = 'Ministry HR system'"
	);
	expect(rows[0].token_hash).not.toContain(token);

	const ok = await request.get('/api/v1/licences/SW-2024-0101/compliance', {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(ok.status()).toBe(200);
	const body = await ok.json();
	expect(body.licence.number).toBe('SW-2024-0101');
	expect(['met', 'not-met', 'not-renewable']).toContain(body.compliance.status);
	expect(body.compliance.required.total).toBe(10);
	// each entry names its content area and its activity type; earned per type beside earned per area
	expect(body.entries.length).toBeGreaterThan(0);
	for (const e of body.entries) expect(e).toHaveProperty('activityType');
	expect(body.entries.some((e: { activityType: string | null }) => e.activityType === 'in-person')).toBe(true);
	expect(typeof body.compliance.earned.types).toBe('object');
	expect((await request.get('/api/v1/licences/SW-2024-0101/compliance')).status()).toBe(401);
	expect(
		(
			await request.get('/api/v1/licences/SW-2024-0101/compliance', {
				headers: { authorization: 'Bearer credo_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }
			})
		).status()
	).toBe(401);
	await query(`with j as (insert into jurisdictions (id, code, name, time_zone) values (gen_random_uuid(), 'OTHER-API', 'Otherland', 'UTC') on conflict (code) do update set name = excluded.name returning id)
		insert into licences (id, jurisdiction_id, number, holder_name, issued_on) select gen_random_uuid(), id, 'OT-1', 'Other Holder', '2020-01-01' from j on conflict do nothing`);
	expect(
		(await request.get('/api/v1/licences/OT-1/compliance', { headers: { authorization: `Bearer ${token}` } })).status()
	).toBe(404);
	expect(
		(
			await request.get('/api/v1/licences/NO-SUCH/compliance', { headers: { authorization: `Bearer ${token}` } })
		).status()
	).toBe(404);
	await page.getByRole('button', { name: 'Revoke' }).first().click();
	await expect(page.locator('ul.roles')).toContainText('revoked');
	expect(
		(
			await request.get('/api/v1/licences/SW-2024-0101/compliance', { headers: { authorization: `Bearer ${token}` } })
		).status()
	).toBe(401);
});

test('the regulator imports licences from CSV as a background job: a bad file imports nothing and says why; a good one completes', async ({
	page
}) => {
	test.setTimeout(60_000);
	await login(page, demo('regulator'));
	await page.goto('/regulator/import');
	await expectAccessible(page);
	const header = 'number,holder_name,national_worker_id,cadre,status,issued_on,cycle_start,cycle_end';
	const tag = Date.now().toString(36);
	const upload = async (lines: string[]) => {
		await page.goto('/regulator/import');
		await page.getByLabel('CSV file').setInputFiles({
			name: 'licences.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...lines].join('\n'))
		});
		await page.getByRole('button', { name: 'Check and import' }).click();
		await expect(page).toHaveURL(/\/regulator\/import\/[0-9a-f-]{36}$/);
		await expect(page.locator('.import-status')).toContainText(/Status: (done|failed)/, { timeout: 30_000 });
	};
	await upload([
		`IMP-${tag}-1,Kwame Asante,,PROF_SW,ACTIVE,2021-04-01,2026-01-01,2026-12-31`,
		`IMP-${tag}-2,,,PROF_SW,ACTIVE,2021-04-01,2026-01-01,2026-12-31`
	]);
	await expect(page.locator('.import-status')).toContainText('failed');
	await expect(page.locator('table')).toContainText('holder_name');
	await expect(page.locator('tbody tr').first()).toContainText('3');
	await expectAccessible(page);
	expect(await query(`select 1 from licences where number like 'IMP-${tag}-%'`)).toHaveLength(0);
	await upload([
		`IMP-${tag}-1,Kwame Asante,,PROF_SW,ACTIVE,2021-04-01,2026-01-01,2026-12-31`,
		`IMP-${tag}-2,Efua Mensah,,CYCW,,2022-04-01,2026-01-01,2026-12-31`
	]);
	await expect(page.locator('.import-status')).toContainText('done — 2 of 2 rows');
	expect(await query(`select 1 from licences where number like 'IMP-${tag}-%'`)).toHaveLength(2);
});
