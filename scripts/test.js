// `npm test`: every test, on a real PostgreSQL and a real Chromium, then one line "N passed, N failed".
//  1. system tools: Debian's chromium, poppler-utils and postgresql-client (installed with apt-get when root, else a
//     one-line hint)
//  2. an embedded PostgreSQL in ./.data/pg-test with fresh databases credo_test (vitest) and credo_e2e (Playwright)
//  3. vitest: unit tests beside the modules and integration tests against credo_test
//  4. vite build, demo seed into credo_e2e, Playwright journeys against the built server
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureEmbeddedPostgres } from './lib/postgres.js';
import { buildIfNeeded } from './lib/build.js';

const RESULTS = path.resolve('.data/test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

function run(cmd, args, env) {
	return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

ensureSystemTools();
fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(RESULTS, { recursive: true });

const pg = await ensureEmbeddedPostgres({ name: 'pg-test', database: 'postgres' }).catch((e) => {
	console.error(e.message);
	process.exit(1);
});
const admin = (await import('pg')).default;
const client = new admin.Client({ connectionString: pg.adminUrl('postgres') });
await client.connect();
for (const name of ['credo_test', 'credo_e2e']) {
	await client.query(`drop database if exists ${name} with (force)`);
	await client.query(`create database ${name}`);
}
await client.end();
const testUrl = pg.adminUrl('credo_test');
const e2eUrl = pg.adminUrl('credo_e2e');

let failedSetup = 0;
for (const url of [testUrl, e2eUrl])
	failedSetup += run('npx', ['tsx', 'scripts/migrate.ts', 'apply'], { DATABASE_URL: url }) ? 1 : 0;

const filter = process.argv.slice(2);
const only = (kind) => !filter.length || filter.includes(kind);

if (only('unit')) {
	run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`], {
		DATABASE_URL: testUrl,
		TEST_ADMIN_URL: pg.adminUrl('postgres'),
		MAIL_DIR: path.resolve('.data/mail-test'),
		NODE_ENV: 'test'
	});
}

if (only('e2e')) {
	try {
		buildIfNeeded();
	} catch {
		failedSetup++;
	}
	failedSetup += run('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: e2eUrl }) ? 1 : 0;
	fs.rmSync('.data/mail-e2e', { recursive: true, force: true });
	run('npx', ['playwright', 'test'], {
		DATABASE_URL: e2eUrl,
		MAIL_DIR: path.resolve('.data/mail-e2e'),
		PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/playwright.json`
	});
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
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
