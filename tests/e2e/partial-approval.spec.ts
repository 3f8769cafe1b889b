import { expect, test } from '@playwright/test';
import { demo, expectAccessible, expectNoHorizontalScroll, login, pick, query } from './helpers';

const PDF = {
	name: 'certificate.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
};

test('a learner claims 3 credits; the provider approves 2 with a reason (more than claimed is refused); the learner sees it', async ({
	browser
}) => {
	test.setTimeout(60_000);
	const worker = await (await browser.newContext()).newPage();
	await login(worker, demo('learner'));
	await worker.goto('/cpd');
	const title = `Family group conferencing ${Date.now()}`;
	await worker.getByLabel('Title').fill(title);
	await worker.getByRole('textbox', { name: 'Provider', exact: true }).fill('Credo Academy');
	await pick(worker, 'Provider on Credo (if listed)', 'academy', 'Credo Academy');
	// before the learner's first cycle: counted in none, so cpd.spec.ts (running beside) sees its totals unchanged
	await worker.getByLabel('Activity date').fill('2024-06-12');
	await worker.getByRole('spinbutton', { name: 'Credits' }).fill('3');
	await worker.getByLabel('Content area').selectOption({ label: 'Child protection' });
	await worker.getByLabel('Activity type').selectOption({ label: 'In-person training' });
	await worker.locator('#f-evidence').setInputFiles(PDF); // an audit request may show its own evidence field
	await worker.getByRole('button', { name: 'Submit for review' }).click();
	await expect(worker.getByRole('status').filter({ hasText: 'Activity submitted for review' })).toBeVisible();

	const provider = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
	await login(provider, demo('provider'));
	await provider.goto('/cpd/review');
	const card = provider.locator('section.review-item').filter({ hasText: title });
	await card.getByText('Approve with changes').click();
	const credits = card.getByRole('spinbutton', { name: 'Credits approved' });
	await expect(credits).toHaveValue('3');
	await expect(card.getByLabel('Content area it counts in')).toHaveValue('child-protection');
	await expectAccessible(provider);
	await expectNoHorizontalScroll(provider);

	// more than claimed: refused beside the field, the form kept open with what was typed, nothing stored
	await credits.fill('4');
	await card.getByLabel('Your reason for the change (the worker sees it)').fill('Generous');
	await card.getByRole('button', { name: 'Approve with these changes' }).click();
	await expect(card.locator('[id^="credits-"][id$="-error"]')).toHaveText('At most the 3 credits claimed');
	await expect(credits).toHaveValue('4');
	const [pending] = await query<{ status: string; approved_credits: string | null }>(
		'select status, approved_credits from cpd_entries where title = $1',
		[title]
	);
	expect(pending).toEqual({ status: 'PENDING', approved_credits: null });

	// fewer credits without a reason: the reason is asked for
	await credits.fill('2');
	await card.getByLabel('Your reason for the change (the worker sees it)').fill('');
	await card.getByRole('button', { name: 'Approve with these changes' }).click();
	await expect(card.locator('[id^="change-reason-"][id$="-error"]')).toHaveText(
		'Say why you approve less than claimed'
	);

	await card.getByLabel('Your reason for the change (the worker sees it)').fill('The second day was not attended');
	await card.getByRole('button', { name: 'Approve with these changes' }).click();
	await expect(provider.getByRole('status').filter({ hasText: 'Approved with changes' })).toBeVisible();
	const [approved] = await query<{ credits: string; approved_credits: string; category: string }>(
		'select credits::text, approved_credits::text, category from cpd_entries where title = $1',
		[title]
	);
	expect(approved).toEqual({ credits: '3.00', approved_credits: '2.00', category: 'child-protection' });

	await worker.reload();
	await expect(worker.locator('tr').filter({ hasText: title })).toContainText(
		'2 of 3 credits approved — The second day was not attended'
	);
	await expectAccessible(worker);
	await worker.getByRole('link', { name: /Inbox/ }).click();
	await expect(worker.getByRole('heading', { name: 'Your activity was approved with changes' })).toBeVisible();
});
