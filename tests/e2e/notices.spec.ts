// Issue 17: a notice for each action someone waits on. A worker submits a CPD activity; the provider finds it under
// "To do" in the inbox (and counted in the header), follows the link to the exact claim, decides it, and the notice
// is then shown as done and no longer counted.
import { expect, test } from '@playwright/test';
import { checkPage, demo, login, pick } from './helpers';

const PDF = {
	name: 'certificate.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
};

test('a CPD claim waits in the provider’s inbox under “To do”, links to the claim, and is done once decided', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const worker = await (await browser.newContext()).newPage();
	await login(worker, demo('learner'));
	await worker.goto('/cpd');
	const title = `Notice check ${Date.now()}`;
	await worker.getByLabel('Title').fill(title);
	await worker.getByRole('textbox', { name: 'Provider', exact: true }).fill('Credo Academy');
	await pick(worker, 'Provider on Credo (if listed)', 'academy', 'Credo Academy');
	await worker.getByLabel('Activity date').fill('2026-06-10');
	await worker.getByRole('spinbutton', { name: 'Credits' }).fill('1');
	await worker.getByLabel('Content area').selectOption({ label: 'Child protection' });
	await worker.getByLabel('Activity type').selectOption({ label: 'Live online session' });
	// the activity's evidence (an audit drawn by another journey may ask the demo learner for evidence too)
	await worker.locator('#f-evidence').setInputFiles(PDF);
	await worker.getByRole('button', { name: 'Submit for review' }).click();
	await expect(worker.getByRole('status').filter({ hasText: 'Activity submitted for review' })).toBeVisible();

	const provider = await (await browser.newContext()).newPage();
	await login(provider, demo('provider'));
	await provider.goto('/inbox');
	const badge = provider.locator('summary .count');
	const unread = async () => ((await badge.count()) ? Number(await badge.textContent()) : 0);
	const before = await unread();
	expect(before).toBeGreaterThan(0);
	const toDo = provider.getByRole('region', { name: 'To do' });
	const notice = toDo.getByRole('listitem').filter({ hasText: title });
	await expect(notice.getByRole('heading', { name: 'A CPD activity waits for your review' })).toBeVisible();
	await checkPage(provider, '/inbox');

	await notice.getByRole('link', { name: 'Go to it' }).click();
	await expect(provider).toHaveURL(/\/cpd\/review#entry-[0-9a-f-]{36}$/);
	const card = provider.locator(`section.review-item${new URL(provider.url()).hash}`);
	await expect(card).toContainText(title);
	await card.getByRole('button', { name: 'Approve' }).click();
	await expect(provider.getByRole('status')).toContainText('Approved');

	await provider.goto('/inbox');
	await expect(toDo.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
	const done = provider.getByRole('region', { name: 'Other notices' }).getByRole('listitem').filter({ hasText: title });
	await expect(done).toContainText('Done');
	expect(await unread()).toBeLessThan(before);
	await checkPage(provider, '/inbox');
});
