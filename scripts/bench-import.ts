// `npm run bench` (this part alone: `tsx scripts/bench-import.ts [rows]`): the workforce import of 200,000 new workers
// as one job — read, checked, previewed, confirmed and committed exactly as the job worker does it — against a floor
// measured in the same run: PostgreSQL's COPY of the same file into a scratch table of the same columns (target:
// ≤ 10×). A second floor says what the database alone needs to write these rows where they belong: the scratch
// table's rows inserted by one INSERT … SELECT into worker_profiles and worker_identifiers (indexes, foreign keys and
// all), then rolled back. It runs in its own process with the heap flags `npm start` gives the server, so the peak RSS
// printed is what the import costs a server (target: ≤ 300 MB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS, copyFloor } from './lib/bench-floor.ts';

const FLAGS = SERVER_NODE_FLAGS;
const CODE = 'BENCH-IMPORT';
const N = Number(process.argv[2] ?? 200_000);
const areas = Array.from({ length: 100 }, (_, i) => `BA-${i}`);
if (!process.env.BENCH_IMPORT_FILE) {
	// the file, written by this parent so the measured process starts with only what a server holds
	const header =
		'national_worker_id,licence_number,given_name,family_name,email,sex,cadre,sector,paid,education_level,employment_start,employment_end,cp_from,cp_to,area_code,organisation_code,primary_track';
	const cadres = ['PROF_SW', 'PARA_PROF', 'CYCW', 'VOLUNTEER'];
	const file = path.join(os.tmpdir(), `credo-bench-import-${process.pid}.csv`);
	const out = fs.openSync(file, 'w');
	fs.writeSync(out, header);
	for (let i = 1; i <= N; i++) {
		const start = `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-01`;
		fs.writeSync(
			out,
			`\nBI-${i},BL-${i},Given${i},Family${i},w${i}@bench.example,${i % 2 ? 'MALE' : 'FEMALE'},${cadres[i % 4]},GOVERNMENTAL,yes,BACHELOR,${start},,${i % 4 ? start : ''},,${areas[i % 100]},BORG,core`
		);
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
		env: { ...process.env, BENCH_IMPORT_FILE: file }
	});
	const served = r.status ? 1 : await throughTheServer(file);
	fs.rmSync(file, { force: true });
	process.exit(r.status || served);
}

/**
 * The same file through the built server, as an administrator uploads it and confirms it in the browser: the
 * server's RSS (/proc) from just before the upload to the end of the commit, which its own pg-boss worker runs.
 */
