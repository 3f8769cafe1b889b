// Request benchmarks for `npm run bench`: the built server (`node build`) under autocannon on loopback, each figure
// as requests/s and a ratio to two floors measured in the same run with the same bytes:
//   framework floor — a SvelteKit +server.ts endpoint of the same build (src/routes/floor/[name]) returning the bytes;
//   physical floor  — bare node:http in this process returning the bytes (reported, no target).
// The server's resident memory (RSS) is sampled throughout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildIfNeeded } from './lib/build.js';
import { SERVER_NODE_FLAGS } from './lib/bench-floor.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4186); // not 4190: fetch refuses that port (a "bad port")
const PHYSICAL = PORT + 1;
export const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;

export async function waitFor(url: string, ms = 60_000) {
	const until = Date.now() + ms;
	let last = '';
	while (Date.now() < until) {
		try {
			const r = await fetch(url);
			if (r.ok) return;
			last = `${r.status} ${(await r.text()).slice(0, 200)}`;
		} catch (e) {
			last = `${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`; // not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer (${last})`);
}

export function rssOf(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

async function load(url: string, headers: Record<string, string> = {}) {
	const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
	if (r.non2xx) throw new Error(`${url}: ${r.non2xx} answers were not 2xx`);
	return r.requests.average;
}

export async function signIn(email: string, password: string) {
	const login = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	if (login.status !== 303 || !cookie) throw new Error(`login failed (${login.status})`);
	return cookie;
}

/** The built server as `npm start` runs it, on its own port. */
export function startServer(databaseUrl: string, env: Record<string, string> = {}) {
	// the heap limits `npm start` uses (package.json): a capped young generation and old space keep RSS low
	const flags = (process.env.BENCH_NODE_FLAGS ?? SERVER_NODE_FLAGS.join(' ')).split(' ').filter(Boolean);
	return spawn('node', [...flags, 'build'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			DATABASE_URL: databaseUrl,
			NODE_ENV: 'production',
			VERIFY_RATE_LIMIT: '1000000000',
			LOGIN_IP_LIMIT: '100000',
			BODY_SIZE_LIMIT: '41M', // as npm start (scripts/start.ts)
			MALLOC_ARENA_MAX: '2', // as npm start (package.json): two malloc arenas, not one per thread
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

export async function stopServer(server: ChildProcess) {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	await exited;
}

/** Every CSV the app serves, at national scale: the whole jurisdiction, no filter. */
const EXPORTS = [
	'/regulator/export.csv', // compliance of every licence (100,000)
	'/workers.csv?jurisdiction=NAT', // the worker register (200,000 workers)
	'/practicum/cohort.csv', // the coordinator's cohort (nat-org-6)
	'/reports/indicators.csv?jurisdiction=NAT&indicator=vac',
	'/reports/indicators.csv?jurisdiction=NAT&indicator=ram',
	'/reports/indicators.csv?jurisdiction=NAT&indicator=qa',
	'/imports/templates/workforce', // the import templates: a header row each
	'/imports/templates/areas',
	'/imports/templates/organisations',
	'/imports/templates/population'
];

/** The module the request benchmark compares against: a copy of /learn/jus-diversion published as a module written in
 *  the browser (issue 22), so its page goes through the authored path (authoring/published.ts) with the same text. */
export const AUTHORED_BENCH_MODULE = 'jus-diversion-authored';

async function ensureAuthoredCopy() {
	const { db } = await import('../src/lib/server/db.ts');
	const { createHash } = await import('node:crypto');
	const { termsOf } = await import('../src/lib/server/authoring/terms.ts');
	const { loadContent } = await import('../src/lib/server/content/load.ts');
	const source = loadContent().content.modules.find((m) => m.id === 'jus-diversion')!;
	const text = fs.readFileSync(source.file, 'utf8').replace(/^id: .*$/m, `id: ${AUTHORED_BENCH_MODULE}`);
	const provider = await db.organisation.findFirst({
		where: { type: 'TRAINING_PROVIDER' },
		orderBy: { createdAt: 'asc' }
	});
	const someone = await db.user.findFirst({ orderBy: { createdAt: 'asc' } });
	if (!provider || !someone) throw new Error('the bench needs a training provider and a user (seed first)');
	const lines = text.split('\n');
	lines[lines.findIndex((l) => l.startsWith('provider:'))] = `provider: ${provider.slug}`;
	const published = lines.join('\n');
	await db.authoredModule.upsert({
		where: { id: AUTHORED_BENCH_MODULE },
		update: {},
		create: {
			id: AUTHORED_BENCH_MODULE,
			providerId: provider.id,
			createdById: someone.id,
			origin: 'COPY',
			copiedFrom: 'jus-diversion'
		}
	});
	const hash = createHash('sha256').update(published).digest('hex');
	if (!(await db.authoredVersion.findUnique({ where: { contentHash: hash } }))) {
		const last = await db.authoredVersion.findFirst({
			where: { moduleId: AUTHORED_BENCH_MODULE },
			orderBy: { number: 'desc' }
		});
		await db.authoredVersion.create({
			data: {
				moduleId: AUTHORED_BENCH_MODULE,
				number: (last?.number ?? 0) + 1,
				text: published,
				contentHash: hash,
				editorIds: [someone.id],
				submittedById: someone.id,
				approvedById: someone.id,
				terms: termsOf(source),
				termsCarried: false
			}
		});
	}
}

/** The account that may download every export of the national data (the seed makes workers only): regulator and
 *  global admin of NAT, coordinator of the university nat-org-6. */
export async function ensureExporter() {
	const { db } = await import('../src/lib/server/db.ts');
	const { hashPassword } = await import('../src/lib/server/auth/password.ts');
	const exporter = { email: 'exports@national.credo.test', password: 'credo-demo-2026' };
	const nat = await db.jurisdiction.findUniqueOrThrow({ where: { code: 'NAT' } });
	const u = await db.user.upsert({
		where: { email: exporter.email },
		update: {},
		create: {
			email: exporter.email,
			name: 'Export bench',
			passwordHash: await hashPassword(exporter.password),
			emailVerifiedAt: new Date()
		}
	});
	const uni = await db.organisation.findUnique({ where: { slug: 'nat-org-6' } });
	const roles = [
		{ role: 'REGULATOR' as const, jurisdictionId: nat.id, scopeKey: `jur:${nat.id}` },
		{ role: 'ADMIN' as const, scopeKey: 'global' },
		...(uni ? [{ role: 'COORDINATOR' as const, organisationId: uni.id, scopeKey: `org:${uni.id}` }] : [])
	];
	for (const r of roles)
		if (!(await db.membership.findFirst({ where: { userId: u.id, role: r.role, scopeKey: r.scopeKey } })))
			await db.membership.create({ data: { userId: u.id, ...r } });
	return exporter;
}

/** One download of `path` in a fresh server (so one export's peak is not hidden in the RSS another left behind) that
 *  has already answered the same address once (code loaded, database connected, query planned: a download started
 *  and cancelled), read whole as a fast client reads it: the server's RSS just before and its peak during. */
async function exportOnce(databaseUrl: string, exporter: { email: string; password: string }, path: string) {
	const server = startServer(databaseUrl);
	try {
		await waitFor(`${BASE}/healthz`);
		const cookie = await signIn(exporter.email, exporter.password);
		const warm = await fetch(`${BASE}${path}`, { headers: { cookie } });
		if (!warm.ok || !warm.body) throw new Error(`${path} answered ${warm.status}`);
		await warm.body.cancel();
		await new Promise((r) => setTimeout(r, 1000));
		const pid = server.pid!;
		const before = rssOf(pid);
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
		const t = performance.now();
		const r = await fetch(`${BASE}${path}`, { headers: { cookie } });
		if (!r.ok || !r.body) throw new Error(`${path} answered ${r.status}`);
		let bytes = 0;
		let lines = 0;
		const reader = r.body.getReader();
		for (let c = await reader.read(); !c.done; c = await reader.read()) {
			bytes += c.value.byteLength;
			for (let i = c.value.indexOf(10); i !== -1; i = c.value.indexOf(10, i + 1)) lines++;
		}
		clearInterval(sampler);
		peak = Math.max(peak, rssOf(pid));
		return { before, added: peak - before, bytes, rows: lines - 1, seconds: (performance.now() - t) / 1000 };
	} finally {
		await stopServer(server);
	}
}

/** Each CSV export, BENCH_EXPORT_RUNS times (3), each run in a fresh server; the median RSS added is the figure
 *  (target: ≤ 50 MiB — the exports stream page by page), every run's shown. Most of what a long export adds is V8's
 *  young generation growing to the 16 MiB semi-spaces the server's flags allow, whatever the page size. */
async function benchExports(databaseUrl: string, exporter: { email: string; password: string }) {
	const runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
	const mib = (n: number) => (n / 2 ** 20).toFixed(0);
	const median = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((a, b) => by(a) - by(b))[xs.length >> 1];
	let worst = 0;
	// BENCH_EXPORTS=workers,regulator: only the exports whose address contains one of those
	const wanted = (process.env.BENCH_EXPORTS ?? '').split(',').filter(Boolean);
	for (const path of EXPORTS.filter((p) => !wanted.length || wanted.some((w) => p.includes(w)))) {
		const results = [];
		for (let i = 0; i < runs; i++) results.push(await exportOnce(databaseUrl, exporter, path));
		const m = median(results, (r) => r.added);
		worst = Math.max(worst, m.added);
		console.log(
			`export ${path}: ${m.rows.toLocaleString()} rows, ${(m.bytes / 2 ** 20).toFixed(1)} MiB in ${median(results, (r) => r.seconds).seconds.toFixed(1)} s; ` +
				`server RSS ${mib(m.before)} MiB before, +${mib(m.added)} MiB median of ${runs} fresh servers ` +
				`(${results.map((r) => `+${mib(r.added)}`).join(', ')}; target ≤ 50 ${m.added <= 50 * 2 ** 20 ? '✔' : '✘'})`
		);
	}
	console.log(`exports: at most +${mib(worst)} MiB server RSS, median of each (target ≤ 50)`);
}

export async function benchRequests(
	databaseUrl: string,
	code: string,
	email: string,
	password: string,
	exporter?: { email: string; password: string }
) {
	buildIfNeeded();
	await ensureAuthoredCopy();
	const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-floor-'));
	const server = startServer(databaseUrl, { BENCH_FLOOR_DIR: floorDir });
	// BENCH_ONLY=module,verify runs just those (while working on one figure), BENCH_ONLY=exports the exports only;
	// `npm run bench` runs them all
	const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid!))), 100);
	const physical = http.createServer();
	try {
		await waitFor(`${BASE}/healthz`);
		// sign in as a national worker through the real form
		const cookie = await signIn(email, password);
		const targets = [
			{
				name: 'module',
				label: 'logged-in module page /learn/jus-diversion',
				path: '/learn/jus-diversion',
				headers: { cookie },
				file: 'module.html',
				target: 0.25
			},
			// the same module published in the browser: within 10 % of the content/ module's req/s (compared below)
			{
				name: 'module-authored',
				label: `logged-in module page of a module written in the browser /learn/${AUTHORED_BENCH_MODULE}`,
				path: `/learn/${AUTHORED_BENCH_MODULE}`,
				headers: { cookie },
				file: 'module-authored.html',
				target: null
			},
			// the printed address answers other systems with JSON (the same handler as /api/v1/certificates/{code})
			{
				name: 'verify',
				label: 'certificate verification /verify/{code} (JSON)',
				path: `/verify/${code}`,
				headers: { accept: 'application/json' },
				file: 'verify.json',
				target: 0.5
			},
			// and people with the page: reported, no target of its own
			{
				name: 'verify-page',
				label: 'verification page /verify/{code} (HTML)',
				path: `/verify/${code}`,
				headers: { accept: 'text/html' },
				file: 'verify-page.html',
				target: null
			}
		];
		if (only.length) targets.splice(0, targets.length, ...targets.filter((t) => only.includes(t.name)));
		const bodies = new Map<string, { body: Buffer; type: string }>();
		for (const t of targets) {
			const r = await fetch(`${BASE}${t.path}`, { headers: t.headers });
			if (!r.ok) throw new Error(`${t.path} answered ${r.status}`);
			const body = Buffer.from(await r.arrayBuffer());
			fs.writeFileSync(path.join(floorDir, t.file), body);
			bodies.set(`/${t.file}`, { body, type: r.headers.get('content-type') ?? 'text/html' });
		}
		physical.on('request', (req, res) => {
			const b = bodies.get(req.url ?? '');
			if (!b) return void res.writeHead(404).end();
			res.writeHead(200, { 'content-type': b.type, 'content-length': b.body.length }).end(b.body);
		});
		await new Promise<void>((r) => physical.listen(PHYSICAL, '127.0.0.1', r));
		const rows: string[] = [];
		const measured = new Map<string, number>();
		for (const t of targets) {
			await load(`${BASE}${t.path}`, t.headers); // warm up (same duration), not counted
			const real = await load(`${BASE}${t.path}`, t.headers);
			measured.set(t.name, real);
			const framework = await load(`${BASE}/floor/${t.file}`);
			const bare = await load(`http://127.0.0.1:${PHYSICAL}/${t.file}`);
			rows.push(
				`${t.label}: ${real.toFixed(0)} req/s (${t.target === null ? 'reported, no target' : `target ≥ ${t.target} × framework floor`})\n` +
					`  framework floor (SvelteKit endpoint, same ${bodies.get(`/${t.file}`)!.body.length.toLocaleString()} bytes): ${framework.toFixed(0)} req/s → ratio ${(real / framework).toFixed(2)}\n` +
					`  physical floor (bare node:http, same bytes): ${bare.toFixed(0)} req/s → ratio ${(real / bare).toFixed(3)}`
			);
			console.log(rows.at(-1));
		}
		if (measured.has('module') && measured.has('module-authored')) {
			// once more each, alternately, so a drift of the machine does not favour one: the best of two runs each
			const content = Math.max(measured.get('module')!, await load(`${BASE}/learn/jus-diversion`, { cookie }));
			const authored = Math.max(
				measured.get('module-authored')!,
				await load(`${BASE}/learn/${AUTHORED_BENCH_MODULE}`, { cookie })
			);
			console.log(
				`module written in the browser against the same module from content/: ${authored.toFixed(0)} / ${content.toFixed(0)} req/s → ratio ${(authored / content).toFixed(2)} (target ≥ 0.90)`
			);
		}
		if (targets.length)
			console.log(
				`server memory during the request benchmarks: peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (target ≤ 300 MB)`
			);
	} finally {
		clearInterval(sampler);
		physical.close();
		await stopServer(server);
		fs.rmSync(floorDir, { recursive: true, force: true });
	}
	if (exporter && (!only.length || only.includes('exports'))) await benchExports(databaseUrl, exporter);
}

// `npx tsx scripts/bench-http.ts exports`: the exports alone (the built server on the national data of DATABASE_URL,
// `npm run seed:national` first), without the rest of `npm run bench`
if (
	process.argv[1] &&
	path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) &&
	process.argv[2] === 'exports'
) {
	if (!process.env.DATABASE_URL) {
		const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
		const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
		process.env.DATABASE_URL = p.url;
		process.on('exit', () => void p.stop());
	}
	const exporter = await ensureExporter();
	buildIfNeeded();
	await benchExports(process.env.DATABASE_URL, exporter);
	const { db } = await import('../src/lib/server/db.ts');
	await db.$disconnect();
}
