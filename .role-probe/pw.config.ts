import { defineConfig } from '@playwright/test';
export default defineConfig({
	testDir: '.',
	testMatch: /(probe|shots)\.spec\.ts/,
	workers: 1,
	timeout: 600_000,
	reporter: [['list']],
	use: { baseURL: 'http://127.0.0.1:5203', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] } }
});
