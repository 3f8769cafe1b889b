// `npx tsx scripts/export-memory.ts [--licences 100000] [--page 100]` on DATABASE_URL: how much the compliance CSV
// export (what /regulator/export.csv streams) adds to a process's memory, measured on the export function itself so
// it runs without a build. It re-runs itself under the heap flags `npm start` uses, seeds (once, deterministically,
// with generate_series) a jurisdiction "MEM" of N licences shaped like the national seed's — each holder with an
// account, a worker profile, a licence cycle and 20 CPD entries — then reads the whole export as a fast client would
// and reports the RSS before, the peak during and the peak V8 heap. Target: ≤ 50 MiB added.
// `--jurisdiction NAT` measures an existing jurisdiction instead (the `npm run seed:national` data), seeding nothing;
// `--export register` measures the worker register's CSV (/workers.csv, no filter) instead of the compliance one.
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS } from './lib/bench-floor.ts';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CsvTable } from '../src/lib/server/csv/writer.ts';
import type { SessionUser } from '../src/lib/server/auth/session.ts';

const FLAGS = [...SERVER_NODE_FLAGS, '--expose-gc'];
if (!process.env.EXPORT_MEMORY_CHILD) {
	const r = spawnSync(process.execPath, [...FLAGS, '--import', 'tsx', ...process.argv.slice(1)], {
		stdio: 'inherit',
		env: { ...process.env, EXPORT_MEMORY_CHILD: '1' }
	});
	process.exit(r.status ?? 1);
}

const { values } = parseArgs({
	options: {
		licences: { type: 'string', default: '100000' },
		page: { type: 'string' }, // rows per page: the export's own by default
		jurisdiction: { type: 'string', default: 'MEM' },
		export: { type: 'string', default: 'compliance' }
	}
});
const L = Number(values.licences);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (eval "$(helper-db <name>)")');

