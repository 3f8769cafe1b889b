// Certificates end to end: a learner earns one by passing a programme's module, downloads the PDF, its QR code leads
// to "valid", the signed badge verifies (and a tampered copy does not), the provider revokes it and the same pages
// say "revoked". Then a provider runs a five-day event: register, cohort issuance with a progress bar.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { answerEntries, moduleFile } from '../helpers/content';
import { pdfText, qrFromPdf } from '../helpers/qr';
import { demo, expectAccessible, login, query, register, shownDay, uniqueEmail } from './helpers';

const MODULE = 'care-gatekeeping';

test('a learner completes a programme, downloads the certificate, its QR code verifies, the provider revokes it', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(90_000);
	const family = `Ødegård-${randomUUID().slice(0, 4)}`;
	await register(page, { email: uniqueEmail('cert'), given: 'Amélie', family });

	// before: the programme lists what is left
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
	const card = page.locator('article.programme', { hasText: 'Gatekeeping in care reform (short course)' });
	await expect(card).toContainText('with at least 80%');
	await expect(card.locator('li.left')).toHaveCount(1);
	await expectAccessible(page);

	// pass the module with every answer right: the certificate is issued automatically
	await page.goto(`/learn/${MODULE}`);
	await page.getByRole('button', { name: 'Start the assessment' }).click();
	await expect(page).toHaveURL(/\/assessment$/);
	const drawn = [
		...new Set(
			await page
				.locator('form.quiz input[name^="q."]')
				.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name.slice(2)))
		)
	];
	for (const [, optionId] of answerEntries(moduleFile('content', MODULE), drawn, true))
		await page.locator(`input[value="${optionId}"]`).check();
	await page.getByRole('button', { name: 'Submit answers' }).click();
	await expect(page.getByRole('status')).toContainText('Passed with 100%');

	await page.goto('/certificates');
	const mine = page.locator('li.certificate', { hasText: 'Gatekeeping in care reform (short course)' });
	await expect(mine).toContainText('Valid');
	// the programme now shows as held: nothing listed as still to do, what a renewal needs folded away
	const held = page.locator('article.programme', { hasText: 'Gatekeeping in care reform (short course)' });
	await expect(held).toContainText('You hold this certificate');
	await expect(held.locator('li.left:visible')).toHaveCount(0);
	await expect(held.getByText('What a renewed certificate needs')).toBeVisible();
	await expectAccessible(page);

	// the PDF: real text, and a QR code pointing at the public verification page
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		mine.getByRole('link', { name: 'Download the PDF' }).click()
	]);
	const pdf = await download.path();
	const text = pdfText(pdf);
	expect(text).toContain(`Amélie ${family}`);
	expect(text).toContain('Gatekeeping in care reform (short course)');
	expect(text).toContain('Credo Academy');
	const url = qrFromPdf(pdf);
	// the check character may be $, which the address percent-encodes
	expect(decodeURIComponent(url!)).toMatch(/\/verify\/[0-9A-Z*~$=-]+$/);
	const path = new URL(url!).pathname;
	expect(text).toContain(decodeURIComponent(path.split('/').pop()!));

	const visitor = await browser.newPage(); // anyone, not signed in
	await visitor.goto(path);
	await expect(visitor.locator('.verdict')).toHaveText('Valid certificate');
	await expect(visitor.locator('dl')).toContainText(`Amélie ${family}`);
	await expect(visitor.locator('dl')).toContainText('SSC/ACC/2026/007');
	// the same printed address answers another system with JSON, the same as the API's
	const asJson = await request.get(path, { headers: { accept: 'application/json' } });
	expect(asJson.headers()['content-type']).toContain('application/json');
	const fromApi = await request.get(`/api/v1/certificates/${path.split('/').pop()}`);
	expect(await asJson.json()).toEqual(await fromApi.json());
	expect(await asJson.json()).toMatchObject({ status: 'valid', holderName: `Amélie ${family}` });
	expect((await request.get(path, { headers: { accept: 'text/html' } })).headers()['content-type']).toContain(
		'text/html'
	);
	expect(
		(await request.get('/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z', { headers: { accept: 'application/json' } })).status()
	).toBeGreaterThanOrEqual(400);

	// the signed Open Badges credential verifies; one changed character does not
	const [badge] = await Promise.all([
		page.waitForEvent('download'),
		mine.getByRole('link', { name: /signed badge/ }).click()
	]);
	const credential = JSON.parse(fs.readFileSync(await badge.path(), 'utf8'));
	expect(credential.type).toContain('OpenBadgeCredential');
	let r = await request.post('/api/v1/credentials/verify', { data: credential });
	expect(await r.json()).toMatchObject({ valid: true, reasons: [], verified: true, status: 'valid' });
	// its revocation list, public: a signed BitstringStatusListCredential any site may read
	const list = await request.get(new URL(credential.credentialStatus.statusListCredential).pathname);
	expect(list.headers()['access-control-allow-origin']).toBe('*');
	expect((await list.json()).type).toContain('BitstringStatusListCredential');
	const tampered = JSON.parse(JSON.stringify(credential));
	tampered.credentialSubject.achievement.name = tampered.credentialSubject.achievement.name.replace(
		'Gatekeeping',
		'Gatekeepinq'
	);
	r = await request.post('/api/v1/credentials/verify', { data: tampered });
	expect(await r.json()).toMatchObject({ verified: false });

	// the provider revokes it with a reason
	const providerPage = await (await browser.newContext()).newPage();
	await login(providerPage, demo('provider'));
	await providerPage.goto('/provider/programmes');
	await providerPage.getByRole('link', { name: 'Gatekeeping in care reform (short course)' }).click();
	await expect(providerPage.getByRole('heading', { level: 1 })).toHaveText('Gatekeeping in care reform (short course)');
	await providerPage.getByRole('link', { name: `Amélie ${family}` }).click();
	await expect(providerPage.getByRole('heading', { level: 1 })).toContainText(family);
	await providerPage.getByRole('button', { name: 'Revoke this certificate' }).click();
	await expect(providerPage.locator('#f-reason-error')).toBeVisible(); // a reason is required
	await providerPage.getByRole('textbox', { name: 'Reason' }).fill('Assessment taken by another person');
	await providerPage.getByRole('button', { name: 'Revoke this certificate' }).click();
	// a check-your-answers step before the revocation, which cannot be undone
	await providerPage.getByRole('button', { name: 'Confirm the revocation' }).click();
	await expect(providerPage.getByRole('status')).toContainText('revoked');

	await visitor.reload();
	await expect(visitor.locator('.verdict')).toContainText('Revoked on');
	r = await request.get(`/api/v1/certificates/${encodeURIComponent(decodeURIComponent(path.split('/').pop()!))}`);
	expect(await r.json()).toMatchObject({ status: 'revoked' });
	expect(await (await request.get(path, { headers: { accept: 'application/json' } })).json()).toMatchObject({
		status: 'revoked'
	});
	r = await request.post('/api/v1/credentials/verify', { data: credential });
	expect(await r.json()).toMatchObject({ valid: false, reasons: ['status'], verified: true, status: 'revoked' });
	// the holder is no longer offered the signed badge
	await page.goto('/certificates');
	await expect(mine.getByRole('link', { name: /signed badge/ })).toHaveCount(0);
	await page.goto('/inbox');
	await expect(page.getByText('A certificate of yours was revoked').first()).toBeVisible();
});

