import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// two: with three, the page checks time out on two cores
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	reporter: [['list'], ['json']],
	// The fuzz tests hash every domain table before and after each batch of refused inputs, so nothing else may write
	// meanwhile: they run alone once the journeys have finished (`--no-deps` runs them without the journeys).
	projects: [
		{ name: 'journeys', testIgnore: /fuzz\.spec\.ts/ },
		{ name: 'fuzz', testMatch: /fuzz\.spec\.ts/, dependencies: ['journeys'] }
	],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		},
		trace: 'off',
		screenshot: 'off'
	},
	webServer: {
		command: 'node build',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			DATABASE_URL: process.env.DATABASE_URL ?? '',
			MAIL_DIR: process.env.MAIL_DIR ?? '.data/mail-e2e',
			LOGIN_IP_LIMIT: '1000',
			VERIFY_RATE_LIMIT: '10000',
			BODY_SIZE_LIMIT: '41M'
		}
	}
});
