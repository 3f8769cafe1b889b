// Request benchmarks for `npm run bench`: the built server (`node build`) under autocannon on loopback, each figure
// as requests/s and a ratio to two floors measured in the same run with the same bytes:
//   framework floor — a SvelteKit +server.ts endpoint of the same build (src/routes/floor/[name]) returning the bytes;
//   physical floor  — bare node:http in this process returning the bytes (reported, no target).
// The server's resident memory (RSS) is sampled throughout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { buildIfNeeded } from './lib/build.js';

const PORT = 4186; // not 4190: fetch refuses that port (a "bad port")
const PHYSICAL = 4187;
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;

async function waitFor(url: string, ms = 60_000) {
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

function rssOf(pid: number): number {
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

async function signIn(email: string, password: string) {
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

/** Each CSV export downloaded whole, one at a time, with the server's RSS just before and its peak during (target:
 *  ≤ 50 MiB added: the exports stream page by page). */
async function benchExports(pid: number, exporter: { email: string; password: string }) {
	const cookie = await signIn(exporter.email, exporter.password);
	const exports = [
		'/regulator/export.csv',
		'/practicum/cohort.csv',
		'/reports/indicators.csv?jurisdiction=NAT&indicator=vac',
		'/reports/indicators.csv?jurisdiction=NAT&indicator=ram',
		'/reports/indicators.csv?jurisdiction=NAT&indicator=qa',
		'/admin/workforce/template.csv'
	];
	for (const path of exports) {
		const before = rssOf(pid);
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
		const t = performance.now();
		const r = await fetch(`${BASE}${path}`, { headers: { cookie } });
		if (!r.ok || !r.body) throw new Error(`${path} answered ${r.status}`);
		let bytes = 0;
		const reader = r.body.getReader();
		for (let c = await reader.read(); !c.done; c = await reader.read()) bytes += c.value.byteLength;
		clearInterval(sampler);
		peak = Math.max(peak, rssOf(pid));
		console.log(
			`export ${path}: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s; server RSS ${(before / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - before) / 2 ** 20).toFixed(0)} MiB, target ≤ 50)`
		);
	}
}

export async function benchRequests(
	databaseUrl: string,
	code: string,
	email: string,
	password: string,
	exporter?: { email: string; password: string }
) {
	buildIfNeeded();
	const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-floor-'));
	// the heap limits `npm start` uses (package.json): a small young generation and a capped old one keep RSS low
	const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=16 --max-old-space-size=256')
		.split(' ')
		.filter(Boolean);
	const server = spawn('node', [...flags, 'build'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			DATABASE_URL: databaseUrl,
			NODE_ENV: 'production',
			BENCH_FLOOR_DIR: floorDir,
			VERIFY_RATE_LIMIT: '1000000000',
			LOGIN_IP_LIMIT: '100000'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
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
		// BENCH_ONLY=module,verify runs just those (while working on one figure); `npm run bench` runs them all
		const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
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
		for (const t of targets) {
			await load(`${BASE}${t.path}`, t.headers); // warm up (same duration), not counted
			const real = await load(`${BASE}${t.path}`, t.headers);
			const framework = await load(`${BASE}/floor/${t.file}`);
			const bare = await load(`http://127.0.0.1:${PHYSICAL}/${t.file}`);
			rows.push(
				`${t.label}: ${real.toFixed(0)} req/s (${t.target === null ? 'reported, no target' : `target ≥ ${t.target} × framework floor`})\n` +
					`  framework floor (SvelteKit endpoint, same ${bodies.get(`/${t.file}`)!.body.length.toLocaleString()} bytes): ${framework.toFixed(0)} req/s → ratio ${(real / framework).toFixed(2)}\n` +
					`  physical floor (bare node:http, same bytes): ${bare.toFixed(0)} req/s → ratio ${(real / bare).toFixed(3)}`
			);
			console.log(rows.at(-1));
		}
		console.log(
			`server memory during the request benchmarks: peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (target ≤ 300 MB)`
		);
		if (exporter && !only.length) await benchExports(server.pid!, exporter);
	} finally {
		clearInterval(sampler);
		physical.close();
		server.kill('SIGTERM');
		fs.rmSync(floorDir, { recursive: true, force: true });
	}
}