async function throughTheServer(file: string): Promise<number> {
	const { buildIfNeeded } = await import('./lib/build.js');
	const { BASE, rssOf, signIn, startServer, stopServer, waitFor } = await import('./bench-http.ts');
	const { db } = await import('../src/lib/server/db.ts');
	const { hashPassword } = await import('../src/lib/server/auth/password.ts');
	buildIfNeeded();
	const j = await db.jurisdiction.findUniqueOrThrow({ where: { code: CODE } });
	const email = 'bench-import-web@bench.credo.test';
	const password = 'bench-import-2026';
	const user = await db.user.upsert({
		where: { email },
		// a confirmed address: an unconfirmed account may not post forms (its upload would be refused unread)
		update: { emailVerifiedAt: new Date() },
		create: {
			email,
			name: 'Import bench (web)',
			passwordHash: await hashPassword(password),
			emailVerifiedAt: new Date()
		}
	});
	await db.membership.upsert({
		where: { userId_role_scopeKey: { userId: user.id, role: 'ADMIN', scopeKey: 'global' } },
		update: {},
		create: { userId: user.id, role: 'ADMIN', scopeKey: 'global' }
	});
	const server = startServer(process.env.DATABASE_URL!);
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid!))), 20);
	try {
		await waitFor(`${BASE}/healthz`);
		const cookie = await signIn(email, password);
		const headers = { cookie, origin: BASE, accept: 'text/html' };
		await (await fetch(`${BASE}/admin/jurisdictions/${CODE}/workforce`, { headers })).text(); // the page, once
		const before = rssOf(server.pid!);
		peak = before;
		const t = performance.now();
		const form = new FormData();
		form.set('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'workforce.csv');
		const up = await fetch(`${BASE}/admin/jurisdictions/${CODE}/workforce`, {
			method: 'POST',
			headers,
			body: form,
			redirect: 'manual'
		});
		const uploaded = performance.now() - t;
		const uploadPeak = peak;
		peak = rssOf(server.pid!);
		const at = up.headers.get('location') ?? '';
		const id = /\/imports\/([0-9a-f-]{36})/.exec(at)?.[1];
		if (!id) throw new Error(`the upload was not accepted (${up.status} ${at})`);
		const statusOf = async () =>
			(await db.importJob.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
		const until = async (done: (s: string) => boolean) => {
			for (let s = await statusOf(); !done(s); s = await statusOf()) await new Promise((r) => setTimeout(r, 200));
		};
		await until((s) => !['queued', 'checking'].includes(s));
		const previewed = performance.now() - t;
		const previewPeak = peak;
		peak = rssOf(server.pid!);
		const confirm = await fetch(`${BASE}/imports/${id}?/confirm`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
			redirect: 'manual'
		});
		if (confirm.status >= 400) throw new Error(`the confirmation was refused (${confirm.status})`);
		await until((s) => !['confirmed', 'importing'].includes(s));
		const took = performance.now() - t;
		const commitPeak = peak;
		peak = Math.max(uploadPeak, previewPeak, commitPeak);
		const status = await statusOf();
		console.log(
			`through the built server (npm start's heap flags, its own job worker): ${status}; preview ${(previewed / 1000).toFixed(1)} s, ` +
				`total ${(took / 1000).toFixed(1)} s; server RSS ${(before / 2 ** 20).toFixed(0)} MiB before the upload, ` +
				`peak ${(peak / 2 ** 20).toFixed(0)} MiB (target ≤ 300 MB); peak by phase: upload ${mib(uploadPeak)} MiB ` +
				`(answered in ${(uploaded / 1000).toFixed(1)} s), preview ${mib(previewPeak)} MiB, commit ${mib(commitPeak)} MiB`
		);
		return status === 'done' ? 0 : 1;
	} finally {
		clearInterval(sampler);
		await stopServer(server);
		await db.$executeRaw`delete from worker_identifiers where jurisdiction_id = ${j.id}::uuid`;
		await db.$executeRaw`delete from worker_profiles where jurisdiction_id = ${j.id}::uuid`;
		await db.$executeRaw`delete from import_jobs where jurisdiction_id = ${j.id}::uuid`;
		await db.$disconnect();
	}
}
const file = process.env.BENCH_IMPORT_FILE;
function mib(bytes: number) {
	return (bytes / 2 ** 20).toFixed(0);
}
const { db } = await import('../src/lib/server/db.ts');
const { acceptImport, createImport, importJob, runImportJob } = await import('../src/lib/server/imports/run.ts');
await import('../src/lib/server/imports/kinds.ts');
const { sessionUserOf } = await import('../tests/helpers/db.ts');

// the bench's own jurisdiction, kept between runs (its audit entries are append-only); its workers go after each run
const j =
	(await db.jurisdiction.findUnique({ where: { code: CODE } })) ??
	(await db.jurisdiction.create({ data: { code: CODE, name: 'Import bench', timeZone: 'Africa/Lagos' } }));
async function cleanUp() {
	await db.$executeRaw`delete from worker_identifiers where jurisdiction_id = ${j.id}::uuid`;
	await db.$executeRaw`delete from worker_profiles where jurisdiction_id = ${j.id}::uuid`;
	await db.$executeRaw`delete from import_jobs where jurisdiction_id = ${j.id}::uuid`;
}
await cleanUp();
await db.adminArea.createMany({
	data: areas.map((code) => ({ jurisdictionId: j.id, code, name: code })),
	skipDuplicates: true
});
await db.organisation.upsert({
	where: { slug: 'bench-import-org' },
	update: {},
	create: { jurisdictionId: j.id, code: 'BORG', slug: 'bench-import-org', name: 'Bench org', type: 'NGO' }
});

