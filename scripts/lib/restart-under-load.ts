// The database restart under load (part of `npm run test:scale`): the built app runs against its own PostgreSQL;
// writers post CPD activities (each with a unique title and a small PNG as evidence) while PostgreSQL is stopped for a
// few seconds and started again. Passes when
//   - every answer during the outage is 503 with Retry-After (never a 500, never a hang past the client's timeout),
//   - the node process is still the same one and still alive, and answers 200 again by itself,
//   - every write the app acknowledged (a success action result) is in the database exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

export interface RestartOptions {
	/** a folder holding the built app (build/index.js) */
	appDir: string;
	databaseUrl: string;
	appPort: number;
	/** stops PostgreSQL (fast shutdown) and starts it again */
	stopDatabase: () => Promise<void> | void;
	startDatabase: () => Promise<void> | void;
	email: string;
	password: string;
	category: string;
	writers?: number;
	warmMs?: number;
	outageMs?: number;
	afterMs?: number;
	/** a request that takes longer than this counts as hanging */
	requestTimeoutMs?: number;
	log?: (line: string) => void;
}

export interface RestartResult {
	ok: boolean;
	problems: string[];
	acknowledged: number;
	attempts: number;
	statuses: Record<string, number>;
	outageStatuses: Record<string, number>;
	slowestOutageAnswerMs: number;
	recoveryMs: number | null;
	committedNotAcknowledged: number;
	appLog: string;
	/** SIGTERM at the end: did the app end by itself (job worker stopped, pools closed)? */
	shutdown: { graceful: boolean; ms: number } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startApp(appDir: string, env: Record<string, string>, logFile: string): Promise<ChildProcess> {
	const out = fs.openSync(logFile, 'w');
	const child = spawn(process.execPath, [path.join(appDir, 'build/index.js')], {
		cwd: appDir,
		env: { ...process.env, NODE_ENV: 'production', BODY_SIZE_LIMIT: '41M', ...env },
		stdio: ['ignore', out, out]
	});
	const base = `http://127.0.0.1:${env.PORT}`;
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}); see ${logFile}`);
		try {
			const r = await fetch(`${base}/healthz`);
			if (r.ok) return child;
		} catch {
			/* not listening yet */
		}
		await sleep(100);
	}
	await stopApp(child);
	throw new Error(`the app did not answer /healthz within 20 s; see ${logFile}`);
}

/** SIGTERM (adapter-node closes gracefully), SIGKILL if it has not ended 5 s later. */
export async function stopApp(app: ChildProcess): Promise<{ graceful: boolean; ms: number }> {
	if (app.exitCode !== null || app.signalCode !== null) return { graceful: true, ms: 0 };
	const started = performance.now();
	const ended = new Promise((r) => app.once('exit', r));
	app.kill('SIGTERM');
	let graceful = true;
	const t = setTimeout(() => ((graceful = false), app.kill('SIGKILL')), 5_000);
	await ended;
	clearTimeout(t);
	return { graceful, ms: Math.round(performance.now() - started) };
}

export async function login(base: string, email: string, password: string): Promise<string> {
	const r = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = (r.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('credo_session='));
	if (r.status !== 303 || !cookie) throw new Error(`login as ${email} failed: ${r.status}`);
	return cookie.split(';')[0];
}

export async function restartUnderLoad(o: RestartOptions): Promise<RestartResult> {
	const log = o.log ?? ((l: string) => console.log(l));
	const writers = o.writers ?? 10;
	const timeout = o.requestTimeoutMs ?? 15_000;
	const base = `http://127.0.0.1:${o.appPort}`;
	const run = `rul-${Date.now().toString(36)}`;
	const logFile = path.resolve('.data', `restart-under-load-app.log`);
	const problems: string[] = [];
	const statuses: Record<string, number> = {};
	const outageStatuses: Record<string, number> = {};
	const acknowledged = new Set<string>();
	let attempts = 0;
	let slowestOutageAnswerMs = 0;
	let phase: 'before' | 'down' | 'restarting' | 'after' = 'before';
	let startedAgainAt: number | undefined;
	let firstSuccessAfter: number | null = null;

	const app = await startApp(o.appDir, { DATABASE_URL: o.databaseUrl, PORT: String(o.appPort), ORIGIN: base }, logFile);
	const result = { shutdown: null as RestartResult['shutdown'] };
	const pid = app.pid;
	let exited: string | null = null;
	app.on('exit', (code, signal) => void (exited = `exit code ${code}, signal ${signal}`));
	try {
		const cookie = await login(base, o.email, o.password);
		let stop = false;

		const record = (key: string, during: boolean, ms: number) => {
			statuses[key] = (statuses[key] ?? 0) + 1;
			if (during) {
				outageStatuses[key] = (outageStatuses[key] ?? 0) + 1;
				slowestOutageAnswerMs = Math.max(slowestOutageAnswerMs, ms);
			}
		};

		const writer = async (w: number) => {
			for (let n = 0; !stop; n++) {
				const title = `${run}-w${w}-${n}`;
				const form = new FormData();
				form.set('title', title);
				form.set('providerName', 'Restart drill');
				form.set('activityDate', '2025-06-02');
				form.set('credits', '1');
				form.set('category', o.category);
				form.set('evidence', new File([PNG], 'proof.png', { type: 'image/png' }));
				const during = phase === 'down' || phase === 'restarting';
				const t = performance.now();
				attempts++;
				let key: string;
				try {
					const r = await fetch(`${base}/cpd?/add`, {
						method: 'POST',
						headers: { Origin: base, Cookie: cookie, 'x-sveltekit-action': 'true', Accept: 'application/json' },
						body: form,
						signal: AbortSignal.timeout(timeout)
					});
					const text = await r.text();
					key = String(r.status);
					if (r.status === 200) {
						const body = JSON.parse(text) as { type?: string };
						if (body.type === 'success') {
							acknowledged.add(title);
							if (phase === 'after' && firstSuccessAfter === null) firstSuccessAfter = Date.now();
						} else {
							key = `200 ${body.type}`;
							problems.push(`an answer that is not a success: ${text.slice(0, 200)}`);
						}
					} else if (r.status === 503) {
						if (r.headers.get('retry-after') === null) problems.push('a 503 without Retry-After');
						if (!during && phase === 'before') problems.push('a 503 before PostgreSQL was stopped');
					} else {
						problems.push(`${r.status} for ${title}${during ? ' during the outage' : ''}: ${text.slice(0, 200)}`);
					}
				} catch (e) {
					key = (e as Error).name === 'TimeoutError' ? 'hang' : 'no answer';
					problems.push(`${key} for ${title}: ${(e as Error).message}`);
				}
				record(key, during, performance.now() - t);
				if (key === '503') await sleep(200); // a polite client backs off a little
			}
		};

		const workers = Array.from({ length: writers }, (_, w) => writer(w));
		await sleep(o.warmMs ?? 5_000);
		log(`    ${acknowledged.size} writes acknowledged; stopping PostgreSQL (fast shutdown)`);
		phase = 'down';
		const downAt = Date.now();
		await o.stopDatabase();
		// page reads during the outage too: the session lookup fails before any route runs
		const pageDuring = await fetch(`${base}/cpd`, {
			headers: { Cookie: cookie },
			signal: AbortSignal.timeout(timeout)
		}).catch((e: Error) => e);
		const healthDuring = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeout) }).catch(
			(e: Error) => e
		);
		if (pageDuring instanceof Error || pageDuring.status !== 503)
			problems.push(
				`GET /cpd while the database is down: ${pageDuring instanceof Error ? pageDuring.message : pageDuring.status}`
			);
		else if (!(await pageDuring.text()).includes('<h1>')) problems.push('the 503 page has no heading');
		if (healthDuring instanceof Error || healthDuring.status !== 503)
			problems.push(
				`GET /healthz while the database is down: ${healthDuring instanceof Error ? healthDuring.message : healthDuring.status}`
			);
		await sleep(Math.max(0, (o.outageMs ?? 5_000) - (Date.now() - downAt)));
		log(
			`    PostgreSQL was down ${((Date.now() - downAt) / 1000).toFixed(1)} s; answers meanwhile: ${JSON.stringify(outageStatuses)}; starting it again`
		);
		phase = 'restarting';
		await o.startDatabase();
		startedAgainAt = Date.now();
		phase = 'after';
		await sleep(o.afterMs ?? 8_000);
		stop = true;
		await Promise.all(workers);

		if (exited || app.exitCode !== null) problems.push(`the app process ended: ${exited}`);
		else if (app.pid !== pid) problems.push('the app process changed');
		const page = await fetch(`${base}/cpd`, { headers: { Cookie: cookie } });
		if (page.status !== 200) problems.push(`GET /cpd after the restart: ${page.status}`);
		const health = await fetch(`${base}/healthz`);
		if (health.status !== 200) problems.push(`GET /healthz after the restart: ${health.status}`);
		if (!firstSuccessAfter) problems.push('no write succeeded after PostgreSQL came back');
		for (const k of Object.keys(outageStatuses))
			if (k !== '503') problems.push(`answers during the outage other than 503: ${k} × ${outageStatuses[k]}`);

		// every acknowledged write exactly once
		const c = new pg.Client({ connectionString: o.databaseUrl });
		await c.connect();
		const { rows } = await c.query<{ title: string; n: number }>(
			`select title, count(*)::int as n from cpd_entries where title like $1 group by title`,
			[`${run}-%`]
		);
		await c.end();
		const found = new Map(rows.map((r) => [r.title, r.n]));
		const lost = [...acknowledged].filter((t) => !found.has(t));
		const duplicated = rows.filter((r) => r.n > 1);
		if (lost.length) problems.push(`${lost.length} acknowledged writes are missing: ${lost.slice(0, 5).join(', ')}`);
		if (duplicated.length)
			problems.push(
				`${duplicated.length} writes are duplicated: ${duplicated
					.slice(0, 5)
					.map((d) => `${d.title} ×${d.n}`)
					.join(', ')}`
			);
		const committedNotAcknowledged = rows.filter((r) => !acknowledged.has(r.title)).length;

		result.shutdown = await stopApp(app);
		if (!result.shutdown.graceful) problems.push('the app did not end within 5 s of SIGTERM');
		return {
			...result,
			ok: problems.length === 0,
			problems: [...new Set(problems)],
			acknowledged: acknowledged.size,
			attempts,
			statuses,
			outageStatuses,
			slowestOutageAnswerMs: Math.round(slowestOutageAnswerMs),
			recoveryMs: firstSuccessAfter && startedAgainAt ? firstSuccessAfter - startedAgainAt : null,
			committedNotAcknowledged,
			appLog: logFile
		};
	} finally {
		await stopApp(app);
	}
}
