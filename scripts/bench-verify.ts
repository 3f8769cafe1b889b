// `npm run bench` (or `npx tsx scripts/bench-verify.ts`): the credential-verification endpoint under its worst
// allowed load must not slow the rest of Credo. The built server (as `npm start` runs it) answers GET /login; first
// idle, then for BENCH_VERIFY_SECONDS (60) while tests/fixtures/costly-credential.json — the costliest credential that
// passes the shape check, naming a key of a real issuer so the whole JSON-LD work runs — is posted at the endpoint's
// rate limit (CREDENTIAL_VERIFY_RATE_LIMIT per window). Prints /login p95 idle and under load, and their ratio
// (target ≤ 3×).
import fs from 'node:fs';
import { BASE, startServer, stopServer, waitFor } from './bench-http.ts';
import { buildIfNeeded } from './lib/build.js';

const SECONDS = Number(process.env.BENCH_VERIFY_SECONDS ?? 60);
const LIMIT = Number(process.env.CREDENTIAL_VERIFY_RATE_LIMIT ?? 12);
const WINDOW_S = Number(process.env.VERIFY_RATE_WINDOW_SECONDS ?? 60);
const ISSUER_BASE = 'https://credo.example.org'; // the fixture's issuer base

if (!process.env.DATABASE_URL) {
	const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
	const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
	process.env.DATABASE_URL = p.url;
	process.on('exit', () => void p.stop());
}
const { applyMigrations } = await import('./migrate.ts');
await applyMigrations(process.env.DATABASE_URL);
const { db } = await import('../src/lib/server/db.ts');
const { generateIssuerKey } = await import('../src/lib/server/certificates/badges.ts');

const fixture = fs.readFileSync('tests/fixtures/costly-credential.json', 'utf8');
const body = JSON.stringify(JSON.parse(fixture));
const vm: string = JSON.parse(fixture).proof[0].verificationMethod;
const slug = vm.slice(`${ISSUER_BASE}/issuers/`.length).split('#')[0];

// the fixture's issuer, with a key (not the one that signed it: the signature fails only after all the work is done)
const jurisdiction =
	(await db.jurisdiction.findFirst({ orderBy: { code: 'asc' } })) ??
	(await db.jurisdiction.create({ data: { code: 'BENCH', name: 'Bench', timeZone: 'UTC' } }));
const org = await db.organisation.upsert({
	where: { slug },
	update: {},
	create: { slug, code: slug, name: 'Costly provider', type: 'TRAINING_PROVIDER', jurisdictionId: jurisdiction.id }
});
if (!(await db.issuerKey.findFirst({ where: { organisationId: org.id } }))) {
	const key = await generateIssuerKey(`${ISSUER_BASE}/issuers/${slug}`);
	await db.issuerKey.create({
		data: {
			organisationId: org.id,
			keyId: key.id,
			publicKeyMultibase: key.publicKeyMultibase,
			sealedSecret: 'v1.unused'
		}
	});
}
await db.$disconnect();

buildIfNeeded();
const server = startServer(process.env.DATABASE_URL, {
	PUBLIC_ISSUER_BASE: ISSUER_BASE,
	CREDENTIAL_VERIFY_RATE_LIMIT: String(LIMIT),
	VERIFY_RATE_WINDOW_SECONDS: String(WINDOW_S)
});
try {
	await waitFor(`${BASE}/healthz`);
	const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
	/** GET /login every 50 ms for `seconds`: the latencies in ms. */
	const logins = async (seconds: number) => {
		const out: number[] = [];
		const until = Date.now() + seconds * 1000;
		while (Date.now() < until) {
			const t = performance.now();
			const r = await fetch(`${BASE}/login`);
			await r.arrayBuffer();
			if (r.status !== 200) throw new Error(`/login answered ${r.status}`);
			out.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 50));
		}
		return out;
	};
	await logins(3); // warm up
	const idle = await logins(Math.min(20, SECONDS));

	// the rate limit refuses the limit-th request of a window: post limit − 1 per window, evenly spaced
	const every = (WINDOW_S * 1000) / Math.max(1, LIMIT - 1);
	const statuses = new Map<number, number>();
	const verifyTimes: number[] = [];
	let posting = true;
	const poster = (async () => {
		while (posting) {
			const t = performance.now();
			const r = await fetch(`${BASE}/api/v1/credentials/verify`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: BASE },
				body
			});
			const answer = (await r.json()) as { verified?: boolean };
			verifyTimes.push(performance.now() - t);
			statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
			if (r.status === 200 && answer.verified) throw new Error('the costly fixture verified');
			await new Promise((r) => setTimeout(r, Math.max(0, every - (performance.now() - t))));
		}
	})();
	const loaded = await logins(SECONDS);
	posting = false;
	await poster;

	const ratio = p95(loaded) / p95(idle);
	console.log(
		`credential verification at its rate limit (${LIMIT - 1} costly posts per ${WINDOW_S} s from one client, ${(body.length / 1024).toFixed(1)} KB each, for ${SECONDS} s): ` +
			`answers ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}, each in p95 ${p95(verifyTimes).toFixed(0)} ms`
	);
	console.log(
		`  /login p95 ${p95(loaded).toFixed(1)} ms under that load vs ${p95(idle).toFixed(1)} ms idle (same run) → ratio ${ratio.toFixed(2)}× (target ≤ 3×)`
	);
	if (ratio > 3) process.exitCode = 1;
} finally {
	await stopServer(server);
}
process.exit(process.exitCode ?? 0);
