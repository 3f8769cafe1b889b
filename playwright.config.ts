import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
// "A new country from zero" (tests/e2e/new-country.spec.ts) runs against a second server on a database that holds the
// migrations and nothing else: `npm test` makes it (credo_empty) and sets E2E_EMPTY_DATABASE_URL. Without that variable
// the project and its server are left out (`npm test -- e2e new-country` runs the journey alone).
const EMPTY_URL = process.env.E2E_EMPTY_DATABASE_URL;
const EMPTY_PORT = Number(process.env.E2E_EMPTY_PORT ?? PORT + 1);

/** The built server under test on `port`, serving `databaseUrl`. */
function server(port: number, databaseUrl: string, mailDir: string) {
	return {
		command: 'node build',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: databaseUrl,
			MAIL_DIR: mailDir,
			LOGIN_IP_LIMIT: '1000',
			// every test signs up and asks for mail from 127.0.0.1 (the unit tests cover these limits)
			REGISTER_IP_LIMIT: '100000',
			MAIL_IP_LIMIT: '100000',
			VERIFY_RATE_LIMIT: '10000',
			CREDENTIAL_VERIFY_RATE_LIMIT: '10000',
			// issuer ids of signed credentials: Credo refuses to sign for a loopback base outside development
			PUBLIC_ISSUER_BASE: 'https://credo.e2e.test',
			BODY_SIZE_LIMIT: '41M'
		}
	};
}
const MAIL_DIR = process.env.MAIL_DIR ?? '.data/mail-e2e';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// two: with three, the page checks time out on two cores
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	timeout: 30_000,
	// an assertion waits for what it expects up to 10 s: on two busy cores (two workers, the server, PostgreSQL) a page
	// that reloads its data after a post took more than 5 s now and then; speed is the bench's to prove, not a timeout's
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json']],
	// The fuzz tests hash every domain table before and after each batch of refused inputs, so nothing else may write
	// meanwhile: they run alone once the journeys have finished (`--no-deps` runs them without the journeys).
	// The empty-database journey runs beside the journeys, on its own server; the access matrix and the fuzz run never
	// see that server.
	// The empty-database journey is listed first so that it starts first: one long test, not left for the end.
	projects: [
		...(EMPTY_URL
			? [{ name: 'empty', testMatch: /new-country\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${EMPTY_PORT}` } }]
			: []),
		{ name: 'journeys', testIgnore: /(fuzz|new-country|renewals)\.spec\.ts/ },
		// "renew all compliant" renews every compliant licence of the demo queue: after the journeys that decide
		// renewals one at a time (cpd.spec.ts), so that it never takes their licences from under them
		{ name: 'bulk', testMatch: /renewals\.spec\.ts/, dependencies: ['journeys'] },
		{ name: 'fuzz', testMatch: /fuzz\.spec\.ts/, dependencies: ['journeys', 'bulk'] }
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
	// the servers connect as the app's database role when `npm test` gives its URL (scripts/lib/app-role.js); the
	// specs' own queries use DATABASE_URL, the owner's
	webServer: [
		server(PORT, process.env.E2E_APP_DATABASE_URL ?? process.env.DATABASE_URL ?? '', MAIL_DIR),
		...(EMPTY_URL ? [server(EMPTY_PORT, process.env.E2E_EMPTY_APP_DATABASE_URL ?? EMPTY_URL, `${MAIL_DIR}-empty`)] : [])
	]
});
