// `npm test`: every test, on a real PostgreSQL and a real Chromium, then one line "N passed, N failed".
//  1. system tools: Debian's chromium, poppler-utils and postgresql-client (installed with apt-get when root, else a
//     one-line hint)
//  2. an embedded PostgreSQL in ./.data/pg-test: the migrations applied once to credo_template, then credo_test
//     (vitest; its tests that need a fresh database copy the template too), credo_e2e (Playwright, with the demo seed)
//     and credo_empty (the journey "a new country from zero", which starts from nothing) copied from it
//  3. at the same time: vitest (unit tests beside the modules, integration tests against credo_test) and, beside it,
//     `npm run lint` (counted as one test), the vite build and the demo seed; vitest waits on the database often
//     enough that the two together take little more than vitest alone
//  4. Playwright journeys against the built server (and the new-country journey against a second one on credo_empty),
//     then a sample of the fuzz run (the full run: `npm run test:scale`)
// `npm test -- unit`, `-- lint` or `-- e2e` runs one part; any other word is handed to Playwright as a filter of its spec
// files (`npm test -- e2e new-country` runs that journey alone). Each phase's time is printed at the end.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { ensureEmbeddedPostgres } from './lib/postgres.js';
import { appDatabaseUrl } from './lib/app-role.js';

/** A TCP port nobody listens on right now (the kernel's choice). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

const RESULTS = path.resolve('.data/test-results');
/** Runs a TypeScript script: node with tsx's loader (npx tsx would add npm's start-up and a second node process). */
const TSX = ['--import', 'tsx'];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = performance.now();
/** Wall-clock seconds of each phase; phases that ran side by side overlap. */
const timings = [];

async function timed(name, f) {
	const t = performance.now();
	try {
		return await f();
	} finally {
		timings.push(`${name} ${((performance.now() - t) / 1000).toFixed(0)} s`);
	}
}