const J = `md5('mem-jurisdiction')::uuid`;
const id = (kind: string, expr: string) => `md5('mem-${kind}-' || ${expr})::uuid`;
const client = new pg.Client({ connectionString: url });
await client.connect();
const have = await client.query(`select count(*)::int as n from licences where jurisdiction_id = ${J}`);
if (values.jurisdiction === 'MEM' && have.rows[0].n !== L) {
	const t = performance.now();
	const { loadContent } = await import('../src/lib/server/content/load.ts');
	const modules = loadContent().content.modules.filter((m) => !m.draft);
	await client.query(`delete from cpd_entries where jurisdiction_id = ${J}`);
	await client.query(`delete from licence_cycles where jurisdiction_id = ${J}`);
	await client.query(`delete from licences where jurisdiction_id = ${J}`);
	await client.query(`delete from worker_profiles where jurisdiction_id = ${J}`);
	await client.query(`delete from users where email like '%@mem.credo.test'`);
	await client.query(`delete from module_accreditations where jurisdiction_id = ${J}`);
	await client.query(`delete from provider_accreditations where jurisdiction_id = ${J}`);
	await client.query(`delete from renewal_rules where jurisdiction_id = ${J}`);
	await client.query(`delete from organisations where jurisdiction_id = ${J}`);
	await client.query(`delete from jurisdictions where id = ${J}`);
	await client.query(
		`insert into jurisdictions (id, code, name, time_zone) values (${J}, 'MEM', 'Memory Test Republic', 'Africa/Lagos')`
	);
	await client.query(`insert into organisations (id, slug, code, name, type, jurisdiction_id)
		select ${id('org', 'o')}, 'mem-org-' || o, 'mem-org-' || o, 'Provider ' || o, 'TRAINING_PROVIDER', ${J} from generate_series(1, 3) o`);
	await client.query(`insert into provider_accreditations (id, jurisdiction_id, organisation_id, accredited_on)
		select ${id('pacc', 'o')}, ${J}, ${id('org', 'o')}, '2025-01-01' from generate_series(1, 2) o`);
	for (const [i, m] of modules.entries())
		await client.query(
			`insert into module_accreditations (id, jurisdiction_id, module_id, credits, category, accredited_on)
			values (md5('mem-macc-' || $1)::uuid, ${J}, $2, $3, $4, '2025-01-01')`,
			[i, m.id, m.credits, m.creditCategory]
		);
	await client.query(`insert into renewal_rules (id, jurisdiction_id, version, cycle_months, total_credits, category_minimums,
		category_caps, activity_caps, activity_rates, self_reported_counts, grace_days, pro_rate_first_cycle, leave_reduces_pro_rata,
		module_repeat_counts)
		values (md5('mem-rule')::uuid, ${J}, 1, 12, 20, '{"ethics": 2, "child-protection": 4}', '{}', '{"self-study": 0.5}',
			'{"in-person": 1, "self-study": 0.5}', true, 60, true, true, false)`);
	await client.query(`insert into users (id, email, name, password_hash, email_verified_at, created_at)
		select ${id('user', 'i')}, 'worker' || i || '@mem.credo.test', 'Worker ' || i, 'x', now(), now() from generate_series(1, ${L}) i`);
	await client.query(`insert into worker_profiles (id, jurisdiction_id, user_id, given_name, family_name, cadre, sector,
		cp_from, employment_start, updated_at)
		select ${id('worker', 'i')}, ${J}, ${id('user', 'i')}, 'Worker', 'No ' || i, 'PROF_SW', 'GOVERNMENTAL', '2015-01-01', '2015-01-01', now()
		from generate_series(1, ${L}) i`);
	await client.query(`insert into licences (id, jurisdiction_id, number, worker_profile_id, holder_name, cadre, status, issued_on)
		select ${id('licence', 'i')}, ${J}, 'MEM-' || lpad(i::text, 7, '0'), ${id('worker', 'i')}, 'Worker No ' || i, 'PROF_SW',
			(case when i % 50 = 0 then 'LAPSED' else 'ACTIVE' end)::"LicenceStatus", date '2015-01-01' + (i % 3000)
		from generate_series(1, ${L}) i`);
	await client.query('analyze');
	await client.query(`insert into licence_cycles (id, licence_id, jurisdiction_id, rule_id, starts_on, ends_on, outcome)
		select ${id('cycle', 'i')}, ${id('licence', 'i')}, ${J}, md5('mem-rule')::uuid, date '2025-12-01' + (i % 365),
			date '2025-12-01' + (i % 365) + interval '1 year' - interval '1 day', 'OPEN' from generate_series(1, ${L}) i`);
	await client.query(`insert into cpd_entries (id, user_id, jurisdiction_id, source, status, title, provider_org_id,
		activity_date, credits, category, activity_type, hours, updated_at)
		select ${id('cpd', 'j')}, ${id('user', `(((j - 1) % ${L}) + 1)`)}, ${J}, 'EXTERNAL',
			(case when j % 11 = 0 then 'PENDING' when j % 13 = 0 then 'REJECTED' else 'APPROVED' end)::"CpdStatus",
			'Activity ' || j, ${id('org', '(1 + j % 3)')}, date '2025-06-01' + (j % 540), 0.5 + (j % 6) * 0.5,
			(array['ethics','child-protection','practice','supervision','practice'])[(j % 5) + 1],
			case when j % 5 = 4 then 'self-study' else 'in-person' end, 1 + (j % 6), now()
		from generate_series(1, ${L * 20}) j`);
	await client.query('analyze');
	console.log(`seeded ${L.toLocaleString()} licences in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
await client.end();

const { db } = await import('../src/lib/server/db.ts');
const { complianceCsv, EXPORT_PAGE } = await import('../src/lib/server/licensing/export.ts');
const { registerCsv, REGISTER_PAGE } = await import('../src/lib/server/workforce/register-csv.ts');
const { csvStream } = await import('../src/lib/server/csv/writer.ts');
const jurisdiction = await db.jurisdiction.findUniqueOrThrow({ where: { code: values.jurisdiction } });
const register = values.export === 'register';
const count = register
	? `${(await db.workerProfile.count({ where: { jurisdictionId: jurisdiction.id } })).toLocaleString()} workers`
	: `${(await db.licence.count({ where: { jurisdictionId: jurisdiction.id } })).toLocaleString()} licences`;
// a global admin reads every register
const admin: SessionUser = {
	id: 'export-memory',
	email: 'export-memory@credo',
	name: 'Export memory',
	emailVerified: true,
	locale: 'en',
	memberships: [{ id: 'm', role: 'ADMIN', organisationId: null, jurisdictionId: null, orgJurisdictionId: null }]
};
const noFilter = { q: null, patterns: [], areaId: null, cadre: null, sector: null, organisationId: null };
const table = (take?: number) =>
	register ? registerCsv(admin, jurisdiction.id, noFilter, take) : complianceCsv([jurisdiction.id], new Date(), take);
const read = async (t: CsvTable, onChunk: (n: number) => void) => {
	const reader = csvStream(t).getReader();
	for (let r = await reader.read(); !r.done; r = await reader.read()) onChunk(r.value.byteLength);
};
// warm up: modules loaded, the client connected, the query planned (as in a server that has answered before)
const first = csvStream(table(50)).getReader();
await first.read();
await first.cancel();
globalThis.gc?.();
const { rss: base, heapUsed: heapBase } = process.memoryUsage();
let peak = base;
let heap = 0;
const sample = () => {
	const m = process.memoryUsage();
	peak = Math.max(peak, m.rss);
	heap = Math.max(heap, m.heapUsed);
};
const timer = setInterval(sample, 10);
const t = performance.now();
let bytes = 0;
let chunks = 0;
await read(table(values.page ? Number(values.page) : undefined), (n) => {
	bytes += n;
	chunks++;
	if (chunks % 64 === 0) sample();
});
clearInterval(timer);
console.log(
	`${values.export} export, ${jurisdiction.code}, ${count} (pages of ${values.page ?? (register ? REGISTER_PAGE : EXPORT_PAGE)}): ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
		`RSS ${(base / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - base) / 2 ** 20).toFixed(0)} MiB, target ≤ 50), ` +
		`heap used ${(heapBase / 2 ** 20).toFixed(0)} MiB before, peak ${(heap / 2 ** 20).toFixed(0)} MiB (node ${FLAGS.join(' ')})`
);
await db.$disconnect();
