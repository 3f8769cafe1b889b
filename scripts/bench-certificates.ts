// `npm run bench` (this part alone: `tsx scripts/bench-certificates.ts [rows]`): recording 300,000 historical
// certificates as one import job — read, checked, previewed, confirmed and committed exactly as the job worker does it
// — against a floor measured in the same run: PostgreSQL's COPY of the same file into a scratch table (target ≤ 10×);
// and the indicator report of the jurisdiction before and after, each as a ratio to `select count(*) from
// certificates` measured beside it (the ratio should not move: imported certificates count through the same spans).
// Runs in its own process with the heap flags `npm start` gives the server; its peak RSS is printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS, copyFloor } from './lib/bench-floor.ts';

const FLAGS = SERVER_NODE_FLAGS;
const CODE = 'BENCH-CERTS';
const N = Number(process.argv[2] ?? 300_000);

if (!process.env.BENCH_CERTS_FILE) {
	// the file, written by this parent: one certificate per worker, issued over four years, the provider's own numbers
	const file = path.join(os.tmpdir(), `credo-bench-certs-${process.pid}.csv`);
	const out = fs.openSync(file, 'w');
	fs.writeSync(out, 'provider_code,programme_code,national_worker_id,issued_on,expires_on,certificate_number');
	for (let i = 1; i <= N; i++) {
		const issued = `20${22 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
		fs.writeSync(out, `\nBPROV,BPROG,BC-${i},${issued},,N-${i}`);
	}
	fs.closeSync(out);
	fs.chmodSync(file, 0o644);
	if (!process.env.DATABASE_URL) {
		const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
		const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
		process.env.DATABASE_URL = p.url;
	}
	const r = spawnSync(process.execPath, [...FLAGS, '--import', 'tsx', ...process.argv.slice(1)], {
		stdio: 'inherit',
		env: { ...process.env, BENCH_CERTS_FILE: file }
	});
	fs.rmSync(file, { force: true });
	process.exit(r.status ?? 1);
}

const file = process.env.BENCH_CERTS_FILE;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const { db } = await import('../src/lib/server/db.ts');
const { acceptImport, createImport, importJob, runImportJob } = await import('../src/lib/server/imports/run.ts');
await import('../src/lib/server/imports/kinds.ts');
const { sessionUserById } = await import('../src/lib/server/auth/session.ts');
const { reportContext } = await import('../src/lib/server/indicators/context.ts');
const { parseFilters } = await import('../src/lib/server/indicators/filters.ts');
const { indicatorReport } = await import('../src/lib/server/indicators/report.ts');

// the bench's jurisdiction (kept between runs: its audit entries are append-only); its rows go after each run
const j =
	(await db.jurisdiction.findUnique({ where: { code: CODE } })) ??
	(await db.jurisdiction.create({ data: { code: CODE, name: 'Certificates bench', timeZone: 'Africa/Lagos' } }));
async function cleanUp() {
	await db.$executeRaw`delete from certificates where jurisdiction_id = ${j.id}::uuid`;
	await db.$executeRaw`delete from worker_identifiers where jurisdiction_id = ${j.id}::uuid`;
	await db.$executeRaw`delete from worker_profiles where jurisdiction_id = ${j.id}::uuid`;
	await db.$executeRaw`delete from import_jobs where jurisdiction_id = ${j.id}::uuid`;
}
await cleanUp();
const area = await db.adminArea.upsert({
	where: { jurisdictionId_code: { jurisdictionId: j.id, code: 'BCA' } },
	update: {},
	create: { jurisdictionId: j.id, code: 'BCA', name: 'Bench area' }
});
const provider = await db.organisation.upsert({
	where: { slug: 'bench-certs-provider' },
	update: {},
	create: {
		jurisdictionId: j.id,
		code: 'BPROV',
		slug: 'bench-certs-provider',
		name: 'Bench provider',
		type: 'TRAINING_PROVIDER'
	}
});
const admin = await db.user.upsert({
	where: { email: 'bench-certs@bench.credo.test' },
	update: {},
	create: { email: 'bench-certs@bench.credo.test', name: 'Certificates bench', passwordHash: 'x' }
});
await db.membership.upsert({
	where: { userId_role_scopeKey: { userId: admin.id, role: 'ADMIN', scopeKey: 'global' } },
	update: {},
	create: { userId: admin.id, role: 'ADMIN', scopeKey: 'global' }
});
await db.programme.upsert({
	where: { providerId_code: { providerId: provider.id, code: 'BPROG' } },
	update: {},
	create: {
		jurisdictionId: j.id,
		providerId: provider.id,
		code: 'BPROG',
		title: 'Bench induction (in person)',
		deliveredOutside: true,
		contactHours: 40,
		validityMonths: 36,
		childVictims: true,
		childProtection: true,
		recognitionStatus: 'CONFIRMED',
		createdById: admin.id
	}
});
// the workers the file names, written by the database in two statements (their own cost is not measured)
await db.$executeRaw`
	insert into worker_profiles (id, jurisdiction_id, area_id, given_name, family_name, cadre, sector, employment_start, cp_from, updated_at)
	select gen_random_uuid(), ${j.id}::uuid, ${area.id}::uuid, 'Given' || i, 'Family' || i, 'PROF_SW', 'GOVERNMENTAL',
		'2020-01-01', '2020-01-01', now()
	from generate_series(1, ${N}::int) i`;
await db.$executeRaw`
	insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value)
	select gen_random_uuid(), w.id, w.jurisdiction_id, 'NATIONAL_WORKER_ID', 'BC-' || substr(w.given_name, 6)
	from worker_profiles w where w.jurisdiction_id = ${j.id}::uuid`;
await db.$executeRawUnsafe('analyze worker_profiles, worker_identifiers, certificates');

const user = await sessionUserById(admin.id);
/** The indicator report of the jurisdiction and count(*) of certificates beside it, p95 over 15 each. */
async function reportRatio() {
	const ctx = await reportContext(user, CODE);
	const f = parseFilters(ctx, new URLSearchParams('date=2025-06-30&year=2025&version=strict'));
	if (!f.ok) throw new Error(JSON.stringify(f.errors));
	const p95 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
	const [rep, cnt]: number[][] = [[], []];
	let vac = '';
	for (let i = 0; i < 17; i++) {
		let t = performance.now();
		const r = await indicatorReport(ctx, f.filters);
		if (i >= 2) rep.push(performance.now() - t);
		vac = JSON.stringify(r.vac.total);
		t = performance.now();
		await db.$queryRaw`select count(*) from certificates`;
		if (i >= 2) cnt.push(performance.now() - t);
	}
	return { report: p95(rep), count: p95(cnt), vac };
}
const before = await reportRatio();

// the floor: COPY of the same file into a scratch table with the same columns, by the database server itself
const floor = await copyFloor(db, file, 'bench_certs_floor');
await db.$executeRawUnsafe(`drop table bench_certs_floor`);

const upload = await fs.openAsBlob(file, { type: 'text/csv' }); // the upload, as the server holds it: on disk
const base = process.memoryUsage().rss;
let peak = base;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t = performance.now();
const id = await createImport(user, 'certificates', j.id, upload);
await runImportJob(id, 'plan');
const previewed = performance.now() - t;
await acceptImport(user, id);
await runImportJob(id, 'commit');
const took = performance.now() - t;
clearInterval(timer);
const job = await importJob(user, id);
const recorded = await db.certificate.count({ where: { jurisdictionId: j.id, source: 'RECORDED' } });
await db.$executeRawUnsafe('analyze certificates');
const after = await reportRatio();
console.log(
	`historical certificates: ${N.toLocaleString()} rows (one job, ${mib(upload.size)} MiB): ${job.status}, ` +
		`${recorded.toLocaleString()} recorded; preview ${(previewed / 1000).toFixed(1)} s, total ${(took / 1000).toFixed(1)} s; ` +
		`RSS ${mib(base)} MiB before, peak ${mib(peak)} MiB\n` +
		`  floor (COPY of the same file into a scratch table): ${(floor / 1000).toFixed(2)} s → ratio ${(took / floor).toFixed(0)}× (target ≤ 10×)\n` +
		`  indicator report of the jurisdiction, p95: before ${before.report.toFixed(0)} ms (count(*) ${before.count.toFixed(1)} ms → ` +
		`${(before.report / before.count).toFixed(1)}×), after ${after.report.toFixed(0)} ms (count(*) ${after.count.toFixed(1)} ms → ` +
		`${(after.report / after.count).toFixed(1)}×); strict VAC before ${before.vac}, after ${after.vac}`
);
await cleanUp();
await db.$disconnect();
process.exit(job.status === 'done' && recorded === N ? 0 : 1);
