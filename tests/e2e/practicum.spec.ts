import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, expectAccessible, login, pick } from './helpers';

async function as(browser: Browser, role: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, demo(role));
	return page;
}

test('an agreement and a placement; all three sign; the student logs hours; the supervisor rejects one and approves the rest; the student fixes it; totals move; a pass refused without the hours, an outcome recorded', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const tag = Date.now().toString(36);
	const coordinator = await as(browser, 'coordinator');
	await coordinator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practicum' }).click();
	await coordinator.getByRole('link', { name: 'New agreement' }).click();
	await pick(coordinator, 'Agency', 'hope', 'Child Hope Association');
	await coordinator.getByLabel('Reference').fill(`FPA-${tag}`);
	await coordinator.getByLabel('Starts on').fill('2026-01-01');
	await coordinator.getByLabel('Ends on').fill('2026-12-31');
	await expectAccessible(coordinator);
	await coordinator.getByRole('button', { name: 'Save the agreement' }).click();
	await expect(coordinator.getByRole('status')).toContainText('Agreement saved');
	await coordinator
		.getByRole('combobox', { name: 'Agreement', exact: true })
		.selectOption({ label: `FPA-${tag} (1 Jan 2026 – 31 Dec 2026)` });
	// each address field also offers, by name, the students and supervisors the coordinator works with
	await expect(coordinator.locator('datalist#people option[value="learner@demo.credo.test"]')).toHaveAttribute(
		'label',
		'Lina Learner'
	);
	await coordinator.getByLabel("Student's email").fill('learner@demo.credo.test');
	await coordinator.getByLabel("On-site field supervisor's email").fill('supervisor@demo.credo.test');
	await coordinator.getByLabel('Starts on').fill('2026-09-01');
	await coordinator.getByLabel('Ends on').fill('2026-12-31');
	await coordinator.getByLabel('Required hours').fill('100');
	// competencies are chosen by name: typing narrows the list, the box is ticked
	await coordinator.getByLabel('Find by name').fill('case manag');
	await coordinator.getByRole('checkbox', { name: 'Case management', exact: true }).check();
	await expectAccessible(coordinator);
	await coordinator.getByRole('button', { name: 'Save the placement' }).click();
	await expect(coordinator).toHaveURL(/\/practicum\/placements\/[0-9a-f-]{36}$/);
	const url = coordinator.url();
	await coordinator.getByRole('button', { name: 'Sign' }).click();
	await expect(coordinator.getByText('Coordinator: signed on')).toBeVisible();

	const student = await as(browser, 'learner');
	await student.goto(url);
	await student.getByRole('button', { name: 'Sign' }).click();
	await expect(student.getByText('Student: signed on')).toBeVisible();
	await expect(student.getByRole('heading', { name: 'Log hours' })).toHaveCount(0); // not before all three signed

	const supervisor = await as(browser, 'supervisor');
	await supervisor.goto(url);
	await supervisor.getByRole('button', { name: 'Sign' }).click();
	await expect(supervisor.getByText('Field supervisor: signed on')).toBeVisible();

	await student.reload();
	const log = async (date: string, hours: string, activity: string, accepted = true) => {
		await student.getByLabel('Activity date').fill(date);
		await student.getByRole('spinbutton', { name: 'Hours' }).fill(hours);
		await student.getByRole('textbox', { name: 'Activity', exact: true }).fill(activity);
		await student.getByRole('button', { name: 'Log hours' }).click();
		if (accepted) await expect(student.locator('table')).toContainText(activity);
	};
	await log('2026-11-02', '0.3', 'Refused entry', false);
	await expect(student.locator('#f-hours-error')).toContainText('steps of 0.25');
	await log('2026-11-02', '6', 'Home visits');
	await log('2026-11-03', '5', 'Case conference');
	await log('2026-11-04', '4', 'Case notes');
	await expectAccessible(student);

	await supervisor.reload();
	await supervisor.getByRole('checkbox', { name: /\b3 Nov 2026/ }).check();
	await supervisor.getByRole('button', { name: 'Reject selected' }).click();
	await expect(supervisor.locator('#comment-error')).toContainText('comment');
	await supervisor.getByRole('checkbox', { name: /\b3 Nov 2026/ }).check();
	await supervisor.locator('#comment').fill('You were at the university that day');
	await supervisor.getByRole('button', { name: 'Reject selected' }).click();
	await expect(supervisor.getByRole('status')).toContainText('Decision recorded');
	await supervisor.getByRole('checkbox', { name: /\b2 Nov 2026/ }).check();
	await supervisor.getByRole('checkbox', { name: /\b4 Nov 2026/ }).check();
	await supervisor.getByRole('button', { name: 'Approve selected' }).click();
	await expect(supervisor.getByRole('status')).toContainText('Decision recorded');
	await expectAccessible(supervisor);

	await student.reload();
	const row = student.locator('tr').filter({ hasText: 'Case conference' });
	await expect(row).toContainText('You were at the university that day');
	await row.getByRole('link', { name: 'Correct and resubmit' }).click();
	await expect(student).toHaveURL(/\/practicum\/hours\/[0-9a-f-]{36}$/);
	await expect(student.getByRole('heading', { level: 1 })).toHaveText('Correct and resubmit');
	await student.getByLabel('Activity date').fill('2026-11-05');
	await expectAccessible(student);
	await student.getByRole('button', { name: 'Resubmit for review' }).click();
	await expect(student.locator('tr').filter({ hasText: 'Case conference' })).toContainText('Waiting for review');

	await supervisor.goto('/practicum/sign-off');
	await expect(supervisor.getByRole('heading', { level: 1 })).toHaveText('Sign off hours');
	await expect(supervisor.locator('table')).toContainText('5 Nov 2026');
	await expectAccessible(supervisor);
	await supervisor.getByRole('checkbox', { name: /\b5 Nov 2026/ }).check();
	await supervisor.getByRole('button', { name: 'Approve selected' }).click();
	await expect(supervisor.getByRole('status')).toContainText('Decision recorded');

	await coordinator.goto('/practicum');
	const cohortRow = coordinator
		.locator('table.cohort tr')
		.filter({ has: coordinator.locator(`a[href="${new URL(url).pathname}"]`) });
	await expect(cohortRow).toContainText('15 / 100');
	await expectAccessible(coordinator);
	await coordinator.goto(url);
	// a pass needs every required hour approved and the final evaluation (issue 18): not offered yet, and why
	await expect(coordinator.locator('#outcome-gate')).toContainText(
		'15 of 100 required hours are approved. The final evaluation is not submitted yet.'
	);
	await expect(coordinator.locator('#outcome option[value="PASS"]')).toHaveCount(0);
	await coordinator.getByLabel('Final outcome').selectOption('INCOMPLETE');
	await coordinator.getByRole('button', { name: 'Record the outcome' }).click();
	await expect(coordinator.getByRole('status')).toContainText('Outcome recorded');
});
