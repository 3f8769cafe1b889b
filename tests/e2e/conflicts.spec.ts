// Concurrency in the browser: a double-clicked form is applied once (idempotency key); a regulator working from a
// stale licence page gets a version-conflict message, keeps what they typed, and sees the other change on reload.
// Also regressions for bugs the fuzz tests found that only show in a real page or connection.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page, type Response } from '@playwright/test';
import { count, demo, login, query } from './helpers';

const PDF = {
	name: 'certificate.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
};

test('double-clicking "Submit for review" quickly creates one CPD activity', async ({ page }) => {
	await login(page, demo('learner'));
	await page.goto('/cpd');
	const title = `Double-click workshop ${randomUUID().slice(0, 8)}`;
	const add = page.locator('form[action="?/add"]'); // (an audit request on the page has an evidence field too)
	await add.getByLabel('Title').fill(title);
	await add.getByRole('textbox', { name: 'Provider', exact: true }).fill('Credo Academy');
	await add.getByRole('spinbutton', { name: 'Credits' }).fill('1');
	await add.getByLabel('Content area').selectOption({ label: 'Child protection' });
	await add.getByLabel('Activity type').selectOption({ label: 'Self-study (reading, recordings)' });
	await add.getByLabel(/^Evidence/).setInputFiles(PDF);
	const key = await add.locator('input[name="idempotencyKey"]').inputValue(); // rendered with the page
	expect(key).toMatch(/^[0-9a-f-]{36}$/);
	const answered: Promise<Response | null>[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().includes('?/add')) answered.push(r.response());
	});
	await add.getByRole('button', { name: 'Submit for review' }).dblclick();
	await expect.poll(() => answered.length).toBe(2); // the browser really sent the form twice (with the same key)…
	// neither answer is an error (a second submission waiting on the first one's key was killed after 5 s, a 500)
	for (const r of await Promise.all(answered)) expect(r?.status() ?? 200).toBe(200);
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: /Activity submitted for review|already saved/ })
			.first()
	).toBeVisible();
	expect(await count('cpd_entries', 'title = $1', [title])).toBe(1); // …and it was applied once
	expect(await count('idempotency_keys', 'key = $1', [key])).toBe(1);
	await page.reload();
	await expect(page.locator('tr').filter({ hasText: title })).toHaveCount(1);
});

async function regulatorOn(page: Page, number: string) {
	await login(page, demo('regulator'));
	await page.goto(`/regulator/licences/${number}`);
	await page.getByText('Change the licence status').click();
	await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toBeVisible();
}

