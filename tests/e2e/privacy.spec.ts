// Personal data: consent at registration and from the banner, "download my data", erasure on request by an admin
// (the certificate still verifies, as issued to a former holder), and the evidence retention setting.
import { expect, test } from '@playwright/test';
import {
	demo,
	expectAccessible,
	expectNoHorizontalScroll,
	login,
	logout,
	query,
	register,
	uniqueEmail
} from './helpers';
import { newVerificationCode } from '../../src/lib/server/certificates/code';

test('registration needs the privacy box ticked; the banner asks again until accepted', async ({ page }) => {
	await page.goto('/register');
	await page.getByLabel('Given name').fill('Nia');
	await page.getByLabel('Family name').fill('Consent');
	await page.getByLabel('Email address').fill(uniqueEmail('noconsent'));
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a good long passphrase');
	await page.getByLabel('Country or jurisdiction').selectOption({ label: 'Demo Republic' });
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.locator('#f-privacy-error')).toHaveText(
		'Tick this box to confirm you have read the privacy notice.'
	);
	await expect(page.getByLabel(/I have read the privacy notice \(version \d{4}-\d{2}\)/)).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(page);

	const email = uniqueEmail('consent');
	await register(page, { email, given: 'Nia', family: 'Consent' });
	const [user] = await query<{ id: string }>('select id from users where email = $1', [email]);
	expect(await query('select notice_version from privacy_consents where user_id = $1', [user.id])).toHaveLength(1);
	await expect(page.getByRole('button', { name: 'I accept' })).toHaveCount(0);

	// a new version of the notice (simulated by removing the acceptance): the banner asks, one click accepts
	await query('delete from privacy_consents where user_id = $1', [user.id]);
	await page.goto('/cpd');
	await expect(page.getByText(/Please read the privacy notice/)).toBeVisible();
	await expectAccessible(page);
	await page.setViewportSize({ width: 360, height: 800 });
	await expectNoHorizontalScroll(page);
	await page.getByRole('button', { name: 'I accept' }).click();
	await expect(page).toHaveURL(/\/cpd$/);
	await expect(page.getByRole('button', { name: 'I accept' })).toHaveCount(0);
	expect(await query('select 1 from privacy_consents where user_id = $1', [user.id])).toHaveLength(1);
});

test('a person downloads their data as JSON and PDF, and only their own', async ({ page }) => {
	const email = uniqueEmail('mydata');
	await register(page, { email, given: 'Dana', family: 'Download' });
	await page.goto('/account');
	await expect(page.getByRole('link', { name: 'Complete, as JSON' })).toHaveAttribute('href', '/account/data.json');
	const [learner] = await query<{ id: string }>("select id from users where email = 'learner@demo.credo.test'");
	// there is no way to name someone else: a parameter is ignored
	const r = await page.request.get(`/account/data.json?user=${learner.id}&id=${learner.id}`);
	expect(r.status()).toBe(200);
	expect(r.headers()['content-disposition']).toMatch(/attachment; filename="credo-my-data-\d{4}-\d{2}-\d{2}\.json"/);
	const data = await r.json();
	expect(data.account.email).toBe(email);
	expect(JSON.stringify(data)).not.toContain('learner@demo.credo.test');
	expect(data.privacyConsents).toHaveLength(1);
	const pdf = await page.request.get('/account/data.pdf');
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	await logout(page);
	expect((await page.request.get('/account/data.json', { maxRedirects: 0 })).status()).toBe(303);
});

test('an admin erases a person on request: no login, the certificate verifies as issued to a former holder', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('erase');
	await register(page, { email, given: 'Erin', family: 'Erasable' });
	await logout(page);
	const [person] = await query<{ id: string }>('select id from users where email = $1', [email]);
	const [worker] = await query<{ id: string; jurisdiction_id: string }>(
		'select id, jurisdiction_id from worker_profiles where user_id = $1',
		[person.id]
	);
	const [programme] = await query<{ id: string }>("select id from programmes where code = 'CP-5DAY'");
	const code = newVerificationCode();
	await query(
		`insert into certificates (id, jurisdiction_id, programme_id, user_id, worker_id, holder_name, sequence, code, issued_on, competencies, evidence)
		 values (gen_random_uuid(), $1, $2, $3, $4, 'Erin Erasable', 1, $5, current_date, '{}', '{}')`,
		[worker.jurisdiction_id, programme.id, person.id, worker.id, code]
	);
	await page.goto(`/verify/${code}`);
	await expect(page.locator('dl')).toContainText('Erin Erasable');

	await login(page, demo('admin'));
	await page.goto(`/admin/users/${person.id}`);
	await page.getByLabel(/Type their email address/).fill('someone-else@example.org');
	await page.getByLabel('The request: its date and reference').fill('Request of 2026-11-20, ref DP-1');
	await page.getByRole('button', { name: 'Erase this person' }).click();
	await expect(page.locator('#erase-confirmEmail-error')).toContainText('not the email address');
	await expectAccessible(page);
	await page.getByLabel(/Type their email address/).fill(email);
	await page.getByRole('button', { name: 'Erase this person' }).click();
	await expect(page.getByRole('status')).toContainText('The person was erased.');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Former user');
	await logout(page);

	// they can no longer sign in
	const other = await browser.newPage();
	await other.goto('/login');
	await other.getByLabel('Email address').fill(email);
	await other.getByRole('textbox', { name: 'Password', exact: true }).fill('a good long passphrase');
	await other.getByRole('button', { name: 'Log in' }).click();
	await expect(other).toHaveURL(/\/login/);
	await other.close();

	// the certificate still verifies, without the name
	await page.goto(`/verify/${code}`);
	await expect(page.getByRole('status')).toContainText(/valid/i);
	await expect(page.locator('dl')).toContainText('Issued to a former holder');
	await expect(page.locator('dl')).not.toContainText('Erin');
	await expectAccessible(page);
	const api = await page.request.get(`/api/v1/certificates/${code}`);
	expect(await api.json()).toMatchObject({ status: 'valid', holderName: null, formerHolder: true });
	expect(
		await query("select 1 from audit_events where action = 'person.erased' and subject_id = $1", [person.id])
	).toHaveLength(1);
});

test('the regulator sets the evidence retention period; a bad value gets a message beside the field', async ({
	page
}) => {
	await login(page, demo('regulator'));
	await page.goto('/regulator/rules');
	const field = page.getByLabel('Months to keep evidence files in Demo Republic');
	await field.fill('0');
	await page.getByRole('button', { name: 'Save the retention period' }).click();
	await expect(page.locator('.field.invalid .error')).toContainText('whole number of months');
	await expectAccessible(page);
	await field.fill('120');
	await page.getByRole('button', { name: 'Save the retention period' }).click();
	await expect(page.getByRole('status')).toContainText('Retention period saved.');
	expect(
		(await query<{ m: number }>("select evidence_retention_months as m from jurisdictions where code = 'DR'"))[0].m
	).toBe(120);
	// the renewal rule form on the same page still shows its own values
	await expect(page.getByLabel('Cycle length (months)')).not.toHaveValue('');
	// back to "kept", so other journeys see the demo as seeded
	await page.getByLabel('Months to keep evidence files in Demo Republic').fill('');
	await Promise.all([
		page.waitForResponse((r) => r.url().includes('?/retention')),
		page.getByRole('button', { name: 'Save the retention period' }).click()
	]);
	await expect(page.getByText('Now: files are kept.')).toBeVisible();
	expect(
		(await query<{ m: number | null }>("select evidence_retention_months as m from jurisdictions where code = 'DR'"))[0]
			.m
	).toBeNull();
});