// the floor: COPY of the same file into a scratch table with the same columns, by the database server itself
const floor = await copyFloor(db, file, 'bench_import_floor');
// the second floor: the database writing the same rows where they belong, in one statement per table (rolled back)
let t = performance.now();
await db
	.$transaction(
		async (tx) => {
			await tx.$executeRawUnsafe(`
			create temporary table bench_ids on commit drop as
			select gen_random_uuid() as id, f.* from bench_import_floor f`);
			await tx.$executeRawUnsafe(`
			insert into worker_profiles (id, jurisdiction_id, given_name, family_name, email, sex, cadre, sector, paid,
				education_level, employment_start, cp_from, area_id, organisation_id, primary_track, updated_at)
			select b.id, '${j.id}'::uuid, given_name, family_name, email, sex::"Sex", cadre::"Cadre", sector::"Sector", paid = 'yes',
				education_level::"EducationLevel", employment_start::date, nullif(cp_from, '')::date, a.id, o.id, primary_track, now()
			from bench_ids b join admin_areas a on a.jurisdiction_id = '${j.id}' and a.code = b.area_code
				join organisations o on o.jurisdiction_id = '${j.id}' and o.code = b.organisation_code`);
			await tx.$executeRawUnsafe(`
			insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value)
			select gen_random_uuid(), id, '${j.id}'::uuid, 'NATIONAL_WORKER_ID'::"IdentifierKind", national_worker_id from bench_ids
			union all select gen_random_uuid(), id, '${j.id}'::uuid, 'LICENCE_NUMBER'::"IdentifierKind", licence_number from bench_ids`);
			throw new Error('rollback');
		},
		{ timeout: 600_000 }
	)
	.catch((e) => {
		if ((e as Error).message !== 'rollback') throw e;
	});
const written = performance.now() - t;
await db.$executeRawUnsafe(`drop table bench_import_floor`);

const user = await db.user.upsert({
	where: { email: 'bench-import@bench.credo.test' },
	update: {},
	create: { email: 'bench-import@bench.credo.test', name: 'Import bench', passwordHash: 'x' }
});
await db.membership.upsert({
	where: { userId_role_scopeKey: { userId: user.id, role: 'ADMIN', scopeKey: 'global' } },
	update: {},
	create: { userId: user.id, role: 'ADMIN', scopeKey: 'global' }
});
const admin = await sessionUserOf(user.id);
const upload = await fs.openAsBlob(file, { type: 'text/csv' }); // the upload, as the server holds it: on disk
const base = process.memoryUsage().rss;
let peak = base;
let atPeak = process.memoryUsage();
const timer = setInterval(() => {
	const now = process.memoryUsage();
	if (now.rss > peak) [peak, atPeak] = [now.rss, now];
}, 20);
const baseUsage = process.memoryUsage();
t = performance.now();
const id = await createImport(admin, 'workforce', j.id, upload);
await runImportJob(id, 'plan');
const previewed = performance.now() - t;
await acceptImport(admin, id);
await runImportJob(id, 'commit');
const took = performance.now() - t;
clearInterval(timer);
const job = await importJob(admin, id);
const workers = await db.workerProfile.count({ where: { jurisdictionId: j.id } });
console.log(
	`workforce import of ${N.toLocaleString()} workers (one job, ${(upload.size / 2 ** 20).toFixed(1)} MiB): ` +
		`${job.status}, ${workers.toLocaleString()} written; preview ${(previewed / 1000).toFixed(1)} s, total ${(took / 1000).toFixed(1)} s; ` +
		`RSS ${(base / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB\n` +
		`  at the peak (MiB, before → peak): heap used ${mib(baseUsage.heapUsed)} → ${mib(atPeak.heapUsed)}, heap total ${mib(baseUsage.heapTotal)} → ${mib(atPeak.heapTotal)}, ` +
		`external ${mib(baseUsage.external)} → ${mib(atPeak.external)} (array buffers ${mib(baseUsage.arrayBuffers)} → ${mib(atPeak.arrayBuffers)})\n` +
		`  floor (COPY of the same file into a scratch table): ${(floor / 1000).toFixed(1)} s → ratio ${(took / floor).toFixed(1)}× (target ≤ 10×)\n` +
		`  the database alone writing the same rows (INSERT … SELECT into the worker tables): ${(written / 1000).toFixed(1)} s → ratio ${(took / written).toFixed(1)}×`
);
await cleanUp();
await db.$disconnect();
process.exit(job.status === 'done' && workers === N ? 0 : 1);