test('two regulators change one licence at once: the second gets a version conflict, keeps what was typed and sees the first change', async ({
	browser
}) => {
	const number = 'SW-2020-0500';
	const events = () =>
		count(
			'audit_events e join licences l on l.id::text = e.subject_id',
			"l.number = $1 and e.action like 'licence.status_%'",
			[number]
		);
	const before = await events();
	const first = await (await browser.newContext()).newPage();
	const second = await (await browser.newContext()).newPage();
	await regulatorOn(first, number);
	await regulatorOn(second, number); // both pages rendered with the same version

	await first.getByRole('combobox', { name: 'Status', exact: true }).selectOption('SUSPENDED');
	await first.locator('#status-reason').fill('Hearing on 3 May');
	await first.getByRole('button', { name: 'Save the status' }).click();
	await first.getByRole('button', { name: 'Confirm the change' }).click(); // the check-your-answers step
	await expect(first.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();

	const mine = 'Struck off by the disciplinary committee';
	await second.getByRole('combobox', { name: 'Status', exact: true }).selectOption('REVOKED');
	await second.locator('#status-reason').fill(mine);
	await second.getByRole('button', { name: 'Save the status' }).click();
	const alert = second.getByRole('alert').filter({ hasText: 'Someone else changed this licence since you opened it' });
	await expect(alert).toBeVisible();
	await expect(second.locator('#status-reason')).toHaveValue(mine); // nothing typed is lost
	const [licence] = await query<{ status: string; status_reason: string }>(
		'select status, status_reason from licences where number = $1',
		[number]
	);
	expect(licence).toEqual({ status: 'SUSPENDED', status_reason: 'Hearing on 3 May' }); // the first change stays

	await alert.getByRole('link', { name: 'Reload' }).click();
	await expect(second.locator('main')).toContainText('Hearing on 3 May'); // their change is shown…
	await expect(second.locator('#status-reason')).toHaveValue(mine); // …and the text is still there
	await second.getByRole('combobox', { name: 'Status', exact: true }).selectOption('ACTIVE');
	await second.getByRole('button', { name: 'Save the status' }).click();
	await second.getByRole('button', { name: 'Confirm the change' }).click();
	await expect(second.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();
	expect(await events()).toBe(before + 2); // the first change and the reloaded second one; the refused one is not there
});

test("a section opened before the page's JavaScript arrived stays open when the page hydrates (slow connections)", async ({
	page
}) => {
	await login(page, demo('regulator'));
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route(
		(url) => url.pathname.startsWith('/_app/immutable/') && url.pathname.endsWith('.js'),
		async (route) => {
			await held;
			await route.continue();
		}
	);
	await page.goto('/regulator/licences/SW-2024-0101', { waitUntil: 'domcontentloaded' });
	await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
	await page.getByText('Change the licence status').click(); // the server-rendered page, no JavaScript yet
	await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toBeVisible();
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toBeVisible(); // hydration did not close it
});

test('regression (fuzzing): a programme with practicum and supervision minimums does not break the pages that list it', async ({
	page,
	browser,
	baseURL
}) => {
	const tag = randomUUID().slice(0, 6);
	const post = async (url: string, form: Record<string, string>) => {
		const r = await page.request.post(url, { form, headers: { origin: baseURL!, accept: 'application/json' } });
		const body = await r.json();
		expect(['success', 'redirect'], `${url}: ${JSON.stringify(body)}`).toContain(body.type);
		return body as { location?: string };
	};
	await login(page, demo('provider'));
	const created = await post('/provider/programmes?/create', {
		code: `MIN-${tag}`,
		title: `Minimums ${tag}`,
		minPracticumHours: '40.5',
		minSupervisionHours: '10',
		childProtection: 'on'
	});
	const programme = created.location!;
	const event = await post(`${programme}?/event`, {
		title: `Event ${tag}`,
		mode: 'LIVE_ONLINE',
		startsOn: '2026-06-01',
		endsOn: '2026-06-02'
	});
	await post(`${programme}?/recognition`, {
		governmentRecognised: 'on',
		recognitionReference: `GAZ-${tag}`,
		recognitionDate: '2026-01-15'
	});
	for (const url of ['/provider/programmes', programme, event.location!])
		expect((await page.request.get(url)).status(), url).toBe(200);
	const regulator = await (await browser.newContext()).newPage();
	await login(regulator, demo('regulator'));
	expect((await regulator.request.get('/regulator/programmes')).status()).toBe(200);
});

test('regression (fuzzing): a large post refused before its body is read does not break the next request on the connection', async ({
	page,
	baseURL
}) => {
	await login(page, demo('learner'));
	// the learner manages no event: the guard answers 404 before reading the 2 MB body
	const r = await page.request.post('/provider/events/00000000-0000-4000-8000-000000000000?/participants', {
		form: { entries: 'x'.repeat(2_000_000) },
		headers: { origin: baseURL!, accept: 'application/json' }
	});
	expect(r.status()).toBe(404);
	expect(r.headers()['connection']).toBe('close');
	expect((await page.request.get('/dashboard')).status()).toBe(200);
});

test('regression (fuzzing): a small post refused before its body is read is answered, and the connection stays usable', async ({
	page,
	baseURL
}) => {
	await login(page, demo('learner'));
	// the learner manages no event: the guard answers 404 before reading the body, which is then read and dropped
	for (let i = 0; i < 20; i++) {
		const r = await page.request.post('/provider/events/00000000-0000-4000-8000-000000000000?/participants', {
			form: { entries: `x${i}@example.org`, toString: '/bz<*x' },
			headers: { origin: baseURL!, accept: 'application/json' }
		});
		expect(r.status()).toBe(404);
		expect(r.headers()['connection']).not.toBe('close');
	}
	expect((await page.request.get('/dashboard')).status()).toBe(200);
});