test("a provider runs an event on weekdays with a participant who has no account, records the register and issues the cohort's certificates after checking the answers", async ({
	page
}) => {
	test.setTimeout(90_000);
	const tag = randomUUID().slice(0, 6);
	const people = ['Ama', 'Bakari', 'Chipo'].map((name) => ({
		name: `${name} ${tag}`,
		email: `${name.toLowerCase()}-${tag}@e2e.credo.test`
	}));
	// two with accounts whose addresses are confirmed (only those are found by address)
	for (const p of people.slice(0, 2))
		await query(
			"insert into users (id, email, name, password_hash, email_verified_at) values (gen_random_uuid(), $1, $2, 'not-a-hash', now())",
			[p.email, p.name]
		);

	await login(page, demo('provider'));
	await page.goto('/provider/programmes');
	await page.getByRole('textbox', { name: 'Code', exact: true }).fill(`CP-${tag}`);
	await page.getByRole('textbox', { name: 'Title', exact: true }).fill(`Four-day course ${tag}`);
	await page.getByLabel('Attendance at every day of a training event').check();
	await page.getByLabel('Prepares workers to provide child-protection services').check();
	await page.getByRole('button', { name: 'Create the programme' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Four-day course ${tag}`);
	// Chipo has no account: she is in the worker register of the provider's jurisdiction, with a national worker ID
	const [{ jurisdiction_id: jurisdiction }] = await query<{ jurisdiction_id: string }>(
		'select jurisdiction_id from programmes where code = $1',
		[`CP-${tag}`]
	);
	const [{ id: chipo }] = await query<{ id: string }>(
		`insert into worker_profiles (id, jurisdiction_id, given_name, family_name, updated_at)
		values (gen_random_uuid(), $1, 'Chipo', $2, now()) returning id`,
		[jurisdiction, tag]
	);
	await query(
		"insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value) values (gen_random_uuid(), $1, $2, 'NATIONAL_WORKER_ID', $3)",
		[chipo, jurisdiction, `NW-${tag}`]
	);

	// Thursday 5 to Tuesday 10 November: four session days, the weekend skipped
	await page.getByText('New training event').click();
	await page.getByRole('textbox', { name: 'Event name' }).fill(`Lakeside ${tag}`);
	await page.getByRole('textbox', { name: 'Venue' }).fill('Lakeside Community Hall');
	await page.getByLabel('First day').fill('2026-11-05');
	await page.getByLabel('Last day').fill('2026-11-10');
	await page.getByLabel('Sessions only Monday to Friday').check();
	await page.getByRole('button', { name: 'Create the event' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lakeside ${tag}`);
	await expect(page.getByText('4 session days, from 5 Nov 2026 to 10 Nov 2026')).toBeVisible();

	// two by address, Chipo found in the register by name; an unknown ID is refused on its own
	await page
		.getByLabel('Email addresses, national worker IDs or licence numbers')
		.fill([people[0].email, people[1].email, `NW-nobody-${tag}`].join('\n'));
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '2 added, 0 already taking part.' })).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: `NW-nobody-${tag}` })).toContainText(
		'No worker of this jurisdiction has this national worker ID'
	);
	await page.getByLabel('Find in the worker register').fill(`chipo ${tag}`);
	await page.getByRole('button', { name: 'Search' }).click();
	await page.getByLabel(new RegExp(`Chipo ${tag}`)).check();
	await page.getByRole('button', { name: 'Add the chosen workers' }).click();
	await expect(page.getByRole('status').filter({ hasText: '1 added, 0 already taking part.' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: new RegExp(`Chipo ${tag}`) })).toContainText('no account yet');

	const days = ['2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10'];
	for (const d of days) {
		await page.getByRole('button', { name: `All present on ${shownDay(d)}` }).click();
		await expect(page.getByRole('combobox', { name: `Attendance of ${people[0].name} on ${shownDay(d)}` })).toHaveValue(
			'present'
		);
	}
	await expect(page.getByRole('combobox', { name: `Attendance of ${people[0].name} on 7 Nov 2026` })).toHaveCount(0);
	// Bakari missed day 3; Chipo missed it too but made it up
	await page.getByRole('combobox', { name: `Attendance of ${people[1].name} on 9 Nov 2026` }).selectOption('absent');
	await page.getByRole('combobox', { name: `Attendance of Chipo ${tag} on 9 Nov 2026` }).selectOption('makeup');

	await page.getByRole('button', { name: 'Save the register' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Attendance saved' })).toBeVisible();
	await expectAccessible(page);

	// dated a future day: refused beside the field; then a past day after the event, checked before issuing
	await page.getByLabel('Date on the certificates').fill('2999-01-01');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByText('The date cannot be in the future.')).toBeVisible();
	await page.getByLabel('Date on the certificates').fill('2026-11-20');
	await page.getByRole('button', { name: 'Continue' }).click();
	const check = page.locator('#check');
	await expect(check.getByRole('heading', { name: 'Check before issuing' })).toBeVisible();
	await expect(check.locator('dl > div', { hasText: 'Certificates dated' }).locator('dd')).toContainText('20 Nov 2026');
	await expect(
		check.locator('dl > div', { hasText: 'Present or made up on every session day' }).locator('dd')
	).toHaveText('2');
	await expect(check.locator('dl > div', { hasText: 'Without a Credo account' }).locator('dd')).toHaveText('1');
	await expectAccessible(page);
	await check.getByRole('button', { name: 'Issue the certificates' }).click();
	await expect(page.getByLabel('Issuing progress')).toBeVisible();
	await expect(page.getByText('2 issued, 0 already held, 1 not eligible yet.')).toBeVisible({ timeout: 30_000 });
	const progress = page.getByLabel('Issuing progress');
	expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
	await page.getByText('Participants who do not meet the rules yet').click();
	await expect(page.getByText(`${people[1].name} (${people[1].email}): 3/4`)).toBeVisible();
	const holders = await query<{ holder_name: string; user_id: string | null; issued_on: string }>(
		`select c.holder_name, c.user_id, to_char(c.issued_on, 'YYYY-MM-DD') as issued_on from certificates c
		join programmes p on p.id = c.programme_id where p.code = $1 order by c.holder_name`,
		[`CP-${tag}`]
	);
	expect(holders.map((h) => [h.holder_name, !!h.user_id, h.issued_on])).toEqual([
		[people[0].name, true, '2026-11-20'],
		[`Chipo ${tag}`, false, '2026-11-20']
	]);
});
