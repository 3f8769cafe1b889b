// `npm run seed:national -- --workers 200000`: a deterministic synthetic national jurisdiction ("NAT") for scale
// tests and `npm run bench`: 1,000 wards with child populations, W worker profiles, W/2 licences (each holder with an
// account and a licence cycle), 20 CPD entries per licensed worker (four of them module completions, each with its
// passed assessment attempt and competency evidence; one in five also failed a first attempt), certificates with
// the five-day course's training events, cohorts and registers, W/100 practicum placements with 100 hours entries
// each, W/20 supervision assignments with one session each. Rows are generated inside PostgreSQL
// (generate_series, md5-derived ids and values), so the same arguments always give the same data. Later issues
// extend it. --fresh removes an earlier run first.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { newVerificationCode } from '../src/lib/server/certificates/code.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { loadContent } from '../src/lib/server/content/load.ts';

const { values } = parseArgs({
	options: { workers: { type: 'string', default: '200000' }, fresh: { type: 'boolean', default: false } }
});
const W = Number(values.workers);
const L = Math.floor(W / 2);
const PER = 20;
if (!Number.isInteger(W) || W < 10 || W > 5_000_000)
	throw new Error('--workers must be a whole number from 10 to 5,000,000');

if (!process.env.DATABASE_URL) {
	const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
	const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
	process.env.DATABASE_URL = p.url;
	process.on('exit', () => void p.stop());
	const { applyMigrations } = await import('./migrate.ts');
	await applyMigrations(p.url);
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const started = performance.now();
const step = async (label: string, sql: string, params: unknown[] = []) => {
	const t = performance.now();
	const r = await client.query(sql, params);
	console.log(
		`  ${label.padEnd(40)} ${String(r.rowCount ?? '').padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`
	);
};
const uuid = (kind: string, expr: string) => `md5('${kind}-' || ${expr})::uuid`;
const J = `md5('nat-jurisdiction')::uuid`;
const modules = loadContent().content.modules.filter((m) => !m.draft);
const CHUNK = 250_000;

/** Programmes and 1.5 certificates per worker (three per licensed worker, who has an account). */
async function seedCertificates(L: number) {
	// certificate programmes of the two accredited providers: strict + aggregate scope, aggregate only, and one that
	// is not recognised; three certificates per licensed worker (300,000 for 200,000 workers), some expired or revoked.
	// The five-day course's supporting partner is UNICEF, an NGO of the register (here, as certificates may be added
	// to a jurisdiction seeded before they existed)
	await step(
		'supporting partner',
		`insert into organisations (id, slug, code, name, type, jurisdiction_id)
		values (${uuid('org', '8')}, 'nat-org-8', 'nat-unicef', 'UNICEF', 'NGO', ${J}) on conflict do nothing`
	);
	await step(
		'programmes',
		`insert into programmes (id, jurisdiction_id, provider_id, code, title, competencies, requires_event, validity_months, child_victims, child_protection,
			supporting_partner_id, government_recognised, approved_provider, recognition_reference, recognition_date, recognition_status, created_by_id, updated_at)
		values (${uuid('programme', '1')}, ${J}, ${uuid('org', '3')}, 'NAT-CP5', 'Child protection in-service course (five days)', '{}', true, 12, true, true, ${uuid('org', '8')}, true, true, 'NAT/CP/1', '2024-01-01', 'CONFIRMED', ${uuid('user', '1')}, now()),
			(${uuid('programme', '2')}, ${J}, ${uuid('org', '4')}, 'NAT-CPS', 'Child-protection services certificate', '{}', false, null, false, true, null, false, true, 'NAT/ACC/2', '2024-01-01', 'CONFIRMED', ${uuid('user', '1')}, now()),
			(${uuid('programme', '3')}, ${J}, ${uuid('org', '5')}, 'NAT-GEN', 'General orientation (not recognised)', '{}', false, 24, false, true, null, false, false, null, null, 'NONE', ${uuid('user', '1')}, now())`
	);
	await step(
		'programme modules',
		`insert into programme_modules (programme_id, module_id, min_score, position) values (${uuid('programme', '2')}, '${modules[0].id}', 80, 0), (${uuid('programme', '3')}, '${modules[1].id}', 70, 0)`
	);
	// the five-day course (NAT-CP5) is delivered in person: one event per issue day, each with its cohort (the holders
	// of that day's certificates) and a register of five days; one in 37 missed day 3 and has a make-up recorded
	const E = 1000; // issue days are spread over 1,000 days
	await step(
		'training events',
		`insert into training_events (id, programme_id, jurisdiction_id, title, mode, venue, starts_on, ends_on, session_days, facilitators, created_by_id)
		select ${uuid('event', 'd')}, ${uuid('programme', '1')}, ${J}, 'Child protection in-service course, cohort ' || d, 'IN_PERSON', 'Training centre ' || (d % 10 + 1),
			date '2024-01-01' + d - 5, date '2024-01-01' + d - 1,
			array(select date '2024-01-01' + d - 5 + k from generate_series(0, 4) k), array['Facilitator ' || (d % 20 + 1)], ${uuid('user', '1')}
		from generate_series(0, ${E - 1}) d`
	);
	await step(
		'event participants',
		`insert into event_participants (event_id, worker_id)
		select ${uuid('event', `(j % ${E})`)}, ${uuid('worker', 'j')} from generate_series(1, ${L}) j`
	);
	await step(
		'attendance register',
		`insert into attendance_marks (event_id, worker_id, day, present, make_up, note, recorded_by_id)
		select ${uuid('event', `(j % ${E})`)}, ${uuid('worker', 'j')}, date '2024-01-01' + (j % ${E}) - 5 + k, not (j % 37 = 0 and k = 2), j % 37 = 0 and k = 2,
			case when j % 37 = 0 and k = 2 then 'Make-up session attended' end, ${uuid('user', '1')}
		from generate_series(1, ${L}) j, generate_series(0, 4) k`
	);
	const C = L * 3;
	// bulk load: the per-statement trigger that keeps each worker's indicator spans is paused, and the spans of every
	// worker with a certificate are computed once afterwards (the same function the trigger calls)
	await client.query('alter table certificates disable trigger certificates_spans_insert');
	for (let from = 1; from <= C; from += CHUNK) {
		const to = Math.min(C, from + CHUNK - 1);
		const codes = Array.from({ length: to - from + 1 }, () => newVerificationCode());
		await step(
			`certificates ${from.toLocaleString()}–${to.toLocaleString()}`,
			`insert into certificates (id, jurisdiction_id, programme_id, user_id, worker_id, holder_name, sequence, code, issued_at, issued_on, expires_on, revoked_at, revoke_reason, competencies, evidence, event_id)
			select ${uuid('certificate', 'j')}, ${J}, ${uuid('programme', `(((j - 1) / ${L}) % 3 + 1)`)}, ${uuid('user', `(((j - 1) % ${L}) + 1)`)}, ${uuid('worker', `(((j - 1) % ${L}) + 1)`)},
				'Worker No ' || (((j - 1) % ${L}) + 1), ((j - 1) / (${L} * 3)) + 1, c.code, timestamp '2024-01-01 12:00' + ((j % 1000) || ' days')::interval, date '2024-01-01' + (j % 1000),
				case when ((j - 1) / ${L}) % 3 = 0 then date '2024-01-01' + (j % 1000) + 364 when ((j - 1) / ${L}) % 3 = 2 then date '2024-01-01' + (j % 1000) + 729 end,
				case when j % 101 = 0 then timestamp '2026-06-01 09:00' end, case when j % 101 = 0 then 'Synthetic revocation' end, '{}', '{}',
				case when ((j - 1) / ${L}) % 3 = 0 and j <= ${L} then ${uuid('event', `(j % ${E})`)} end
			from unnest($1::text[]) with ordinality as c(code, n), lateral (select ${from - 1} + c.n::int as j) x`,
			[codes]
		);
	}
	await client.query('alter table certificates enable trigger certificates_spans_insert');
	await step('analyse certificates', 'analyze certificates, programmes');
	await step(
		'indicator spans of certified workers',
		`select refresh_worker_spans(array(select distinct worker_id from certificates where jurisdiction_id = ${J} and worker_id is not null))`
	);
}

const existing = await client.query(`select id from jurisdictions where code = 'NAT'`);
if (existing.rowCount) {
	if (!values.fresh) {
		// data seeded before certificates existed: add them, nothing else
		const certs = await client.query(`select 1 from certificates where jurisdiction_id = $1 limit 1`, [
			existing.rows[0].id
		]);
		if (!certs.rowCount) {
			console.log('Adding certificate programmes and certificates to the existing national data…');
			const users = await client.query(`select count(*)::int as n from users where email like '%@national.credo.test'`);
			await seedCertificates(users.rows[0].n);
			await step('analyse', 'analyze');
			await client.end();
			process.exit(0);
		}
		console.log('The national jurisdiction (NAT) is already seeded. Use --fresh to rebuild it.');
		process.exit(0);
	}
	console.log('Removing the previous national data…');
	const j = existing.rows[0].id;
	for (const sql of [
		`delete from certificates where jurisdiction_id = $1`,
		`delete from training_events where jurisdiction_id = $1`,
		`delete from programmes where jurisdiction_id = $1`,
		`delete from issuer_keys where organisation_id in (select id from organisations where jurisdiction_id = $1)`,
		`delete from session_attendees where session_id in (select id from supervision_sessions where jurisdiction_id = $1)`,
		`delete from supervision_sessions where jurisdiction_id = $1`,
		`delete from supervision_assignments where jurisdiction_id = $1`,
		`delete from practicum_logs where jurisdiction_id = $1`,
		`delete from placements where jurisdiction_id = $1`,
		`delete from field_agreements where jurisdiction_id = $1`,
		`delete from practicum_settings where organisation_id in (select id from organisations where jurisdiction_id = $1)`,
		`delete from practicum_settings_versions where organisation_id in (select id from organisations where jurisdiction_id = $1)`,
		`delete from supervision_settings_versions where jurisdiction_id = $1`,
		`delete from cpd_entries where jurisdiction_id = $1`,
		`delete from competency_evidence where jurisdiction_id = $1`,
		`delete from module_completions where jurisdiction_id = $1`,
		`delete from assessment_attempts where jurisdiction_id = $1`,
		`delete from licence_cycles where jurisdiction_id = $1`,
		`delete from licences where jurisdiction_id = $1`,
		`delete from worker_identifiers where jurisdiction_id = $1`,
		`delete from worker_profiles where jurisdiction_id = $1`,
		// memberships before users: memberships.granted_by_id (set null on delete) has no index, so deleting a user
		// while 100,000 memberships remain scans them once per user
		`delete from memberships where jurisdiction_id = $1 or organisation_id in (select id from organisations where jurisdiction_id = $1)`,
		`delete from users where email like '%@national.credo.test'`,
		`delete from provider_accreditations where jurisdiction_id = $1`,
		`delete from module_accreditations where jurisdiction_id = $1`,
		`delete from renewal_rules where jurisdiction_id = $1`,
		`delete from organisations where jurisdiction_id = $1`,
		`delete from area_populations where jurisdiction_id = $1`,
		`delete from area_levels where jurisdiction_id = $1`,
		`update admin_areas set parent_id = null where jurisdiction_id = $1`,
		`delete from admin_areas where jurisdiction_id = $1`,
		`delete from jurisdictions where id = $1`
	])
		await step(
			sql
				.replace(/^delete from /, 'removed ')
				.replace(/ where .*/s, '')
				.slice(0, 40),
			sql,
			sql.includes('$1') ? [j] : []
		);
}

console.log(
	`Seeding the national jurisdiction: ${W.toLocaleString()} workers, ${L.toLocaleString()} licences, ${(L * PER).toLocaleString()} CPD entries`
);
await step(
	'jurisdiction',
	`insert into jurisdictions (id, code, name, time_zone) values (${J}, 'NAT', 'National Synthetic Republic', 'Africa/Lagos')`
);
await step(
	'area levels',
	`insert into area_levels (jurisdiction_id, depth, name) values (${J}, 0, 'Region'), (${J}, 1, 'District'), (${J}, 2, 'Ward')`
);
await step(
	'regions',
	`insert into admin_areas (id, jurisdiction_id, depth, code, name)
	select ${uuid('region', 'r')}, ${J}, 0, 'R' || r, 'Region ' || r from generate_series(1, 10) r`
);
await step(
	'districts',
	`insert into admin_areas (id, jurisdiction_id, parent_id, depth, code, name)
	select ${uuid('district', 'd')}, ${J}, ${uuid('region', '((d - 1) / 10 + 1)')}, 1, 'D' || d, 'District ' || d from generate_series(1, 100) d`
);
await step(
	'wards',
	`insert into admin_areas (id, jurisdiction_id, parent_id, depth, code, name)
	select ${uuid('ward', 'w')}, ${J}, ${uuid('district', '((w - 1) / 10 + 1)')}, 2, 'W' || w, 'Ward ' || w from generate_series(1, 1000) w`
);
await step(
	'ward populations',
	`insert into area_populations (id, area_id, jurisdiction_id, year, population, source)
	select gen_random_uuid(), ${uuid('ward', 'w')}, ${J}, 2026, 5000 + (('x' || substr(md5('pop' || w), 1, 6))::bit(24)::int % 20000), 'Synthetic'
	from generate_series(1, 1000) w`
);
await step(
	'organisations',
	`insert into organisations (id, slug, code, name, type, jurisdiction_id)
	select ${uuid('org', 'o')}, 'nat-org-' || o, 'nat-org-' || o, (array['National Council of Social Service','Ministry of Social Welfare','Provider One','Provider Two','Provider Three','National University'])[o],
		(array['REGULATOR','MINISTRY','TRAINING_PROVIDER','TRAINING_PROVIDER','TRAINING_PROVIDER','UNIVERSITY'])[o]::"OrganisationType", ${J} from generate_series(1, 6) o`
);
await step(
	'provider accreditations',
	`insert into provider_accreditations (id, jurisdiction_id, organisation_id, accredited_on)
	select ${uuid('pacc', 'o')}, ${J}, ${uuid('org', 'o')}, '2025-01-01' from generate_series(3, 4) o`
);
for (const [i, m] of modules.entries()) {
	await client.query(
		`insert into module_accreditations (id, jurisdiction_id, module_id, credits, category, accredited_on) values (md5('macc-' || $1)::uuid, ${J}, $2, $3, $4, '2025-01-01')`,
		[i, m.id, m.credits, m.creditCategory]
	);
}
await step(
	'renewal rule',
	`insert into renewal_rules (id, jurisdiction_id, version, cycle_months, total_credits, category_minimums, category_caps, activity_caps, activity_rates, self_reported_counts, grace_days, pro_rate_first_cycle, leave_reduces_pro_rata, module_repeat_counts)
	values (md5('nat-rule')::uuid, ${J}, 1, 12, 20, '{"ethics": 2, "child-protection": 4}', '{}', '{"self-study": 0.5}', '{"in-person": 1, "self-study": 0.5, "supervision-received": 0.5}', true, 60, true, true, false)`
);
const hash = await hashPassword('credo-demo-2026');
await step(
	'users (licensed workers)',
	`insert into users (id, email, name, password_hash, email_verified_at, created_at)
	select ${uuid('user', 'i')}, 'worker' || i || '@national.credo.test', 'Worker ' || i, $1, now(), now() from generate_series(1, ${L}) i`,
	[hash]
);
await step(
	'worker profiles',
	`insert into worker_profiles (id, jurisdiction_id, area_id, organisation_id, user_id, given_name, family_name, email, cadre, sector, paid, sex, education_level,
		cp_from, employment_start, primary_track, updated_at)
	select ${uuid('worker', 'i')}, ${J}, ${uuid('ward', '((i % 1000) + 1)')}, ${uuid('org', '2')}, case when i <= ${L} then ${uuid('user', 'i')} end,
		'Worker', 'No ' || i, case when i <= ${L} then 'worker' || i || '@national.credo.test' end,
		(array['PROF_SW','PROF_OTHER','PARA_PROF','VOLUNTEER','AUXILIARY','CYCW','ALLIED','SUPERVISOR','MANAGER','EDUCATOR','RESEARCHER','STUDENT'])[(i % 12) + 1]::"Cadre",
		(case when i % 3 = 0 then 'NON_GOVERNMENTAL' else 'GOVERNMENTAL' end)::"Sector", i % 7 <> 0, (case when i % 2 = 0 then 'FEMALE' else 'MALE' end)::"Sex",
		(array['SECONDARY','CERTIFICATE','DIPLOMA','BACHELOR','MASTER'])[(i % 5) + 1]::"EducationLevel", case when i % 4 <> 3 then date '2010-01-01' + (i % 5000) end, date '2010-01-01' + (i % 5000),
		(array['core','justice','care-reform','para-professional'])[(i % 4) + 1], now()
	from generate_series(1, ${W}) i`
);
await step(
	'national worker ids',
	`insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value)
	select ${uuid('nwid', 'i')}, ${uuid('worker', 'i')}, ${J}, 'NATIONAL_WORKER_ID', 'NAT-W-' || lpad(i::text, 7, '0') from generate_series(1, ${W}) i`
);
await step(
	'learner memberships',
	`insert into memberships (id, user_id, role, jurisdiction_id, scope_key)
	select ${uuid('mem', 'i')}, ${uuid('user', 'i')}, 'LEARNER', ${J}, 'jur:' || ${J} from generate_series(1, ${L}) i`
);
await step(
	'licences',
	`insert into licences (id, jurisdiction_id, number, worker_profile_id, holder_name, cadre, status, issued_on)
	select ${uuid('licence', 'i')}, ${J}, 'NAT-' || lpad(i::text, 7, '0'), ${uuid('worker', 'i')}, 'Worker No ' || i, 'PROF_SW',
		(case when i % 50 = 0 then 'LAPSED' when i % 97 = 0 then 'SUSPENDED' else 'ACTIVE' end)::"LicenceStatus", date '2015-01-01' + (i % 3000)
	from generate_series(1, ${L}) i`
);
// the triggers that keep each worker's indicator spans look rows up through indexes; statistics on the freshly
// filled tables let the planner see that (without them each bulk insert below took minutes instead of seconds)
await step('analyse', 'analyze');
await step(
	'licence cycles',
	`insert into licence_cycles (id, licence_id, jurisdiction_id, rule_id, starts_on, ends_on, outcome)
	select ${uuid('cycle', 'i')}, ${uuid('licence', 'i')}, ${J}, md5('nat-rule')::uuid, date '2025-12-01' + (i % 365), date '2025-12-01' + (i % 365) + interval '1 year' - interval '1 day', 'OPEN'
	from generate_series(1, ${L}) i`
);
const moduleList = `array[${modules
	.slice(0, 4)
	.map((m) => `'${m.id}'`)
	.join(',')}]`;
// the exact versions those completions were taken against (the app creates the same rows on first use)
for (const m of modules.slice(0, 4)) {
	await client.query(
		`insert into module_versions (id, module_id, version, content_hash, title, track, level, competencies, credits, credit_category, provider_slug, pass_mark)
		values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (content_hash) do nothing`,
		[
			m.id,
			m.version,
			m.hash,
			m.title,
			m.track,
			m.level,
			m.competencies,
			m.credits,
			m.creditCategory,
			m.provider,
			m.assessment.passMark
		]
	);
}
const versionList = `array[${modules
	.slice(0, 4)
	.map((m) => `(select id from module_versions where content_hash = '${m.hash}')`)
	.join(',')}]`;
const questionIds = (m: (typeof modules)[number]) =>
	`array[${m.assessment.questions
		.slice(0, 5)
		.map((q) => `'${q.id}'`)
		.join(',')}]::text[]`;
const questionList = `array[${modules
	.slice(0, 4)
	.map((m) => `array_to_string(${questionIds(m)}, ',')`)
	.join(',')}]`;
// every licensed worker passed the four modules behind their module CPD entries (one passed attempt and one
// completion each); one in five failed a first attempt at the first module
for (let from = 1; from <= L * 4; from += CHUNK) {
	const to = Math.min(L * 4, from + CHUNK - 1);
	await step(
		`assessment attempts ${from.toLocaleString()}–${to.toLocaleString()}`,
		`insert into assessment_attempts (id, user_id, module_id, module_version_id, jurisdiction_id, question_ids, answers, score, passed, started_at, submitted_at)
		select ${uuid('attempt', 'j')}, ${uuid('user', `(((j - 1) % ${L}) + 1)`)}, (${moduleList})[((j - 1) / ${L}) + 1], (${versionList})[((j - 1) / ${L}) + 1], ${J},
			string_to_array((${questionList})[((j - 1) / ${L}) + 1], ','), '{}'::jsonb, 80 + (j % 21), true,
			timestamp '2025-06-01 09:00' + (j % 540 || ' days')::interval, timestamp '2025-06-01 09:25' + (j % 540 || ' days')::interval
		from generate_series(${from}, ${to}) j`
	);
}
await step(
	'failed first attempts',
	`insert into assessment_attempts (id, user_id, module_id, module_version_id, jurisdiction_id, question_ids, answers, score, passed, started_at, submitted_at)
	select ${uuid('attempt-failed', 'i')}, ${uuid('user', 'i')}, (${moduleList})[1], (${versionList})[1], ${J}, string_to_array((${questionList})[1], ','), '{}'::jsonb, 40 + (i % 30), false,
		timestamp '2025-05-01 09:00' + (i % 30 || ' days')::interval, timestamp '2025-05-01 09:20' + (i % 30 || ' days')::interval
	from generate_series(5, ${L}, 5) i`
);
for (let from = 1; from <= L * 4; from += CHUNK) {
	const to = Math.min(L * 4, from + CHUNK - 1);
	await step(
		`module completions ${from.toLocaleString()}–${to.toLocaleString()}`,
		`insert into module_completions (id, user_id, module_id, module_version_id, attempt_id, jurisdiction_id, score, completed_at)
		select ${uuid('completion', 'j')}, ${uuid('user', `(((j - 1) % ${L}) + 1)`)}, (${moduleList})[((j - 1) / ${L}) + 1], (${versionList})[((j - 1) / ${L}) + 1], ${uuid('attempt', 'j')}, ${J},
			80 + (j % 21), timestamp '2025-06-01 09:25' + (j % 540 || ' days')::interval
		from generate_series(${from}, ${to}) j`
	);
}
// as a completion does in the app: one evidence row per competency the module teaches, at the module's level
const taught = modules
	.slice(0, 4)
	.flatMap((m, k) => m.competencies.map((c) => `(${k + 1}, '${c}', '${m.level}')`))
	.join(', ');
await step(
	'competency evidence (from completions)',
	`insert into competency_evidence (id, user_id, jurisdiction_id, competency_id, level, source, source_id, completion_id, created_at)
	select ${uuid('evidence', "j || '-' || t.competency")}, ${uuid('user', `(((j - 1) % ${L}) + 1)`)}, ${J}, t.competency, t.level,
		'MODULE_COMPLETION', ${uuid('completion', 'j')}::text, ${uuid('completion', 'j')}, timestamp '2025-06-01 09:25' + (j % 540 || ' days')::interval
	from generate_series(1, ${L * 4}) j join (values ${taught}) t(module, competency, level) on t.module = ((j - 1) / ${L}) + 1`
);
for (let from = 1; from <= L * PER; from += CHUNK) {
	const to = Math.min(L * PER, from + CHUNK - 1);
	await step(
		`cpd entries ${from.toLocaleString()}–${to.toLocaleString()}`,
		`insert into cpd_entries (id, user_id, jurisdiction_id, source, status, module_id, completion_id, title, provider_org_id, activity_date, credits, category, activity_type, hours, updated_at)
		select ${uuid('cpd', 'j')}, ${uuid('user', '(((j - 1) % ' + L + ') + 1)')}, ${J},
			(case when (j - 1) / ${L} < 4 then 'MODULE' else 'EXTERNAL' end)::"CpdSource",
			(case when (j - 1) / ${L} < 4 then 'RECORDED' when j % 11 = 0 then 'PENDING' when j % 13 = 0 then 'REJECTED' else 'APPROVED' end)::"CpdStatus",
			case when (j - 1) / ${L} < 4 then (${moduleList})[((j - 1) / ${L}) + 1] end, case when (j - 1) / ${L} < 4 then ${uuid('completion', 'j')} end,
			'Activity ' || j, case when (j - 1) / ${L} >= 4 then ${uuid('org', '(3 + j % 3)')} end,
			date '2025-06-01' + (j % 540), 0.5 + (j % 6) * 0.5, (array['ethics','child-protection','practice','supervision','practice'])[(j % 5) + 1],
			case when (j - 1) / ${L} < 4 then 'e-learning' when j % 5 = 4 then 'self-study' else 'in-person' end,
			case when (j - 1) / ${L} >= 4 then 1 + (j % 6) end, now()
		from generate_series(${from}, ${to}) j`
	);
}
// ── practicum and supervision ───────────────────────────────────────────────────────────────────────────────────
const P = Math.max(10, Math.floor(W / 100)); // placements (2,000 for 200,000 workers), 100 hours entries each
const A = Math.min(L, Math.floor(W / 20)); // supervision assignments (10,000), one confirmed session each
const SUP = Math.max(2, Math.floor(A / 7)); // supervisors: about 7 supervisees each
await step(
	'agency',
	`insert into organisations (id, slug, code, name, type, jurisdiction_id) values (${uuid('org', '7')}, 'nat-org-7', 'nat-org-7', 'National Child Welfare Association', 'NGO', ${J})`
);
await step(
	'practicum agreement',
	`insert into field_agreements (id, university_id, agency_id, jurisdiction_id, reference, starts_on, ends_on, created_by_id)
	values (md5('nat-agreement')::uuid, ${uuid('org', '6')}, ${uuid('org', '7')}, ${J}, 'NAT-FPA-1', '2026-01-01', '2026-12-31', ${uuid('user', '1')})`
);
await step(
	'placements',
	`insert into placements (id, agreement_id, university_id, agency_id, jurisdiction_id, student_id, supervisor_id, starts_on, ends_on, required_hours, status, competencies,
		student_signed_at, supervisor_signed_at, coordinator_signed_at, created_by_id)
	select ${uuid('placement', 'i')}, md5('nat-agreement')::uuid, ${uuid('org', '6')}, ${uuid('org', '7')}, ${J}, ${uuid('user', 'i')}, ${uuid('user', `(${L} - (i % 200))`)},
		'2026-02-01', '2026-11-30', 400, 'ACTIVE', array['CORE.CASE_MANAGEMENT'], now(), now(), now(), ${uuid('user', '1')}
	from generate_series(1, ${P}) i`
);
await step(
	'practicum hours',
	`insert into practicum_logs (id, placement_id, jurisdiction_id, date, hours, activity, competencies, status, decided_at, updated_at)
	select ${uuid('hours', 'j')}, ${uuid('placement', `(((j - 1) % ${P}) + 1)`)}, ${J}, date '2026-02-01' + ((j - 1) / ${P}), 1 + (j % 8) * 0.5, 'Field work ' || j, array['CORE.CASE_MANAGEMENT'],
		(case when j % 10 = 0 then 'PENDING' when j % 23 = 0 then 'REJECTED' else 'APPROVED' end)::"HoursStatus", case when j % 10 <> 0 then now() end, now()
	from generate_series(1, ${P * 100}) j`
);
await step(
	'supervision assignments',
	`insert into supervision_assignments (id, supervisor_id, supervisee_id, organisation_id, jurisdiction_id, starts_on, warnings, created_by_id)
	select ${uuid('assignment', 'i')}, ${uuid('user', `(${L} - 200 - (i % ${SUP}))`)}, ${uuid('user', `(${P} + i)`)}, ${uuid('org', '2')}, ${J}, '2026-01-01', '{}', ${uuid('user', '1')}
	from generate_series(1, ${A}) i`
);
await step(
	'supervision sessions',
	`insert into supervision_sessions (id, supervisor_id, jurisdiction_id, date, minutes, format, functions, updated_at)
	select ${uuid('session', 'i')}, ${uuid('user', `(${L} - 200 - (i % ${SUP}))`)}, ${J}, date '2026-06-01' + (i % 150), 60, 'INDIVIDUAL', array['educational','supportive'], now()
	from generate_series(1, ${A}) i`
);
await step(
	'session attendance',
	`insert into session_attendees (session_id, supervisee_id, status, responded_at)
	select ${uuid('session', 'i')}, ${uuid('user', `(${P} + i)`)}, (case when i % 17 = 0 then 'DISPUTED' else 'CONFIRMED' end)::"AttendanceStatus", now() from generate_series(1, ${A}) i`
);
await seedCertificates(L);
await step('analyse', 'analyze');
await client.end();
console.log(`National seed done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
process.exit(0);
