// `npm run test:scale [-- --workers N] [--only backup,restart,replica,fuzz,pages] [--outage S] [--app-dir DIR] [--keep]`:
// the long checks that stay out of `npm test`, each on its own throw-away PostgreSQL (ports 54350–54353, 54356 and
// 54357, data in ./.data/pg-scale, pg-fault, pg-primary, pg-replica, pg-fuzz, pg-pages), each ending with a PASS or
// FAIL line and its timings:
//   1. backup → restore round trip of the national dataset (seed:national, 200,000 workers by default): every table
//      has the same row count and content hash after `npm run backup` and `npm run restore` into another database;
//   2. PostgreSQL stopped for a few seconds and started again while 10 writers post CPD activities to the built app:
//      503 meanwhile (never a 500 or a hang), the same process answers 200 again, every acknowledged write is there
//      exactly once;
//   3. a streaming read replica: report and export queries read from it (DATABASE_REPLICA_URL) and match the primary;
//   4. the full fuzz run (tests/e2e/fuzz.spec.ts with FUZZ_RUNS=full: more than 10,000 generated inputs) against the
//      built app on a freshly seeded database; `npm test` runs a sample of it that still reaches every action, endpoint
//      and page;
//   5. the page crawl in full (tests/e2e/crawl.spec.ts with CRAWL_FULL=1): every page each demo role reaches by links,
//      each module and record (`npm test` checks one page per route), at 360 and 1280 px.
// It ends with "N passed, N failed" and exits non-zero when anything failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { Cluster } from './lib/pg-cluster.ts';
import { tableHashes, compareHashes } from './lib/table-hashes.ts';
import { restartUnderLoad } from './lib/restart-under-load.ts';
import { formatBytes, seconds } from './lib/pg-tools.ts';
import { fromDate } from '../src/lib/calendar-day.ts';

const { values } = parseArgs({
	options: {
		workers: { type: 'string', default: '200000' },
		only: { type: 'string' },
		outage: { type: 'string', default: '5' },
		'app-dir': { type: 'string' },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h' }
	}
});
if (values.help) {
	console.log(
		fs
			.readFileSync(new URL(import.meta.url), 'utf8')
			.split('\n')
			.filter((l) => l.startsWith('//'))
			.map((l) => l.slice(3))
			.join('\n')
	);
	process.exit(0);
}
const workers = Number(values.workers);
const only = new Set((values.only ?? 'backup,restart,replica,fuzz,pages').split(',').map((s) => s.trim()));
const results: { name: string; ok: boolean; ms: number }[] = [];
const clusters: Cluster[] = [];

function sh(
	cmd: string,
	args: string[],
	env: Record<string, string> = {},
	{ echo = true } = {}
): Promise<{ status: number; out: string }> {
	return new Promise((resolve, reject) => {
		const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const take = (b: Buffer) => {
			const s = b.toString();
			out += s;
			if (echo)
				process.stdout.write(
					s
						.split('\n')
						.map((l, i, a) => (l || i < a.length - 1 ? `    ${l}` : l))
						.join('\n')
						.replace(/^ {4}npm warn.*\n?/gm, '')
				);
		};
		p.stdout.on('data', take);
		p.stderr.on('data', take);
		p.on('error', reject);
		p.on('exit', (c) => resolve({ status: c ?? 1, out }));
	});
}

