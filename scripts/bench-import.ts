// `npm run bench` (this part alone: `tsx scripts/bench-import.ts [rows]`): the workforce import of 200,000 new workers
// as one job — read, checked, previewed, confirmed and committed exactly as the job worker does it — against a floor
// measured in the same run: PostgreSQL's COPY of the same file into a scratch table of the same columns. Run in its
// own process, so the peak RSS printed is the import's (target: ≤ 300 MB; time ratio target: ≤ 10×).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const N = Number(process.argv[2] ?? 200_000);
if (!process.env.DATABASE_URL) {
	const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
	const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
	process.env.DATABASE_URL = p.url;
}
const { db } = await import('../src/lib/server/db.ts');
const { acceptImport, createImport, importJob, runImportJob } = await import('../src/lib/server/imports/run.ts');
await import('../src/lib/server/imports/kinds.ts');
const { sessionUserOf } = await import('../tests/helpers/db.ts');

const CODE = 'BENCH-IMPORT';
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
const areas = Array.from({ length: 100 }, (_, i) => `BA-${i}`);
await db.adminArea.createMany({
	data: areas.map((code) => ({ jurisdictionId: j.id, code, name: code })),
	skipDuplicates: true
});
await db.organisation.upsert({
	where: { slug: 'bench-import-org' },
	update: {},
	create: { jurisdictionId: j.id, code: 'BORG', slug: 'bench-import-org', name: 'Bench org', type: 'NGO' }
});

const header =
	'national_worker_id,licence_number,given_name,family_name,email,sex,cadre,sector,paid,education_level,employment_start,employment_end,cp_from,cp_to,area_code,organisation_code,primary_track';
const cadres = ['PROF_SW', 'PARA_PROF', 'CYCW', 'VOLUNTEER'];
const lines = [header];
for (let i = 1; i <= N; i++) {
	const start = `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-01`;
	lines.push(
		`BI-${i},BL-${i},Given${i},Family${i},w${i}@bench.example,${i % 2 ? 'MALE' : 'FEMALE'},${cadres[i % 4]},GOVERNMENTAL,yes,BACHELOR,${start},,${i % 4 ? start : ''},,${areas[i % 100]},BORG,core`
	);
}
const text = lines.join('\n');
lines.length = 0;
const file = path.join(os.tmpdir(), `credo-bench-import-${process.pid}.csv`);
fs.writeFileSync(file, text);
fs.chmodSync(file, 0o644);

// the floor: COPY of the same file into a scratch table with the same columns, by the database server itself
await db.$executeRawUnsafe(`drop table if exists bench_import_floor`);
await db.$executeRawUnsafe(
	`create unlogged table bench_import_floor (${header
		.split(',')
		.map((c) => `${c} text`)
		.join(', ')})`
);
let t = performance.now();
await db.$executeRawUnsafe(`copy bench_import_floor from '${file}' with (format csv, header true)`);
const floor = performance.now() - t;
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
global.gc?.();
const base = process.memoryUsage().rss;
let peak = base;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
t = performance.now();
const id = await createImport(admin, 'workforce', j.id, text);
await runImportJob(id, 'plan');
const previewed = performance.now() - t;
await acceptImport(admin, id);
await runImportJob(id, 'commit');
const took = performance.now() - t;
clearInterval(timer);
const job = await importJob(admin, id);
const workers = await db.workerProfile.count({ where: { jurisdictionId: j.id } });
console.log(
	`workforce import of ${N.toLocaleString()} workers (one job, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB): ` +
		`${job.status}, ${workers.toLocaleString()} written; preview ${(previewed / 1000).toFixed(1)} s, total ${(took / 1000).toFixed(1)} s; ` +
		`RSS ${(base / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB\n` +
		`  floor (COPY of the same file into a scratch table): ${(floor / 1000).toFixed(1)} s → ratio ${(took / floor).toFixed(1)}×`
);
fs.rmSync(file, { force: true });
await cleanUp();
await db.$disconnect();
process.exit(job.status === 'done' && workers === N ? 0 : 1);
