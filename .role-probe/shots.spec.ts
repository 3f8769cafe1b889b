import { test } from '@playwright/test';
import { DEMO_PASSWORD, demo } from '../tests/e2e/helpers';
for (const role of ['author', 'provider'])
	for (const width of [360, 1280])
		test(`${role} ${width}`, async ({ page }) => {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/login');
			await page.getByLabel(/email/i).fill(demo(role));
			await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: /sign in|log in/i }).click();
			await page.waitForURL(/dashboard/);
			await page.screenshot({ path: `/tmp/role-shots/${role}-${width}.png`, fullPage: true });
			if (width === 360) {
				await page.getByText('Menu').first().click();
				await page.screenshot({ path: `/tmp/role-shots/${role}-${width}-menu.png` });
			}
		});
