// Issue 17: a home per role. Each role's home opens on that person's work; each count is a link to the list it
// counts and equals the database; one main task is completed only through the home's links. At 360 and 1280 px.
import { expect, test, type Page } from '@playwright/test';
import { checkPage, demo, login, query } from './helpers';

/** The count a home shows on its link named `name` inside the section headed `section` (zero included). */
async function shownCount(page: Page, section: string, name: RegExp): Promise<number> {
	const link = page.getByRole('region', { name: section }).getByRole('link', { name });
	return Number(await link.getAttribute('data-count'));
}

/** Rows of the cohort table on the coordinator's practicum page (the "none" row left out). */
async function cohortRows(page: Page): Promise<number> {
	return page
		.locator('table.cohort tbody tr')
		.filter({ has: page.locator('a') })
		.count();
}

/** The single number a counting query returns. */
const one = async (sql: string, params: unknown[]) => Number(Object.values((await query(sql, params))[0])[0]);

// ── homes-a: learner, supervisor, coordinator, provider tests below ──
for (const width of [360, 1280]) {
	test.describe(`homes A at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });

		test('supervisor: the counts equal the database; home → hours waiting → approve', async ({ page }) => {
			await login(page, demo('supervisor'));
			await checkPage(page, '/dashboard');
			await page.setViewportSize({ width, height: 900 });
			const section = 'Your supervision work';
			const hours = await shownCount(page, section, /Practicum hours waiting/);
			expect(hours).toBe(
				await one(
					`select count(*) from practicum_logs h join placements p on p.id = h.placement_id
						join users u on u.id = p.supervisor_id where h.status = 'PENDING' and u.email = $1`,
					[demo('supervisor')]
				)
			);
			expect(await shownCount(page, section, /Sessions a supervisee disputed/)).toBe(
				await one(
					`select count(*) from supervision_sessions s join users u on u.id = s.supervisor_id
						where u.email = $1 and s.withdrawn_at is null
						and exists (select 1 from session_attendees a where a.session_id = s.id and a.status = 'DISPUTED')`,
					[demo('supervisor')]
				)
			);
			expect(hours, 'the demo supervisor has hours waiting').toBeGreaterThan(0);
			await page
				.getByRole('region', { name: section })
				.getByRole('link', { name: /Practicum hours waiting/ })
				.click();
			await expect(page).toHaveURL(/\/practicum\/sign-off$/);
			await expect(page.getByRole('checkbox')).toHaveCount(hours);
			await page.getByRole('checkbox').first().check();
			await page.getByRole('button', { name: 'Approve selected' }).click();
			await expect(page.getByRole('status')).toContainText('Decision recorded');
			await page.getByRole('banner').getByRole('link', { name: 'Credo' }).click(); // the home, at any width
			await expect(page).toHaveURL(/\/dashboard/);
			expect(await shownCount(page, section, /Practicum hours waiting/)).toBe(hours - 1);
		});

		test('coordinator: each count equals the rows of the practicum page it opens', async ({ page }) => {
			await login(page, demo('coordinator'));
			await checkPage(page, '/dashboard');
			await page.setViewportSize({ width, height: 900 });
			const section = "Your students' placements";
			for (const name of [/behind on hours/, /not signed by all three/, /evaluation due/]) {
				const n = await shownCount(page, section, name);
				await page.getByRole('region', { name: section }).getByRole('link', { name }).click();
				await expect(page).toHaveURL(/\/practicum\?filter=/);
				expect(await cohortRows(page), String(name)).toBe(n);
				await page.goBack();
			}
			expect(await shownCount(page, section, /not signed by all three/)).toBe(
				await one(
					`select count(*) from placements p join memberships m on m.organisation_id = p.university_id
						join users u on u.id = m.user_id where u.email = $1 and m.role = 'COORDINATOR'
						and p.status in ('PLANNED', 'ACTIVE') and (p.student_signed_at is null
						or p.supervisor_signed_at is null or p.coordinator_signed_at is null)`,
					[demo('coordinator')]
				)
			);
		});

		test('provider: claims to review equal the database and the review page; an event opens from the home', async ({
			page
		}) => {
			await login(page, demo('provider'));
			await checkPage(page, '/dashboard');
			await page.setViewportSize({ width, height: 900 });
			const section = 'Your training';
			const claims = await shownCount(page, section, /CPD claims waiting/);
			expect(claims).toBe(
				await one(
					`select count(*) from cpd_entries e join memberships m on m.organisation_id = e.provider_org_id
						join users u on u.id = m.user_id where u.email = $1 and m.role = 'PROVIDER'
						and e.status = 'PENDING' and e.source = 'EXTERNAL' and e.user_id <> u.id`,
					[demo('provider')]
				)
			);
			const events = page.getByRole('region', { name: section }).locator('a[href^="/provider/events/"]');
			if (await events.count()) {
				await events.first().click();
				await expect(page).toHaveURL(/\/provider\/events\/[0-9a-f-]{36}$/);
			}
		});

		test('learner: sessions to confirm and agreements to sign equal the database; home → supervision → confirm', async ({
			page
		}) => {
			await login(page, demo('learner'));
			await checkPage(page, '/dashboard');
			await page.setViewportSize({ width, height: 900 });
			const section = 'Your learning and renewal';
			const sessions = await shownCount(page, section, /Supervision sessions to confirm/);
			expect(sessions).toBe(
				await one(
					`select count(*) from session_attendees a join supervision_sessions s on s.id = a.session_id
						join users u on u.id = a.supervisee_id where u.email = $1 and a.status = 'PENDING'
						and s.withdrawn_at is null`,
					[demo('learner')]
				)
			);
			const toSign = await one(
				`select count(*) from placements p join users u on u.id = p.student_id where u.email = $1
					and p.student_signed_at is null and p.status in ('PLANNED', 'ACTIVE')`,
				[demo('learner')]
			);
			await expect(
				page.getByRole('region', { name: section }).locator('a[href^="/practicum/placements/"]')
			).toHaveCount(toSign);
			await expect(page.getByRole('region', { name: section })).toContainText(/Missing for renewal/);
			expect(sessions, 'the demo learner has a session to confirm').toBeGreaterThan(0);
			await page
				.getByRole('region', { name: section })
				.getByRole('link', { name: /Supervision sessions to confirm/ })
				.click();
			await expect(page).toHaveURL(/\/supervision$/);
			await page.getByRole('button', { name: 'Confirm', exact: true }).first().click();
			await expect(page.getByRole('status').first()).toBeVisible();
			await page.getByRole('banner').getByRole('link', { name: 'Credo' }).click(); // the home, at any width
			expect(await shownCount(page, section, /Supervision sessions to confirm/)).toBe(sessions - 1);
		});
	});
}

// ── homes-b: regulator, analyst, admin tests below ──
/** The number a count link of the regulator's, analyst's or administrator's home shows (data-count marks it). */
async function homeCount(page: Page, key: string): Promise<number> {
	const link = page.locator(`[data-count="${key}"]`);
	return (await link.count()) ? Number((await link.first().textContent())?.trim()) : 0;
}

/** The regulator's jurisdictions (the register scopes every list to them). */
const REGULATOR_SCOPE = `select m.jurisdiction_id from memberships m join users u on u.id = m.user_id
	where u.email = $1 and m.role = 'REGULATOR'`;

for (const width of [360, 1280]) {
	test.describe(`homes B at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });

		test('regulator: the counts equal the database; home → renewal queue → a licence', async ({ page }) => {
			await login(page, demo('regulator'));
			await checkPage(page, '/dashboard');
			const section = page.getByRole('region', { name: 'Regulator' });
			await expect(section).toBeVisible();
			const [queue] = await query<{ n: number }>(
				`select count(*)::int as n from licence_cycles where jurisdiction_id in (${REGULATOR_SCOPE})
					and outcome in ('OPEN', 'GRACE') and ends_on < now()`,
				[demo('regulator')]
			);
			const [claims] = await query<{ n: number }>(
				`select count(*)::int as n from licence_claims c join licences l on l.id = c.licence_id
					where c.status = 'PENDING' and l.jurisdiction_id in (${REGULATOR_SCOPE})`,
				[demo('regulator')]
			);
			const [audits] = await query<{ n: number }>(
				`select count(*)::int as n from audit_samples where jurisdiction_id in (${REGULATOR_SCOPE})`,
				[demo('regulator')]
			);
			expect(await homeCount(page, 'queue')).toBe(Math.min(queue.n, 100));
			expect(await homeCount(page, 'claims')).toBe(claims.n);
			expect(await homeCount(page, 'audits')).toBe(audits.n);
			expect(queue.n).toBeGreaterThan(0); // the demo's queue: the journey below needs it

			// each state of the queue is a link to the queue filtered to it, with as many rows as the count
			let followed = 0;
			for (const state of ['open', 'grace', 'compliant']) {
				const n = await homeCount(page, `queue-${state}`);
				if (!n) continue;
				followed++;
				await section.locator(`[data-count="queue-${state}"]`).click();
				await expect(page).toHaveURL(new RegExp(`/regulator/renewals\\?state=${state}$`));
				await expect(page.locator('table tbody tr')).toHaveCount(n);
				await page.goBack();
			}
			expect(followed, 'a state of the queue to follow').toBeGreaterThan(0);

			// the main task, only through the home's links: the queue, then one licence of it
			await section.locator('[data-count="queue"]').click();
			await expect(page).toHaveURL(/\/regulator\/renewals$/);
			await expect(page.locator('table tbody tr')).toHaveCount(Math.min(queue.n, 100));
			await checkPage(page, '/regulator/renewals');
			const first = page.locator('table tbody tr a').first();
			const number = ((await first.textContent()) ?? '').trim();
			await first.click();
			await expect(page).toHaveURL(/\/regulator\/licences\//);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
			const here = new URL(page.url());
			await checkPage(page, here.pathname + here.search);

			// the register's home shows the same counts beside its links
			await page.goto('/regulator');
			await expect(page.getByRole('heading', { name: /Licence claims to confirm/ })).toContainText(`(${claims.n})`);
			await checkPage(page, '/regulator');
		});

		test('analyst: the headline indicators with their as-of date, the same as the report', async ({ page }) => {
			await login(page, demo('analyst'));
			await checkPage(page, '/dashboard');
			const section = page.getByRole('region', { name: 'Analyst' });
			await expect(section).toBeVisible();
			await expect(section).toContainText('as of');
			const vac = ((await section.locator('[data-count="vac"]').textContent()) ?? '').trim();
			await section.getByRole('link', { name: 'Open the indicators report' }).click();
			await expect(page).toHaveURL(/\/reports\/indicators\?/);
			const report = new URL(page.url());
			// the report computes the same figures the home shows: certified, percentage, workers
			const nums = page.getByRole('region', { name: /Certified workers/ }).locator('.stats .num');
			const [certified, percent, workers] = (await nums.allTextContents()).map((t) => t.trim());
			if (workers === '0') expect(vac).toBe('no workers');
			else expect(vac).toBe(`${percent} (${certified} of ${workers})`);
			await checkPage(page, report.pathname + report.search);
		});

		test('admin: accounts, invitations, imports and duplicates equal the database; home → accounts', async ({
			page
		}) => {
			await login(page, demo('admin'));
			await checkPage(page, '/dashboard');
			const section = page.getByRole('region', { name: 'Administrator' });
			await expect(section).toBeVisible();
			const [users] = await query<{ n: number }>('select count(*)::int as n from users');
			const [invitations] = await query<{ n: number }>(
				'select count(*)::int as n from invitations where accepted_at is null and expires_at > now()'
			);
			const [waiting] = await query<{ n: number }>(
				"select count(*)::int as n from import_jobs where status = 'ready' and kind in ('areas', 'organisations', 'population', 'workforce', 'certificates')"
			);
			expect(await homeCount(page, 'accounts')).toBe(users.n);
			expect(Number((await section.locator('[data-count="invitations"]').textContent())?.trim())).toBe(invitations.n);
			expect(await page.locator('[data-count="imports-waiting"] li').count()).toBe(Math.min(waiting.n, 50));

			// each jurisdiction's possible duplicates: the same number of groups on its people page
			const dup = section.locator('[data-count^="duplicates-"]').first();
			if (await dup.count()) {
				const n = Number((await dup.textContent())?.trim());
				await dup.click();
				await expect(page).toHaveURL(/\/admin\/jurisdictions\/[^/]+\/people$/);
				await expect(page.locator('table.people-duplicates')).toHaveCount(Math.min(n, 50));
				await page.goBack();
			}

			// the main task through the home: the people page, counting the same accounts
			await section.locator('[data-count="accounts"]').click();
			await expect(page).toHaveURL(/\/admin\/users$/);
			await expect(page.locator('main')).toContainText(`${users.n} people`);
			await checkPage(page, '/admin/users');
		});
	});
}