async function check(name: string, f: () => Promise<string>) {
	console.log(`\n── ${name}`);
	const started = performance.now();
	let ok = false;
	let detail: string;
	try {
		detail = await f();
		ok = true;
	} catch (e) {
		detail = (e as Error).message;
	}
	const ms = performance.now() - started;
	results.push({ name, ok, ms });
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name} (${seconds(ms)}): ${detail}`);
}

function cluster(name: string, port: number, conf: Record<string, string | number> = {}) {
	const c = new Cluster(name, port).init({ conf });
	clusters.push(c);
	return c.start();
}

const tsx = (script: string, args: string[], env: Record<string, string>) => sh('npx', ['tsx', script, ...args], env);

// 1 ─ backup and restore of the national dataset
if (only.has('backup')) {
	await check(`backup and restore round trip, national dataset (${workers.toLocaleString('en')} workers)`, async () => {
		const t: Record<string, string> = {};
		const time = async <T>(label: string, f: () => Promise<T>) => {
			const s = performance.now();
			const r = await f();
			t[label] = seconds(performance.now() - s);
			return r;
		};
		const pg = cluster('pg-scale', 54350, {
			shared_buffers: "'512MB'",
			maintenance_work_mem: "'512MB'",
			max_wal_size: "'8GB'",
			checkpoint_timeout: "'30min'"
		});
		await pg.sql('create database credo_scale');
		await pg.sql('create database credo_scale_restored');
		const source = pg.url('credo_scale');
		const target = pg.url('credo_scale_restored');
		await time('seed', async () => {
			if ((await tsx('scripts/migrate.ts', ['apply'], { DATABASE_URL: source })).status)
				throw new Error('migrations failed');
			if ((await tsx('scripts/seed-national.ts', ['--workers', String(workers)], { DATABASE_URL: source })).status)
				throw new Error('seed:national failed');
		});
		const file = path.resolve('.data', 'scale', 'national.dump');
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
		const backup = await time('backup', () => tsx('scripts/backup.ts', ['--out', file], { DATABASE_URL: source }));
		if (backup.status) throw new Error('npm run backup failed');
		const restore = await time('restore', () => tsx('scripts/restore.ts', [file], { DATABASE_URL: target }));
		if (restore.status) throw new Error('npm run restore failed');
		const [a, b] = await time('hashes (both databases)', () => Promise.all([tableHashes(source), tableHashes(target)]));
		const rows = a.reduce((n, x) => n + x.rows, 0);
		const diff = compareHashes(a, b);
		const size = formatBytes(fs.statSync(file).size);
		const [{ bytes }] = await pg.sql<{ bytes: string }>('select pg_database_size($1)::text as bytes', ['credo_scale']);
		console.log(
			`    database ${formatBytes(Number(bytes))}, backup ${size}; ${a.length} tables, ${rows.toLocaleString('en')} rows; ${Object.entries(
				t
			)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}`
		);
		if (diff.length) throw new Error(`tables differ after the restore: ${diff.join('; ')}`);
		if (!values.keep) fs.rmSync(path.dirname(file), { recursive: true, force: true });
		return `${a.length} tables, ${rows.toLocaleString('en')} rows identical (counts and md5); database ${formatBytes(Number(bytes))}, backup ${size}; ${Object.entries(
			t
		)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}`;
	});
}

// 2 ─ PostgreSQL restarted under load
if (only.has('restart')) {
	await check('database restart under load', async () => {
		const appDir = values['app-dir'] ? path.resolve(values['app-dir']) : process.cwd();
		if (!values['app-dir']) {
			const { buildIfNeeded } = await import('./lib/build.js');
			buildIfNeeded();
		}
		if (!fs.existsSync(path.join(appDir, 'build/index.js'))) throw new Error(`${appDir}/build/index.js is missing`);
		const pg = cluster('pg-fault', 54351);
		await pg.sql('create database credo');
		const url = pg.url('credo');
		if ((await tsx('scripts/migrate.ts', ['apply'], { DATABASE_URL: url })).status)
			throw new Error('migrations failed');
		if ((await tsx('scripts/seed.ts', [], { DATABASE_URL: url })).status) throw new Error('demo seed failed');
		const outageMs = Number(values.outage) * 1000;
		const r = await restartUnderLoad({
			appDir,
			databaseUrl: url,
			appPort: 3359,
			stopDatabase: () => pg.stop('fast'),
			startDatabase: () => void pg.start(),
			email: 'learner@demo.credo.test',
			password: 'credo-demo-2026',
			category: 'ethics',
			writers: 10,
			outageMs,
			log: (l) => console.log(l)
		});
		const summary =
			`${r.attempts} writes tried by 10 writers, ${r.acknowledged} acknowledged, all ${r.acknowledged} found exactly once` +
			` (${r.committedNotAcknowledged} more committed without an answer); answers ${JSON.stringify(r.statuses)}; during the ${outageMs / 1000} s outage ${JSON.stringify(r.outageStatuses)},` +
			` slowest ${r.slowestOutageAnswerMs} ms; first acknowledged write ${r.recoveryMs ?? '—'} ms after PostgreSQL was back, same process;` +
			` SIGTERM → ${r.shutdown?.graceful ? `ended by itself in ${r.shutdown.ms} ms` : 'had to be killed'}`;
		if (!r.ok) throw new Error(`${r.problems.join('; ')} — ${summary} (app log: ${r.appLog})`);
		return summary;
	});
}

// 3 ─ read replica
if (only.has('replica')) {
	await check('read replica (DATABASE_REPLICA_URL) on a streaming standby', async () => {
		const r = await sh(
			'npx',
			['vitest', 'run', 'tests/integration/replica.test.ts'],
			{
				NODE_ENV: 'test',
				CREDO_REPLICA_TEST_PORTS: '54352,54353',
				CREDO_REPLICA_TEST_NAMES: 'pg-primary,pg-replica'
			},
			{ echo: false }
		);
		const line = /replica: set up .*/.exec(r.out)?.[0];
		if (r.status !== 0 || /skipped/.test(r.out.split('Test Files')[1] ?? '') || !line) {
			throw new Error(
				`the replica test did not pass:\n${stripVTControlCharacters(r.out)
					.split('\n')
					.filter((l) => l.trim())
					.slice(-30)
					.join('\n')}`
			);
		}
		return line;
	});
}

/** The app built (when needed) and a cluster of its own with the demo seed, for a Playwright run; an empty mail folder. */
async function builtAndSeeded(name: string, port: number, mailDir: string) {
	const { buildIfNeeded } = await import('./lib/build.js');
	buildIfNeeded();
	const pg = cluster(name, port);
	await pg.sql('create database credo');
	const url = pg.url('credo');
	if ((await tsx('scripts/migrate.ts', ['apply'], { DATABASE_URL: url })).status) throw new Error('migrations failed');
	if ((await tsx('scripts/seed.ts', [], { DATABASE_URL: url })).status) throw new Error('demo seed failed');
	const mail = path.resolve('.data', mailDir);
	fs.rmSync(mail, { recursive: true, force: true });
	return { url, mail };
}

// 4 ─ the full fuzz run
if (only.has('fuzz')) {
	await check('fuzz, full run (more than 10,000 inputs)', async () => {
		const { url, mail } = await builtAndSeeded('pg-fuzz', 54356, 'mail-fuzz');
		// the fuzz project alone (--no-deps: without the journeys, which npm test runs first)
		const r = await sh('npx', ['playwright', 'test', '--project', 'fuzz', '--no-deps', '--reporter', 'list'], {
			FUZZ_RUNS: 'full',
			DATABASE_URL: url,
			MAIL_DIR: mail,
			E2E_PORT: '3360'
		});
		const summary = stripVTControlCharacters(r.out)
			.split('\n')
			.filter((l) => /^ *(fuzz:|statuses:|signed-in|public forms|API endpoints|pages and endpoints)/.test(l))
			.map((l) => l.trim())
			.join('; ');
		if (r.status !== 0) throw new Error(`the fuzz run failed (output above)${summary ? `: ${summary}` : ''}`);
		return summary || 'passed';
	});
}

// 5 ─ the page checks at both widths
if (only.has('pages')) {
	await check('page crawl in full: every page each role reaches, at 360 and 1280 px', async () => {
		const { url, mail } = await builtAndSeeded('pg-pages', 54357, 'mail-pages');
		const r = await sh(
			'npx',
			['playwright', 'test', 'tests/e2e/crawl.spec.ts', '--project', 'journeys', '--reporter', 'list'],
			{ CRAWL_FULL: '1', DATABASE_URL: url, MAIL_DIR: mail, E2E_PORT: '3361' }
		);
		const summary = stripVTControlCharacters(r.out)
			.split('\n')
			.filter((l) => /^ *\d+ (passed|failed|flaky)/.test(l))
			.map((l) => l.trim())
			.join('; ');
		if (r.status !== 0) throw new Error(`the page crawl failed (output above)${summary ? `: ${summary}` : ''}`);
		return summary || 'passed';
	});
}

if (!values.keep) for (const c of clusters) c.destroy();
else for (const c of clusters) c.stopIfRunning();

const passed = results.filter((r) => r.ok).length;
console.log(`\n${os.cpus().length} cores, ${formatBytes(os.totalmem())} RAM, ${fromDate(new Date())}`);
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${seconds(r.ms).padStart(8)}  ${r.name}`);
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed ? 1 : 0);