function ensureSystemTools() {
	const missing = [];
	if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
	if (spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0) missing.push('poppler-utils');
	// the backup test runs pg_dump / pg_restore, the replica test pg_basebackup (PostgreSQL 15 client tools)
	if (spawnSync('sh', ['-c', 'command -v pg_dump && command -v pg_basebackup']).status !== 0)
		missing.push('postgresql-client');
	if (!missing.length) return;
	if (process.getuid?.() !== 0) {
		console.error(`Missing ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` and try again.`);
		process.exit(1);
	}
	console.log(`Installing ${missing.join(', ')} with apt-get…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
	if (r.status !== 0) {
		console.error(`apt-get could not install ${missing.join(', ')}.`);
		process.exit(1);
	}
}

/**
 * Runs a command; resolves with its exit code and, when `quiet`, its output (printed by the caller, so that a
 * command running beside vitest does not interleave its lines with vitest's).
 */
function run(cmd, args, env = {}, { quiet = false } = {}) {
	return new Promise((resolve) => {
		const p = spawn(cmd, args, {
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
			env: { ...process.env, ...env }
		});
		let out = '';
		p.stdout?.on('data', (b) => (out += b));
		p.stderr?.on('data', (b) => (out += b));
		p.on('error', (e) => resolve({ code: 1, out: `${out}${e.message}\n` }));
		p.on('close', (code) => resolve({ code: code ?? 1, out }));
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

const KINDS = ['unit', 'lint', 'e2e'];
const kinds = process.argv.slice(2).filter((a) => KINDS.includes(a));
/** Words that are not a kind: Playwright's file filters (they imply `e2e`). */
const specs = process.argv.slice(2).filter((a) => !KINDS.includes(a));
const only = (kind) => (kinds.length ? kinds.includes(kind) : !specs.length || kind === 'e2e');

await timed('tools', async () => ensureSystemTools());
fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(RESULTS, { recursive: true });

// this checkout's own test cluster (the port comes from the checkout's path; a server of another checkout is refused)
const pg = await timed('PostgreSQL', () => ensureEmbeddedPostgres({ name: 'pg-test', database: 'postgres' })).catch(
	(e) => {
		console.error(e.message);
		process.exit(1);
	}
);
const testUrl = pg.adminUrl('credo_test');
const e2eUrl = pg.adminUrl('credo_e2e');
const emptyUrl = pg.adminUrl('credo_empty');
let failedSetup = 0;
/** Setup steps that failed, named in the summary (each counts as one failed test). */
const setupProblems = [];
function setupFailed(what, out = '') {
	failedSetup++;
	setupProblems.push(what);
	if (out) process.stdout.write(out);
}

// The migrations run once, into a template; the test databases are copies of it (a file copy, far quicker than
// applying the migrations again).
await timed('migrate', async () => {
	const admin = new (await import('pg')).default.Client({ connectionString: pg.adminUrl('postgres') });
	await admin.connect();
	for (const name of ['credo_test', 'credo_e2e', 'credo_empty', 'credo_template'])
		await admin.query(`drop database if exists ${name} with (force)`);
	await admin.query('create database credo_template');
	const migrated = await run(process.execPath, [...TSX, 'scripts/migrate.ts', 'apply'], {
		DATABASE_URL: pg.adminUrl('credo_template')
	});
	if (migrated.code) setupFailed('migrations');
	for (const name of ['credo_test', 'credo_e2e', 'credo_empty'])
		await admin.query(`create database ${name} template credo_template`);
	await admin.end();
});

// The build first, alone: vitest's SvelteKit plugin rewrites .svelte-kit/ as it starts, and a build reading it meanwhile
// can ship pages whose scripts never hydrate (seen once). After `npm install` the build is already there.
if (only('e2e')) {
	const built = await timed('build', () =>
		run('node', ['-e', "import('./scripts/lib/build.js').then((b) => b.buildIfNeeded())"], {}, { quiet: true })
	);
	if (built.code) setupFailed('vite build', built.out);
}

// vitest runs on its own database beside the lint and the seed; the Playwright journeys wait for it (run
// beside vitest on two cores they time out). Its report is printed when it ends, so reports do not interleave.
const unit = only('unit')
	? timed('vitest', () =>
			run(
				'npx',
				['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`],
				{
					DATABASE_URL: testUrl,
					TEST_ADMIN_URL: pg.adminUrl('postgres'),
					// tests that need a database of their own copy this one (migrated, nothing else) instead of migrating
					TEST_TEMPLATE_DB: 'credo_template',
					MAIL_DIR: path.resolve('.data/mail-test'),
					NODE_ENV: 'test'
				},
				{ quiet: true }
			).then((r) => {
				process.stdout.write(`\n── vitest ──\n${r.out}\n`);
				return r;
			})
		)
	: null;

// the lint runs beside the rest too; it counts as one test
const linted = only('lint') ? timed('lint', () => run('npm', ['run', '-s', 'lint'], {}, { quiet: true })) : null;

if (only('e2e')) {
	const seeded = await timed('seed', () =>
		run(process.execPath, [...TSX, 'scripts/seed.ts'], { DATABASE_URL: e2eUrl }, { quiet: true })
	);
	if (seeded.code) setupFailed('demo seed', seeded.out);
	await unit;
	fs.rmSync('.data/mail-e2e', { recursive: true, force: true });
	fs.rmSync('.data/mail-e2e-empty', { recursive: true, force: true });
	// the built servers under test listen on free ports, so two checkouts can run their tests at once
	// the servers under test run as the app's own database role (credo_app), as `npm start` does; the specs keep the
	// owner's URL for their fixtures and checks
	const asApp = async (url) => {
		const app = await appDatabaseUrl(url);
		if (app.warning) console.warn(app.warning);
		return app.url;
	};
	const e2eAppUrl = await asApp(e2eUrl);
	const emptyAppUrl = await asApp(emptyUrl);
	const e2ePort = process.env.E2E_PORT ?? String(await freePort());
	const emptyPort = process.env.E2E_EMPTY_PORT ?? String(await freePort());
	await timed('playwright', () =>
		run('npx', ['playwright', 'test', ...specs], {
			E2E_PORT: e2ePort,
			E2E_EMPTY_PORT: emptyPort,
			DATABASE_URL: e2eUrl,
			E2E_EMPTY_DATABASE_URL: emptyUrl,
			E2E_APP_DATABASE_URL: e2eAppUrl,
			E2E_EMPTY_APP_DATABASE_URL: emptyAppUrl,
			MAIL_DIR: path.resolve('.data/mail-e2e'),
			PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/playwright.json`
		})
	);
}
await unit;
let lint = null;
if (linted) {
	const r = await linted;
	lint = r.code === 0;
	if (!lint) process.stdout.write(`\nnpm run lint failed:\n${r.out}\n`);
}

await pg.stop();

const v = readJson(`${RESULTS}/vitest.json`);
const p = readJson(`${RESULTS}/playwright.json`);
let passed = 0;
let failed = failedSetup;
if (v) {
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	// a test file that fails to load has no test results of its own: count it once
	failed += (v.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.length).length;
} else if (only('unit')) failed++;
if (p) {
	passed += p.stats.expected + p.stats.flaky;
	failed += p.stats.unexpected;
} else if (only('e2e')) failed++;
if (lint !== null) {
	if (lint) passed++;
	else failed++;
}
console.log(`\nTimings: ${timings.join(', ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (lint === false) console.log('lint failed: `npm run format` fixes the layout; the ESLint errors are listed above');
if (setupProblems.length) console.log(`setup failed: ${setupProblems.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
