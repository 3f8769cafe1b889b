// Property-based fuzzing of every form action and API endpoint (fast-check): generated inputs —
// wrong types, huge strings (up to 100 KB), Unicode edge cases (RTL, zero-width, combining marks, lone surrogates,
// NUL), negative and fractional numbers, impossible dates, missing, repeated and unknown fields, bodies that are not
// forms — posted as the demo accounts with real route parameters. Properties:
//   1. never a 5xx (and the server is still healthy at the end);
//   2. a refusal is a 4xx or a failure that carries a message (a field message, a form message or a problem list);
//   3. an input that is certainly invalid (a required field corrupted, an unknown reference, a stale version, a NUL in
//      a text field) is never accepted;
//   4. the domain tables are unchanged by every refused input: row counts and an md5 of every row of every domain
//      table, compared before and after each batch of refused inputs (a changed batch is replayed one input at a time
//      to name the input that changed something). Inputs that may legitimately be accepted are checked on their own.
// How many: `npm test` sends a sample, FUZZ_RUNS inputs (6 unless set) to every form action and 2 to every page (and 5
// times as many to each of the three API endpoints): each run of a property sends one input to EVERY target, so none
// is left out by chance, and the test fails unless every action, endpoint and page was reached. FUZZ_RUNS=full (run
// by `npm run test:scale`) sends more than 10,000 inputs drawn at random across the targets, weighted as below.
// The seed is fixed (FUZZ_SEED overrides it) and printed, with the failing input, when a property fails.
// This spec runs in its own Playwright project after the journeys (see playwright.config.ts): the table hash would
// otherwise see the journeys' own writes.
import { expect, request, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import fc from 'fast-check';
import { parse as devalue } from 'devalue';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { DEMO_PASSWORD, demo, query, readMail } from './helpers';
import { enumerateRoutes } from './routes';
import { addDays, fromDate } from '../../src/lib/calendar-day';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_707);
const FULL = process.env.FUZZ_RUNS === 'full';
/** Inputs per form action in the sample (npm test). */
const PER_TARGET = FULL ? 0 : Number(process.env.FUZZ_RUNS ?? 6);
/** FUZZ_SCALE=0.1 runs a tenth of the full run's inputs (while working on the fuzzer). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/**
 * What a property runs: in the sample, one input for every target in each run (`perTarget` runs); in the full run,
 * `numRuns` inputs drawn from `weighted`.
 */
function plan<T>(targets: fc.Arbitrary<T>[], weighted: fc.Arbitrary<T>, numRuns: number, perTarget = PER_TARGET) {
	return FULL
		? { arb: weighted.map((x) => [x]), numRuns: Math.ceil(numRuns * SCALE) }
		: { arb: fc.tuple(...targets) as fc.Arbitrary<T[]>, numRuns: perTarget };
}
const ROLES = ['learner', 'supervisor', 'coordinator', 'provider', 'author', 'regulator', 'analyst', 'admin'] as const;
/** Refused inputs per hash comparison. */
const BATCH = 40;
/** Certainly-refused inputs sent at once (the server answers one while the next is on its way). */
const IN_FLIGHT = 3;
const matrix = JSON.parse(fs.readFileSync('tests/access-matrix.json', 'utf8')) as {
	params: Record<string, string>;
	routes: Record<string, Record<string, number | string>>;
};

// ── What "the domain tables" are ──────────────────────────────────────────────────────────────────────────────────
// Every table in the public schema, except what a refused request legitimately writes:
const EXCLUDED_TABLES: Record<string, string> = {
	_prisma_migrations: 'migration history, not domain data',
	sessions: 'every signed-in request slides its session expiry; signing the fuzz accounts in creates sessions',
	rate_limits: 'refused logins and verification look-ups are counted here by design (throttling)',
	audit_events: 'append-only log: refused logins and locks are audited on purpose',
	outbox_messages: 'mail queue: delivery attempts update it in the background',
	notifications: 'the inbox; "mark all read" needs no input and the sweeper adds cycle reminders'
};
// Columns that a request which changes nothing records about itself:
const EXCLUDED_COLUMNS: Record<string, string[]> = {
	api_tokens: ['last_used_at'] // a compliance API read (even a 404) records when its token was last used
};
// Not excluded, on purpose: idempotency_keys (a refused form gives its key back, so it must not leave one) and
// import_jobs (a refused import creates no job; jobs of accepted ones are waited for before the next baseline).
// The pg-boss schema is not hashed (only public is).

type Kind =
	| 'text'
	| 'uuid'
	| 'email'
	| 'account'
	| 'date'
	| 'num'
	| 'int'
	| 'choice'
	| 'flag'
	| 'file'
	| 'password'
	| 'version'
	| 'key'
	| 'list'
	| 'free';
interface FieldSpec {
	name: string;
	kind: Kind;
	required: boolean;
	max?: number;
	options?: string[];
	/** a real value (from the rendered form or the database) */
	value?: string;
	values?: string[];
	of?: Kind;
}

// Every action's fields as its schema reads them (name:kind, ! = required): t<max> text, u uuid, e email (any
// address), E email of an existing account, d date, n number, i whole number, c(a|b) choice, f checkbox, F file,
// p password, v licence version, k idempotency key, l(kind) repeated field, x anything. Values and options come
// from the rendered form where the page shows it; a route missing here is fuzzed with the fields its page renders.
const SPECS: Record<string, string> = {
	'POST /account?/password': 'currentPassword:p! newPassword:p!',
	'POST /admin/jurisdictions': 'code:t16! name:t120! timeZone:x! defaultLocale:c(en|fr)! idempotencyKey:k',
	'POST /admin/jurisdictions/[code]/admins': 'email:e!',
	'POST /admin/jurisdictions/[code]/details': 'name:t120! timeZone:x! defaultLocale:c(en|fr)!',
	'POST /admin/jurisdictions/[code]/qa-scorer': 'scorer:c(MINISTRY|REGULATOR|PARTNER)! partner:x',
	'POST /admin/jurisdictions/[code]/areas?/level': 'depth:i! name:t60!',
	'POST /admin/jurisdictions/[code]/areas?/rename': 'code:t64! name:t120!',
	'POST /admin/jurisdictions/[code]/areas?/upload': 'file:F!',
	'POST /admin/jurisdictions/[code]/organisations?/create':
		'code:t32! name:t200! type:c(MINISTRY|REGULATOR|GOVERNMENT_AGENCY|UNIVERSITY|NGO|TRAINING_PROVIDER)! areaCode:t64',
	'POST /admin/jurisdictions/[code]/organisations?/edit':
		'code:t32! name:t200! type:c(MINISTRY|REGULATOR|GOVERNMENT_AGENCY|UNIVERSITY|NGO|TRAINING_PROVIDER)! areaCode:t64',
	'POST /admin/jurisdictions/[code]/organisations?/upload': 'file:F!',
	'POST /admin/jurisdictions/[code]/workforce': 'file:F!',
	'POST /imports/certificates': 'file:F!',
	'POST /admin/jurisdictions/[code]/people?/confirm': 'proposalId:u!',
	'POST /admin/jurisdictions/[code]/people?/reject': 'proposalId:u!',
	'POST /account?/link': 'nationalWorkerId:t64! jurisdictionId:u!',
	// accepted, it ends the fuzz account's other sessions (journeys have finished; the fuzz keeps one per role)
	'POST /account?/signOutOthers': 'confirm:c(others)!',
	'POST /imports/[job]?/confirm': '',
	'POST /imports/[job]?/discard': '',
	'POST /admin/supervision': 'supervisorEmail:E! superviseeEmail:E! organisationId:u! startsOn:d! override:f',
	'POST /admin/users/[id]?/grant': 'grant:x!',
	'POST /admin/users/[id]?/remove': 'membershipId:u! reason:t500!',
	'POST /certificates?/claim': 'programmeId:u!',
	'POST /cpd/entries/[entry]':
		'title:t200! providerName:t200! providerOrgId:u activityDate:d! credits:n! category:x! activityType:c(e-learning|self-study|live-online|in-person|presenting)! hours:n evidence:F',
	'POST /cpd/review': 'entryId:u! decision:c(approve|reject|change)! reason:t500 credits:n category:x',
	'POST /cpd?/add':
		'title:t200! providerName:t200! providerOrgId:u activityDate:d! credits:n! category:x! activityType:c(e-learning|self-study|live-online|in-person|presenting)! hours:n evidence:F! idempotencyKey:k',
	'POST /cpd?/claim': 'number:t64!',
	'POST /cpd?/respond': 'itemId:u! response:t2000! evidence:F',
	'POST /dashboard?/resend': '',
	'POST /email/verify/[token]': '',
	'POST /inbox?/read': '',
	'POST /invitations/[token]?/accept': '',
	'POST /invitations/[token]?/create': 'name:t200! password:p! privacy:f!',
	'POST /invite': 'email:e! grant:x!',
	'POST /learn/[module]/assessment': 'attemptId:u!',
	'POST /learn/[module]?/start': '',
	'POST /locale': 'locale:x next:x',
	'POST /login': 'email:e! password:p!',
	'POST /logout': '',
	'POST /password/forgot': 'email:e!',
	'POST /password/reset/[token]': 'password:p!',
	'POST /practicum/agreements/new': 'agencyId:u! reference:t100! startsOn:d! endsOn:d! document:F',
	'POST /practicum/hours/[entry]?/save': 'date:d! hours:n! activity:t500! competencies:x',
	'POST /practicum/hours/[entry]?/withdraw': '',
	'POST /practicum/placements/[placement]?/acknowledge': 'evaluationId:u! response:t2000',
	'POST /practicum/placements/[placement]?/decide': 'decision:c(approve|reject)! comment:t500 entryId:l(uuid)',
	'POST /practicum/placements/[placement]?/end': 'reason:t500!',
	'POST /practicum/placements/[placement]?/evaluate': 'kind:c(MIDTERM|FINAL)! comment:t2000',
	'POST /practicum/placements/[placement]?/log': 'date:d! hours:n! activity:t500! competencies:x idempotencyKey:k',
	'POST /practicum/placements/[placement]?/outcome': 'outcome:c(PASS|FAIL|INCOMPLETE)!',
	'POST /practicum/placements/[placement]?/sign': 'as:c(student|supervisor|coordinator)!',
	'POST /practicum/placements/[placement]?/transfer':
		'agreementId:u! supervisorEmail:E! startsOn:d! endsOn:d! reason:t500!',
	'POST /practicum/placements/new':
		'agreementId:u! studentEmail:E! supervisorEmail:E! instructorEmail:t254 startsOn:d! endsOn:d! requiredHours:n! competencies:x!',
	'POST /practicum/sign-off': 'decision:c(approve|reject)! comment:t500 entryId:l(uuid)',
	// basedOn is the version the form was read from: 0 is valid until the first save, so it is no licence version (v)
	'POST /practicum/settings': 'hourStep:n! maxPerEntry:n! maxPerDay:n! staleDays:i! reason:t500 basedOn:x!',
	'POST /provider/certificates/[certificate]?/revoke': 'reason:t1000! effectiveOn:d confirmed:c(yes)',
	'POST /provider/events/[event]?/allPresent': 'day:d!',
	'POST /provider/events/[event]?/check': 'issuedOn:d',
	'POST /provider/events/[event]?/days': 'day:l(d)',
	'POST /provider/events/[event]?/issue': 'confirm:c(yes)! issuedOn:d',
	'POST /provider/events/[event]?/participants': 'entries:t100000 workerId:l(u) file:F',
	'POST /provider/events/[event]?/register': '',
	'POST /provider/events/[event]?/remove': 'workerId:u!',
	'POST /provider/issuer-keys?/rotate': 'organisationId:u! current:i! reason:t500! confirmed:c(yes)',
	'POST /provider/programmes/[programme]?/archive': 'archive:c(yes|no)!',
	'POST /provider/programmes/[programme]?/event':
		'title:t200! mode:c(IN_PERSON|LIVE_ONLINE)! venue:t300 startsOn:d! endsOn:d! weekdaysOnly:f facilitators:t2000 idempotencyKey:k',
	'POST /provider/programmes/[programme]?/recognition':
		'governmentRecognised:f approvedProvider:f recognitionReference:t200! recognitionDate:d!',
	'POST /provider/programmes/[programme]?/update': 'code:t40! title:t200! supportingPartnerId:u',
	'POST /provider/programmes?/create': 'code:t40! title:t200! supportingPartnerId:u idempotencyKey:k',
	'POST /provider/modules/new?/create': 'providerId:u! id:t80! title:t200! track:t80! copiedFrom:t80',
	'POST /provider/modules/[module]/edit?/save': 'revision:i! title:t200 body:x op:x',
	'POST /provider/modules/[module]/edit?/submit': 'revision:i!',
	'POST /provider/modules/[module]/edit?/upload': 'file:F!',
	'POST /provider/modules/[module]/review?/publish': '',
	'POST /provider/modules/[module]/review?/return': 'note:t2000!',
	'POST /provider/modules/import?/check': 'providerId:u! file:F!',
	'POST /provider/modules/import?/confirm': 'providerId:u! held:t32!',
	'POST /register':
		'givenName:t100! familyName:t100! email:e! password:p! jurisdictionId:u! nationalWorkerId:t64 privacy:f!',
	'POST /regulator/accreditation?/module': 'moduleId:x! credits:n! category:x! accredit:c(yes|no)! from:d',
	'POST /regulator/accreditation?/provider': 'organisationId:u! accredit:c(yes|no)! from:d',
	'POST /regulator/audits': 'percent:n! from:d! to:d! request:t1000!',
	'POST /regulator/audits/[sample]': 'itemId:u! outcome:c(PASSED|FAILED)! note:t1000!',
	'POST /regulator/import': 'file:F! idempotencyKey:k',
	'POST /regulator/licences/[number]?/decide':
		'cycleId:u! version:v! decision:c(renew|grace|lapse)! reason:t500! confirmed:c(yes)',
	'POST /regulator/licences/[number]?/leave': 'cycleId:u! version:v! leaveDays:i! reason:t500!',
	'POST /regulator/licences/[number]?/exempt':
		'licenceId:u! version:v! kind:c(WAIVER|REDUCTION)! fromOn:d! toOn:d! reason:t500! evidence:F',
	'POST /regulator/licences/[number]?/unexempt': 'exemptionId:u! version:v! reason:t500!',
	'POST /regulator/licences/[number]?/status':
		'licenceId:u! version:v! status:c(ACTIVE|SUSPENDED|REVOKED)! reason:t500! statusFrom:d confirmed:c(yes)',
	'POST /regulator/programmes?/decide':
		'programmeId:u! decision:c(confirm|refuse|withdraw)! note:t1000 recognisedFrom:d withdrawnFrom:d',
	'POST /regulator/renewals/renew-all': 'items:t5000!',
	'POST /regulator/supervision/settings':
		'ratioDedicated:i! ratioOther:i! studentsCount:f minYearsExperience:i! requireRegistration:f requireCourse:f gapWeeks:i! gapWeeksFirstYear:i! reason:t500 basedOn:x!',
	'POST /regulator/rules': 'cadreKey:x! cycleMonths:i! totalCredits:n! graceDays:i!',
	'POST /regulator/rules?/save':
		'cadreKey:x! cycleMonths:i! totalCredits:n! graceDays:i! min.ethics:n cap.ethics:n rate.in-person:n typecap.self-study:n',
	'POST /regulator/rules?/retention': 'jurisdictionId:u! months:i',
	'POST /admin/organisations?/retention': 'jurisdictionId:u! months:i',
	'POST /admin/users/[id]?/erase': 'confirmEmail:t254! reason:t500!',
	'POST /privacy?/accept': 'version:x! next:x',
	'POST /regulator/tokens?/create': 'name:t100!',
	'POST /regulator/tokens?/revoke': 'id:u!',
	'POST /regulator?/claim': 'claimId:u! decision:c(confirm|reject)!',
	'POST /reports/indicators/population?/import': 'file:F!', // the jurisdiction is the page's (?jurisdiction=), not a field
	'POST /reports/indicators/population?/save': 'jurisdiction:x!',
	// a box per code (every data element required; areas and combinations optional): a sample of them
	'POST /reports/indicators/dhis2?/save':
		'jurisdiction:x! ou.root:t50! de.vacWorkers.total:t50! de.vacWorkers.cadre:t50! coc.sex.FEMALE:t50 ou.area.DR:t50',
	// publishes the report of the default filters (each accepted post is one more published report)
	'POST /reports/published/new?/publish': 'title:t200! idempotencyKey:k',
	'POST /reports/indicators/qa?/descriptors':
		'jurisdiction:x! criterion:i! stage1:t2000 stage2:t2000 stage3:t2000 stage4:t2000',
	'POST /reports/indicators/qa?/score':
		'jurisdiction:x! period:i! criterion:i! score:c(1|2|3|4)! justification:t4000! evidence:t4000',
	'POST /supervision/profile': 'yearsExperience:i! dedicated:f selfDeclaredRegistered:f',
	'POST /supervision?/amend': 'sessionId:u! date:d! minutes:i! functions:l(free)',
	'POST /supervision?/log':
		'date:d! minutes:i! format:c(INDIVIDUAL|GROUP|PEER)! functions:l(free)! supervisees:l(uuid)! privateNotes:t5000 idempotencyKey:k',
	'POST /supervision?/respond': 'sessionId:u! answer:c(confirm|dispute)! note:t500',
	'POST /supervision?/withdraw': 'sessionId:u!'
};
/** Actions posted only without a session: signing in, registering, tokens from mail. Never with a demo address. */
const PUBLIC_ONLY = new Set([
	'POST /login',
	'POST /register',
	'POST /password/forgot',
	'POST /password/reset/[token]',
	'POST /invitations/[token]?/create',
	'POST /email/verify/[token]',
	'POST /logout'
]);
/** argon2 runs for these once the schema passes: fewer inputs, so the run stays short (and the address is not locked). */
const EXPENSIVE = new Set([
	'POST /login',
	'POST /register',
	'POST /account?/password',
	'POST /password/reset/[token]',
	'POST /invitations/[token]?/create'
]);

const KINDS: Record<string, Kind> = {
	t: 'text',
	u: 'uuid',
	e: 'email',
	E: 'account',
	d: 'date',
	n: 'num',
	i: 'int',
	c: 'choice',
	f: 'flag',
	F: 'file',
	p: 'password',
	v: 'version',
	k: 'key',
	l: 'list',
	x: 'free'
};
function parseSpec(spec: string): FieldSpec[] {
	return spec
		.split(/\s+/)
		.filter(Boolean)
		.map((tok) => {
			const m = /^([^:]+):([a-zA-Z])(\d+)?(?:\(([^)]*)\))?(!)?$/.exec(tok);
			if (!m) throw new Error(`bad field spec ${tok}`);
			const kind = KINDS[m[2]];
			return {
				name: m[1],
				kind,
				required: !!m[5],
				max: m[3] ? Number(m[3]) : undefined,
				options: kind === 'choice' ? m[4]!.split('|') : undefined,
				of: kind === 'list' ? (m[4] as Kind) : undefined
			};
		});
}

// ── Values ────────────────────────────────────────────────────────────────────────────────────────────────────────
const EDGE = [
	'\u202Eevil\u202C',
	'שלום עולם',
	'مرحبا',
	'a\u200Bb',
	'\u200B\u200C\u200D\u2060x',
	'e\u0301\u0301\u0301',
	'Z̴̡̛̖̗a̶̢̛̙l̵g̷o',
	'👩🏽‍⚕️🇰🇪',
	'𝕳𝖊𝖑𝖑𝖔',
	'\uFEFFbom',
	'\uD800',
	'\uDC00x',
	'\uD83D',
	'ﬃ',
	'İstanbul',
	'ß',
	'<script>alert(1)</script>',
	"' or '1'='1",
	'${7*7}',
	'{{7*7}}',
	'../../etc/passwd',
	'%00',
	'%zz',
	'null',
	'undefined',
	'NaN',
	'-0',
	'1e308',
	'__proto__',
	'constructor',
	'\r\n',
	'\t',
	'\\',
	'"',
	'\u0085',
	'\u2028\u2029',
	'\uFFFF',
	'\uFFFD',
	'a'.repeat(255)
];
const BAD_DATES = [
	'2026-02-30',
	'2026-02-29',
	'2026-04-31',
	'2026-13-01',
	'2026-00-10',
	'2026-01-00',
	'2026-01-32',
	'0000-00-00',
	'0000-01-01',
	'9999-99-99',
	'26-01-01',
	'2026/01/01',
	'2026-1-1',
	'+02026-01-01',
	'99999-12-31',
	'2026-01-01T00:00:00Z',
	' 2026-01-01',
	'tomorrow',
	'１２３４-０１-０１',
	'２０２６-０１-０１'
];
const BAD_NUMBERS = [
	'abc',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e999',
	'-1e999',
	'--1',
	'1,5',
	'0x',
	'½',
	'-1',
	'-0.5',
	'１',
	'1 000',
	'9'.repeat(400)
];
const BAD_UUIDS = [
	'not-a-uuid',
	'1',
	"1' or '1'='1",
	'00000000-0000-0000-0000-00000000000g',
	'ffffffff-ffff-ffff-ffff-ffffffffffff0',
	'{00000000-0000-4000-8000-000000000000}',
	'00000000000040008000000000000000',
	'\u0000'
];
const BAD_EMAILS = [
	'plainaddress',
	'a@b',
	'@x.test',
	'a b@c.test',
	'a@b@c.test',
	'<a@b.test>',
	`${'x'.repeat(300)}@fuzz.test`,
	'a\u0000@fuzz.test',
	'"@fuzz.test'
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const CSV = 'number,holder_name,national_worker_id,cadre,status,issued_on,cycle_start,cycle_end\n';
/** The files a field may carry: a real PDF, PNG magic, random bytes, CSV (with a NUL, or 1 MB of one line). */
const FILES: Record<string, { file: Buffer; name: string; type: string }> = {
	'<pdf>': { file: PDF, name: 'evidence.pdf', type: 'application/pdf' },
	'<png>': {
		file: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
		name: 'scan.png',
		type: 'image/png'
	},
	'<bin>': {
		file: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
		name: 'evidence.pdf',
		type: 'application/pdf'
	},
	'<csv>': {
		file: Buffer.from(`${CSV}FZ-1,Ama \u202Eevil,,WIZARD,MAYBE,2026-02-30,2026-13-01,x\n"unclosed,quote\n`),
		name: 'import.csv',
		type: 'text/csv'
	},
	'<csv-nul>': {
		file: Buffer.from(`${CSV}FZ-\u00002,Ama\u0000,,,,2026-01-01,2026-01-01,2026-12-31\n`),
		name: 'import.csv',
		type: 'text/csv'
	},
	'<csv-huge>': { file: Buffer.from(`${CSV}${'x'.repeat(1_000_000)}\n`), name: 'import.csv', type: 'text/csv' },
	'<empty>': { file: Buffer.alloc(0), name: 'empty.pdf', type: 'application/pdf' }
};

const edgeText = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...EDGE) },
	{ weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
	{ weight: 1, arbitrary: fc.array(fc.constantFrom(...EDGE), { minLength: 2, maxLength: 6 }).map((a) => a.join(' ')) }
);
/** A string of n UTF-16 units made of edge characters (for exactly-at-the-limit and over-the-limit values). */
const ofLength = (n: number) => fc.constantFrom('x', 'é', 'ש', '\u200B', '漢').map((c) => c.repeat(n));
const huge = fc.integer({ min: 1_000, max: 100_000 }).chain((n) => ofLength(n));
/** Longer than max: just over it, or up to 100 KB (or just over, for the fields that take 100 KB). */
const longerThan = (max: number) =>
	fc.integer({ min: max + 1, max: Math.max(max + 1, 100_000) }).chain((n) => ofLength(n));
const withNul = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}x\u0000${b}`);
const daysAgo = (n: number) => addDays(fromDate(new Date()), -n);

/** A value the field's schema accepts (the real one where the page rendered it), with edge-case content. */
function valid(f: FieldSpec): fc.Arbitrary<string | string[] | null> {
	switch (f.kind) {
		case 'text': {
			const max = f.max ?? 200;
			const fits = edgeText.filter((s) => s.trim().length > 0 && s.length <= max && !s.includes('\u0000'));
			// at the limit exactly (for the 100 KB fields, 5,000 characters: the limit itself is what invalid() tries)
			return fc.oneof(...(f.value ? [fc.constant(f.value)] : []), fits, fits, ofLength(Math.min(max, 5_000)));
		}
		case 'uuid':
			return f.value ? fc.constant(f.value) : fc.uuid();
		case 'email':
			return fc.oneof(
				fc.constant(`fz-${randomUUID().slice(0, 8)}@fuzz.credo.test`),
				fc.constant(f.value ?? 'nobody@fuzz.credo.test')
			);
		case 'account':
			return fc.constant(f.value ?? demo('supervisor'));
		case 'date':
			return fc.oneof(...(f.value ? [fc.constant(f.value)] : []), fc.integer({ min: 0, max: 60 }).map(daysAgo));
		case 'num':
			return fc.oneof(...(f.value ? [fc.constant(f.value)] : []), fc.constantFrom('1', '2.5', '0.25', '4', '10'));
		case 'int':
			return fc.oneof(...(f.value ? [fc.constant(f.value)] : []), fc.constantFrom('1', '2', '3', '12', '30'));
		case 'choice':
			return fc.constantFrom(...(f.options?.length ? f.options : [f.value ?? '']));
		case 'flag':
			return fc.constantFrom('on', null);
		case 'file':
			return fc.constantFrom('<pdf>', '<pdf>', '<png>', '<bin>', '<csv>', '<csv-nul>', '<csv-huge>');
		case 'password':
			return fc.string({ minLength: 1, maxLength: 40 }).map((s) => `fuzz-${s}`);
		case 'version':
			return fc.constant(f.value ?? '1');
		case 'key':
			return fc.oneof(fc.uuid(), fc.constant(null));
		case 'list':
			return fc.array(f.values?.length ? fc.constantFrom(...f.values) : f.of === 'uuid' ? fc.uuid() : edgeText, {
				minLength: 1,
				maxLength: 3
			});
		case 'free':
			return fc.oneof(
				...(f.value != null ? [fc.constant(f.value)] : []),
				...(f.options?.length ? [fc.constantFrom(...f.options)] : []),
				edgeText
			);
	}
}

/** A value the field's schema (or, for references, the domain) certainly refuses. null = the field is left out. */
function invalid(f: FieldSpec): fc.Arbitrary<string | string[] | null> {
	const max = f.max ?? 200;
	switch (f.kind) {
		case 'text':
			return fc.oneof(
				fc.constant(null),
				fc.constantFrom('', '   ', '\t\n '),
				ofLength(max + 1),
				longerThan(max),
				withNul
			);
		case 'uuid':
			return fc.oneof(fc.constant(null), fc.constantFrom('', ...BAD_UUIDS), huge);
		case 'email':
		case 'account':
			return fc.oneof(fc.constant(null), fc.constantFrom('', ...BAD_EMAILS), huge);
		case 'date':
			return fc.oneof(fc.constant(null), fc.constantFrom(...BAD_DATES));
		case 'num':
			return fc.oneof(fc.constant(null), fc.constantFrom(...BAD_NUMBERS));
		case 'int':
			return fc.oneof(fc.constant(null), fc.constantFrom(...BAD_NUMBERS, '1.5', '2.000001', '1e-7'));
		case 'choice':
			return fc.oneof(
				fc.constant(null),
				edgeText.filter((s) => !(f.options ?? []).includes(s)),
				fc.constant(''),
				fc.constantFrom(...(f.options ?? ['x']).map((o) => `${o} `))
			);
		case 'flag':
			return fc.oneof(fc.constant(null), fc.constantFrom('off', 'false', '0', ''));
		case 'file':
			return fc.constantFrom(null, '<empty>');
		case 'password':
			return fc.oneof(fc.constant(null), fc.constant(''), ofLength(1001));
		case 'version':
			return fc.oneof(fc.constant(null), fc.constantFrom('', '0', '-1', 'abc', '1.5', '1e3x', '99999999999'));
		case 'key':
			return fc.constant(null);
		case 'list':
			return fc.oneof(fc.constant(null), fc.array(fc.constantFrom(...BAD_UUIDS, ''), { minLength: 1, maxLength: 3 }));
		case 'free':
			return fc.oneof(fc.constant(null), huge);
	}
}
/** A reference the schema accepts but the domain does not know: an unknown id, a stale version, an unknown account. */
function unknownRef(f: FieldSpec): fc.Arbitrary<string | string[] | null> | null {
	if (f.kind === 'uuid') return fc.uuid().filter((u) => u !== f.value);
	if (f.kind === 'version') return fc.integer({ min: 1000, max: 2_000_000_000 }).map(String);
	if (f.kind === 'account') return fc.constant(`nobody-${randomUUID().slice(0, 8)}@fuzz.credo.test`);
	return null;
}

// ── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────
type Part = [string, string | { file: Buffer; name: string; type: string }];
interface Input {
	target: string;
	role: string;
	url: string;
	mode: 'schema' | 'domain' | 'nul' | 'garbage' | 'valid' | 'open';
	/** certainly invalid: must not be accepted */
	mustReject: boolean;
	accept: 'json' | 'html';
	encoding: 'urlencoded' | 'multipart' | 'raw';
	parts: Part[];
	raw?: { body: string; type: string };
	note: string;
}
interface Target {
	key: string;
	url: string;
	roles: string[];
	fields: FieldSpec[];
	multipart: boolean;
}

const fieldName = fc.oneof(
	fc.constantFrom(
		'__proto__',
		'constructor',
		'toString',
		'a[]',
		'a.b',
		'',
		' ',
		'x'.repeat(1000),
		'idempotencyKey',
		'action',
		'/add'
	),
	edgeText
);

function assemble(
	t: Target,
	r: {
		role: string;
		accept: 'json' | 'html';
		mode: Input['mode'];
		encoding: Input['encoding'];
		pick: number[];
		ok: (string | string[] | null)[];
		bad: (string | string[] | null)[];
		ref: (string | string[] | null)[];
		nul: string;
		extra: [string, string][];
		dup: number[];
		drop: number[];
		raw: string;
		rawType: string;
	}
): Input {
	const fields = t.fields;
	const required = fields.map((f, i) => (f.required ? i : -1)).filter((i) => i >= 0);
	const refs = fields.map((f, i) => (unknownRef(f) ? i : -1)).filter((i) => i >= 0);
	const texts = fields.map((f, i) => (f.kind === 'text' ? i : -1)).filter((i) => i >= 0);
	let mode = r.mode;
	if (mode === 'domain' && (!refs.length || !required.length)) mode = 'schema';
	if (mode === 'nul' && !texts.length) mode = 'schema';
	if (mode === 'schema' && !required.length) mode = 'open';
	const values = [...r.ok];
	const corrupted = new Set<number>();
	let note = mode;
	let mustReject = false;
	if (mode === 'schema') {
		const chosen = [...new Set(r.pick.map((p) => required[p % required.length]))];
		for (const i of chosen) {
			values[i] = r.bad[i];
			corrupted.add(i);
		}
		note += ` corrupt ${chosen.map((i) => fields[i].name).join(',')}`;
		mustReject = true;
	} else if (mode === 'domain') {
		const i = refs[r.pick[0] % refs.length];
		values[i] = r.ref[i];
		corrupted.add(i);
		note += ` unknown ${fields[i].name}`;
		mustReject = true;
	} else if (mode === 'nul') {
		const i = texts[r.pick[0] % texts.length];
		values[i] = r.nul;
		corrupted.add(i);
		note += ` NUL in ${fields[i].name}`;
		mustReject = true;
	}
	// optional fields may go missing; no field is certainly invalid because of it
	for (const d of r.drop) {
		const i = d % Math.max(1, fields.length);
		if (fields[i] && !fields[i].required && !corrupted.has(i)) values[i] = null;
	}
	const parts: Part[] = [];
	const push = (name: string, v: string | string[] | null) => {
		if (v == null) return;
		for (const one of Array.isArray(v) ? v : [v]) {
			parts.push([name, Object.hasOwn(FILES, one) ? FILES[one] : one]);
		}
	};
	if (mode === 'garbage') {
		for (const [k, v] of r.extra) push(k, v);
		for (const i of r.pick) if (fields.length) push(fields[i % fields.length].name, r.bad[i % fields.length] ?? r.nul);
	} else {
		fields.forEach((f, i) => push(f.name, values[i]));
		// repeated fields (never one that was corrupted: a second, valid value would hide the bad one)
		for (const d of r.dup)
			if (fields.length && !corrupted.has(d % fields.length))
				push(fields[d % fields.length].name, r.ok[d % fields.length]);
		const names = new Set(fields.map((f) => f.name));
		if (r.extra.length && !names.has(r.extra[0][0])) push(r.extra[0][0], r.extra[0][1]);
	}
	let encoding = r.encoding;
	if (t.multipart && encoding === 'urlencoded') encoding = 'multipart';
	if (parts.some(([, v]) => typeof v !== 'string')) encoding = 'multipart';
	const input: Input = {
		target: t.key,
		role: r.role,
		url: t.url,
		mode,
		mustReject,
		accept: r.accept,
		encoding,
		parts,
		note
	};
	if (encoding === 'raw') {
		input.raw = { body: r.raw, type: r.rawType };
		input.note += ' raw body';
		// a body that is not a form is refused whatever the action, unless the action reads nothing from it
		input.mustReject = mustReject && required.length > 0;
	}
	return input;
}

function inputArb(t: Target): fc.Arbitrary<Input> {
	const n = t.fields.length;
	const tupleOf = (make: (f: FieldSpec) => fc.Arbitrary<string | string[] | null>) =>
		n ? fc.tuple(...t.fields.map(make)) : fc.constant([] as (string | string[] | null)[]);
	return fc
		.record({
			role: fc.constantFrom(...t.roles),
			accept: fc.constantFrom<'json' | 'html'>(
				'json',
				'json',
				'json',
				'json',
				'json',
				'json',
				'json',
				'json',
				'json',
				'html'
			),
			mode: fc.constantFrom<Input['mode']>(
				'schema',
				'schema',
				'schema',
				'schema',
				'schema',
				'domain',
				'domain',
				'nul',
				'garbage',
				'valid'
			),
			encoding: fc.constantFrom<Input['encoding']>(
				'urlencoded',
				'urlencoded',
				'urlencoded',
				'urlencoded',
				'urlencoded',
				'urlencoded',
				'multipart',
				'multipart',
				'raw'
			),
			pick: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
			ok: tupleOf(valid),
			bad: tupleOf(invalid),
			ref: tupleOf((f) => unknownRef(f) ?? fc.constant(null)),
			nul: withNul,
			extra: fc.array(fc.tuple(fieldName, fc.oneof(edgeText, huge, withNul)), { maxLength: 3 }),
			dup: fc.array(fc.nat(), { maxLength: 2 }),
			drop: fc.array(fc.nat(), { maxLength: 2 }),
			raw: fc.oneof(
				{ weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
				{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
				{ weight: 2, arbitrary: fc.constantFrom('a=%zz&b=%E0%A4%A&%FF=1', 'x=1&x=2&x', '=&&&==', '%', '\u0000=\u0000') }
			),
			rawType: fc.constantFrom(
				'application/json',
				'text/plain',
				'application/x-www-form-urlencoded',
				'multipart/form-data; boundary=nope',
				'multipart/form-data',
				'application/xml',
				''
			)
		})
		.map((r) => assemble(t, r));
}

// ── Sending ───────────────────────────────────────────────────────────────────────────────────────────────────────
function encode(input: Input): { body: Buffer; type: string } {
	if (input.raw) return { body: Buffer.from(input.raw.body), type: input.raw.type };
	if (input.encoding === 'urlencoded') {
		const p = new URLSearchParams();
		for (const [k, v] of input.parts) p.append(k, typeof v === 'string' ? v : '');
		return { body: Buffer.from(p.toString()), type: 'application/x-www-form-urlencoded' };
	}
	const boundary = `----fuzz${randomUUID()}`;
	const esc = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	const chunks: Buffer[] = [];
	for (const [k, v] of input.parts) {
		if (typeof v === 'string')
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${esc(k)}"\r\n\r\n${v}\r\n`));
		else
			chunks.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${esc(k)}"; filename="${esc(v.name)}"\r\nContent-Type: ${v.type}\r\n\r\n`
				),
				v.file,
				Buffer.from('\r\n')
			);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** The input as a short readable line (values cut at 80 characters) and in full for the failure file. */
function show(input: Input) {
	const cut = (s: string) =>
		s.length > 80 ? `${JSON.stringify(s.slice(0, 80))}…(${s.length} chars)` : JSON.stringify(s);
	const parts = input.parts
		.map(([k, v]) => `${cut(k)}=${typeof v === 'string' ? cut(v) : `<file ${v.name} ${v.file.length} B>`}`)
		.join(' & ');
	return `${input.role} ${input.url} [${input.note}; ${input.encoding}; accept ${input.accept}] ${input.raw ? cut(input.raw.body) : parts}`;
}

interface Outcome {
	status: number;
	accepted: boolean;
	problem: string | null;
}

/** Connection resets before any answer, each sent again once (see send). */
let resets = 0;

async function send(ctx: APIRequestContext, baseURL: string, input: Input): Promise<Outcome> {
	const { body, type } = encode(input);
	const headers: Record<string, string> = {
		origin: baseURL,
		accept: input.accept === 'json' ? 'application/json' : 'text/html'
	};
	if (type) headers['content-type'] = type;
	let res: APIResponse;
	const post = () =>
		ctx.fetch(input.url, {
			method: 'POST',
			data: body,
			headers,
			maxRedirects: 0,
			failOnStatusCode: false,
			timeout: 30_000
		});
	try {
		res = await post().catch(async (e: Error) => {
			// A kept-alive connection that the server closed while idle (5 s without a request: the sample moves through
			// every action, so a role's connection can wait that long on a busy machine) or that still held the unread
			// rest of an earlier refused body is reset by Node before the app sees the request: sent again once, on a
			// new connection, as a browser does. A server that is down or resets this input again still fails.
			if (!/ECONNRESET|socket hang up/.test(e.message)) throw e;
			resets++;
			return post();
		});
	} catch (e) {
		return { status: 0, accepted: false, problem: `no answer: ${(e as Error).message.split('\n')[0]}` };
	}
	const status = res.status();
	const text = await res.text();
	if (status >= 500) return { status, accepted: false, problem: `HTTP ${status}: ${text.slice(0, 300)}` };
	return judge(status, text, res.headers()['content-type'] ?? '', input.accept);
}

/** Sorts an answer into accepted / refused, and checks that a refusal says why. */
function judge(status: number, text: string, type: string, accept: 'json' | 'html'): Outcome {
	if (accept === 'json' && type.includes('application/json')) {
		let body: { type?: string; status?: number; data?: string };
		try {
			body = JSON.parse(text);
		} catch {
			return { status, accepted: false, problem: `not JSON: ${text.slice(0, 200)}` };
		}
		if (body.type === 'success' || body.type === 'redirect')
			return { status: body.status ?? status, accepted: true, problem: null };
		if (body.type === 'error')
			return { status, accepted: false, problem: status >= 400 && status < 500 ? null : `error with HTTP ${status}` };
		if (body.type === 'failure') {
			const s = body.status ?? 0;
			if (s < 400 || s >= 500) return { status: s, accepted: false, problem: `failure with status ${s}` };
			const data = (body.data ? devalue(body.data) : null) as {
				errors?: Record<string, string>;
				message?: string | null;
				problems?: unknown[];
			} | null;
			const said =
				!!data && (Object.values(data.errors ?? {}).some(Boolean) || !!data.message || !!data.problems?.length);
			return {
				status: s,
				accepted: false,
				problem: said ? null : `a ${s} refusal without any message: ${body.data?.slice(0, 200)}`
			};
		}
		return {
			status,
			accepted: status < 400,
			problem: status >= 400 && status < 500 ? null : `unexpected answer ${text.slice(0, 200)}`
		};
	}
	// a plain form post: refused is a 4xx (the page again with its messages, or an error page), accepted a 2xx/3xx
	return { status, accepted: status < 400, problem: null };
}

// ── The domain tables ─────────────────────────────────────────────────────────────────────────────────────────────
class Tables {
	private sql = '';
	constructor(private client: pg.Client) {}
	async init() {
		const cols = (
			await this.client.query<{ table_name: string; column_name: string }>(
				"select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position"
			)
		).rows;
		const tables = [...new Set(cols.map((c) => c.table_name))].filter((t) => !(t in EXCLUDED_TABLES));
		this.sql = tables
			.map((t) => {
				const keep = cols
					.filter((c) => c.table_name === t && !(EXCLUDED_COLUMNS[t] ?? []).includes(c.column_name))
					.map((c) => `x."${c.column_name}"`);
				const row = `md5(row(${keep.join(', ')})::text)`;
				return `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(${row}, '' order by ${row}), '')) as h from public."${t}" x`;
			})
			.join('\nunion all\n');
		return tables.length;
	}
	/** Row count and content hash per domain table. */
	ms = 0;
	async hash(): Promise<Map<string, string>> {
		const t = performance.now();
		const rows = (await this.client.query<{ t: string; n: number; h: string }>(this.sql)).rows;
		this.ms += performance.now() - t;
		return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
	}
	static diff(a: Map<string, string>, b: Map<string, string>) {
		return [...a.keys()]
			.filter((t) => a.get(t) !== b.get(t))
			.map((t) => `${t} (${a.get(t)!.split(':')[0]} → ${b.get(t)!.split(':')[0]} rows)`);
	}
	/** Waits for background jobs started by accepted inputs (imports, cohort issuance) to finish. */
	async settle(since: Date) {
		for (let i = 0; i < 100; i++) {
			const { rows } = await this.client.query<{ n: number }>(
				// working states; a CSV import then waits (ready, refused, unchanged) for a person who never comes
				"select count(*)::int as n from import_jobs where created_at >= $1 and status in ('queued', 'checking', 'confirmed', 'importing')",
				[since]
			);
			if (!rows[0].n) return;
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}

// ── The run ───────────────────────────────────────────────────────────────────────────────────────────────────────
class Fuzzer {
	baseline = new Map<string, string>();
	pending: Input[] = [];
	stats = {
		sent: 0,
		accepted: 0,
		refused: 0,
		replays: 0,
		statuses: new Map<number, number>(),
		acceptedBy: new Map<string, number>(),
		/** every action, endpoint and page an input was sent to */
		reached: new Set<string>(),
		ms: { send: 0, tables: 0 }
	};
	readonly started = new Date();
	constructor(
		readonly tables: Tables,
		private contexts: Map<string, APIRequestContext>,
		private baseURL: string,
		private renew: (role: string) => Promise<void>
	) {}

	async begin() {
		this.baseline = await this.tables.hash();
	}

	private async exchange(input: Input) {
		this.stats.sent++;
		const t = performance.now();
		const out = await send(this.contexts.get(input.role)!, this.baseURL, input);
		this.stats.ms.send += performance.now() - t;
		this.stats.statuses.set(out.status, (this.stats.statuses.get(out.status) ?? 0) + 1);
		return out;
	}

	/** One input: sent, judged, and (when refused) queued for the next table comparison. Throws on a violation. */
	/** Refused-for-certain inputs in flight (up to IN_FLIGHT at once: they change nothing, so their order does not matter). */
	private flying = new Set<Promise<void>>();
	/** The first violation found by an input in flight, thrown by the next run (with that input named). */
	failure: { error: Error; input: Input } | null = null;

	private judged(input: Input, out: Outcome) {
		if (out.problem) return new Error(`${out.problem}\n    input: ${show(input)}`);
		if (out.accepted && input.mustReject)
			return new Error(`a certainly invalid input was accepted (${out.status})\n    input: ${show(input)}`);
		return null;
	}

	private rethrow() {
		if (this.failure) throw this.failure.error;
	}

	private async land() {
		await Promise.all(this.flying);
		this.rethrow();
	}

	async run(input: Input) {
		this.rethrow();
		this.stats.reached.add(input.target);
		if (input.mustReject) {
			// certainly refused: sent while the previous one is still being answered, compared with the tables per batch
			const flight: Promise<void> = this.exchange(input).then((out) => {
				const error = this.judged(input, out);
				if (error) this.failure ??= { error, input };
				else this.stats.refused++;
				this.flying.delete(flight);
			});
			this.flying.add(flight);
			this.pending.push(input);
			if (this.flying.size >= IN_FLIGHT) await Promise.race(this.flying);
			if (this.pending.length >= BATCH) await this.flush();
			return;
		}
		// an input that may be accepted is sent alone and compared on its own, so a batch of refused inputs stays clean
		await this.flush();
		const out = await this.exchange(input);
		const error = this.judged(input, out);
		if (error) {
			this.failure = { error, input };
			throw error;
		}
		if (out.accepted) {
			this.stats.accepted++;
			this.stats.acceptedBy.set(input.target, (this.stats.acceptedBy.get(input.target) ?? 0) + 1);
			// an accepted sign-in, registration or invitation changes the context's session: start it again
			if (input.role === 'anonymous') await this.renew('anonymous');
			await this.tables.settle(this.started);
			this.baseline = await this.tables.hash();
			return;
		}
		this.stats.refused++;
		if (!input.mustReject) {
			const after = await this.tables.hash();
			const changed = Tables.diff(this.baseline, after);
			this.baseline = after;
			if (changed.length) {
				this.failure = {
					error: new Error(`a refused input changed ${changed.join(', ')}\n    input: ${show(input)}`),
					input
				};
				throw this.failure.error;
			}
		}
	}

	/** Compares the tables after the pending refused inputs; on a change, replays them one by one to find the input. */
	async flush() {
		await this.land();
		if (!this.pending.length) return;
		const batch = this.pending;
		this.pending = [];
		const after = await this.tables.hash();
		const changed = Tables.diff(this.baseline, after);
		this.baseline = after;
		if (!changed.length) return;
		for (const input of batch) {
			this.stats.replays++;
			const before = await this.tables.hash();
			await this.exchange(input);
			const now = await this.tables.hash();
			const diff = Tables.diff(before, now);
			this.baseline = now;
			if (diff.length) {
				this.failure = {
					error: new Error(`a refused input changed ${diff.join(', ')}\n    input: ${show(input)}`),
					input
				};
				throw this.failure.error;
			}
		}
		throw new Error(
			`a batch of ${batch.length} refused inputs changed ${changed.join(', ')}, but none does so again on its own:\n${batch.map((i) => `    ${show(i)}`).join('\n')}`
		);
	}
}

/** fc.check with our own report: the seed, the first failure (cut) and the whole input in a file. */
async function property(
	name: string,
	{ arb, numRuns }: { arb: fc.Arbitrary<Input[]>; numRuns: number },
	fuzzer: Fuzzer
) {
	const started = Date.now();
	let sent = 0;
	const details = await fc.check(
		fc.asyncProperty(arb, async (inputs) => {
			for (const input of inputs) {
				sent++;
				await fuzzer.run(input);
			}
		}),
		{ numRuns, seed: SEED, endOnFailure: true }
	);
	let error = details.failed ? details.errorInstance : null;
	if (!error) await fuzzer.flush().catch((e: Error) => (error = e));
	if (!error) {
		console.log(`  ${name}: ${sent} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return;
	}
	// the input that broke a property (an input in flight may be reported by a later run: the one named is the culprit)
	const culprit = fuzzer.failure?.input ?? details.counterexample?.[0]?.[0];
	const file = `test-results/fuzz-failure-${name.replace(/\W+/g, '-')}.json`;
	fs.mkdirSync('test-results', { recursive: true });
	fs.writeFileSync(
		file,
		JSON.stringify(
			{ seed: SEED, property: name, input: culprit, error: String(error) },
			(_k, v) => (v?.type === 'Buffer' ? `<${v.data.length} bytes>` : v),
			2
		)
	);
	throw new Error(
		`fuzz property "${name}" failed after ${details.numRuns} runs (seed ${SEED}; FUZZ_SEED=${SEED} reproduces it; input saved in ${file}):\n${error}`
	);
}

// ── Setting the stage: real route parameters and real entities to aim at ───────────────────────────────────────────
async function signIn(baseURL: string, role: string): Promise<APIRequestContext> {
	const ctx = await request.newContext({ baseURL });
	if (role === 'anonymous') return ctx;
	const r = await ctx.post('/login', {
		form: { email: demo(role), password: DEMO_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(r.status(), `login as ${role}`).toBe(303);
	return ctx;
}

async function post(
	ctx: APIRequestContext,
	baseURL: string,
	url: string,
	form: Record<string, string>,
	file?: { name: string; buffer: Buffer }
) {
	const headers = { origin: baseURL, accept: 'application/json' };
	const r = file
		? await ctx.post(url, {
				multipart: { ...form, [file.name]: { name: 'f.pdf', mimeType: 'application/pdf', buffer: file.buffer } },
				headers
			})
		: await ctx.post(url, { form, headers });
	const body = await r.json();
	if (body.type !== 'success' && body.type !== 'redirect')
		throw new Error(`setup ${url}: ${JSON.stringify(body).slice(0, 300)}`);
	return body as { type: string; location?: string; data?: string };
}

/** Real entities for the route parameters: a placement with an hours entry, a supervision session, an audit sample… */
async function stage(baseURL: string, ctx: Map<string, APIRequestContext>) {
	const tag = Date.now().toString(36);
	const one = async <T>(sql: string, params: unknown[] = []) =>
		(await query<T & Record<string, unknown>>(sql, params))[0];
	const learner = await one<{ id: string }>('select id from users where email = $1', [demo('learner')]);
	const programme = await one<{ id: string }>("select id from programmes where code = 'CP-5DAY'");
	const event = await one<{ id: string }>('select id from training_events where programme_id = $1', [programme.id]);
	const certificate = await one<{ id: string; code: string }>(
		'select c.id, c.code from certificates c join users u on u.id = c.user_id where u.email = $1 and c.programme_id = $2',
		[demo('supervisor'), programme.id]
	);
	const agency = await one<{ id: string }>("select id from organisations where type = 'NGO' order by name limit 1");
	const agencyDsw = await one<{ id: string }>(
		"select id from organisations where type = 'GOVERNMENT_AGENCY' order by name limit 1"
	);

	// a placement signed by all three, with an hours entry
	const c = ctx.get('coordinator')!;
	await post(c, baseURL, '/practicum/agreements/new', {
		agencyId: agency.id,
		reference: `FUZZ-${tag}`,
		startsOn: daysAgo(120),
		endsOn: daysAgo(-200)
	});
	const agreement = await one<{ id: string }>('select id from field_agreements where reference = $1', [`FUZZ-${tag}`]);
	const placed = await post(c, baseURL, '/practicum/placements/new', {
		agreementId: agreement.id,
		studentEmail: demo('learner'),
		supervisorEmail: demo('supervisor'),
		startsOn: daysAgo(90),
		endsOn: daysAgo(-150),
		requiredHours: '200',
		competencies: 'CORE.CASE_MANAGEMENT'
	});
	const placement = placed.location!.split('/').pop()!;
	for (const [role, as] of [
		['learner', 'student'],
		['supervisor', 'supervisor'],
		['coordinator', 'coordinator']
	])
		await post(ctx.get(role)!, baseURL, `/practicum/placements/${placement}?/sign`, { as });
	await post(ctx.get('learner')!, baseURL, `/practicum/placements/${placement}?/log`, {
		date: daysAgo(3),
		hours: '2',
		activity: 'Fuzz baseline visit'
	});
	const hours = await one<{ id: string }>('select id from practicum_logs where placement_id = $1', [placement]);

	// the learner under the supervisor, and a session they attended
	await post(ctx.get('admin')!, baseURL, '/admin/supervision', {
		supervisorEmail: demo('supervisor'),
		superviseeEmail: demo('learner'),
		organisationId: agencyDsw.id,
		startsOn: daysAgo(30),
		override: 'on'
	});
	await post(ctx.get('supervisor')!, baseURL, '/supervision?/log', {
		date: daysAgo(2),
		minutes: '60',
		format: 'INDIVIDUAL',
		functions: 'educational',
		supervisees: learner.id
	});

	// a pending external CPD activity of the learner (its page and evidence file)
	await post(
		ctx.get('learner')!,
		baseURL,
		'/cpd?/add',
		{
			title: `Fuzz baseline ${tag}`,
			providerName: 'Fuzz Academy',
			activityDate: daysAgo(5),
			credits: '1',
			category: 'ethics',
			activityType: 'in-person'
		},
		{ name: 'evidence', buffer: PDF }
	);
	const entry = await one<{ id: string; evidence_file_id: string }>(
		'select id, evidence_file_id from cpd_entries where title = $1',
		[`Fuzz baseline ${tag}`]
	);

	// a person of our own for the admin's user page (grant, remove, erase aim at them, not at a demo account)
	const jurisdiction = await one<{ id: string }>('select id from jurisdictions order by created_at limit 1');
	const person = `fz-person-${tag}@fuzz.credo.test`;
	const registrar = await request.newContext({ baseURL });
	await post(registrar, baseURL, '/register', {
		givenName: 'Fuzz',
		familyName: 'Person',
		email: person,
		password: 'a good long fuzz passphrase',
		jurisdictionId: jurisdiction.id,
		privacy: 'on'
	});
	await registrar.dispose();
	const target = await one<{ id: string }>('select id from users where email = $1', [person]);

	// an audit sample (the learner gets a request to answer), an API token, an invitation, an open assessment attempt
	const drawn = await post(ctx.get('regulator')!, baseURL, '/regulator/audits', {
		percent: '100',
		from: '2000-01-01',
		to: '2100-12-31',
		request: 'Please send your certificates (fuzz)'
	});
	const sample = drawn.location!.split('/').pop()!;
	const invitee = `fz-invitee-${tag}@fuzz.credo.test`;
	const grant = await one<{ id: string }>("select o.id from organisations o where o.type = 'UNIVERSITY' limit 1");
	await post(ctx.get('admin')!, baseURL, '/invite', { email: invitee, grant: `LEARNER|org:${grant.id}` });
	const mail = await readMail(invitee, /./).catch(() => null);
	const invitation = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.link ?? '')?.[1] ?? matrix.params.token;
	await ctx
		.get('learner')!
		.post('/learn/care-gatekeeping?/start', { form: {}, headers: { origin: baseURL, accept: 'application/json' } });

	return {
		token: {
			...matrix.params,
			id: target.id,
			programme: programme.id,
			event: event.id,
			certificate: certificate.id,
			code: certificate.code,
			placement,
			entry: entry.id,
			file: entry.evidence_file_id,
			sample
		},
		hoursEntry: hours.id,
		invitation,
		credentialOf: certificate.id
	};
}

/** Route params for one route: "[entry]" is a CPD entry or an hours entry depending on the route. */
function resolve(route: string, s: Awaited<ReturnType<typeof stage>>) {
	const p: Record<string, string> = { ...s.token };
	if (route.startsWith('/practicum/hours/')) p.entry = s.hoursEntry;
	if (route.startsWith('/invitations/')) p.token = s.invitation;
	if (route.startsWith('/admin/jurisdictions/')) p.code = 'DR'; // a jurisdiction's code, not a certificate's
	return route.replace(/\[(\w+)\]/g, (_, k) => encodeURIComponent(p[k] ?? 'x'));
}

/** The forms a page renders, read in a browser with JavaScript off (the server's HTML, as a no-JS client sees it). */
async function formsOf(page: Page, html: string) {
	await page.setContent(html, { waitUntil: 'domcontentloaded' });
	const forms = await page.$$eval('form', (list) =>
		list
			.filter((f) => (f.getAttribute('method') ?? '').toLowerCase() === 'post')
			.map((f) => ({
				action: f.getAttribute('action') ?? '',
				multipart: (f.getAttribute('enctype') ?? '').includes('multipart'),
				fields: [...f.querySelectorAll('input, select, textarea, button')]
					.map((e) => e as HTMLInputElement & HTMLSelectElement)
					.filter((e) => e.name)
					.map((e) => ({
						name: e.name,
						tag: e.tagName.toLowerCase(),
						type: (e.getAttribute('type') ?? '').toLowerCase(),
						value: e.tagName === 'BUTTON' ? (e.getAttribute('value') ?? '') : e.value,
						required: e.required,
						maxLength: e.maxLength ?? -1,
						options: e.tagName === 'SELECT' ? [...e.options].map((o) => o.value).filter(Boolean) : null
					}))
			}))
	);
	return forms;
}

type Scraped = Awaited<ReturnType<typeof formsOf>>[number];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The fields of an action: its spec, completed with what the page rendered (real values, options, extra fields). */
function fieldsFor(key: string, scraped: Scraped[]): { fields: FieldSpec[]; multipart: boolean } {
	const specified = SPECS[key] != null ? parseSpec(SPECS[key]) : [];
	const byName = new Map(specified.map((f) => [f.name, f]));
	const seen = scraped.flatMap((s) => s.fields);
	for (const e of seen) {
		const known = byName.get(e.name);
		const value = e.type === 'checkbox' || e.type === 'radio' ? 'on' : e.value;
		if (known) {
			if (known.kind === 'list') known.values = [...new Set([...(known.values ?? []), e.value].filter(Boolean))];
			else if (known.kind === 'choice' || known.kind === 'free')
				known.options = [
					...new Set(
						[
							...(known.options ?? []),
							...(e.options ?? []),
							...(e.tag === 'button' || e.type === 'radio' ? [e.value] : [])
						].filter(Boolean)
					)
				];
			if (value && known.kind !== 'file' && known.kind !== 'password' && known.kind !== 'list' && known.value == null)
				known.value = e.options?.length && !e.options.includes(value) ? e.options[0] : value;
			continue;
		}
		// a field the spec does not list: its kind from the input element
		const kind: Kind =
			e.tag === 'select' || e.tag === 'button' || e.type === 'radio'
				? 'choice'
				: e.type === 'checkbox'
					? 'flag'
					: e.type === 'file'
						? 'file'
						: e.type === 'date'
							? 'date'
							: e.type === 'number'
								? 'num'
								: e.type === 'email'
									? 'email'
									: e.type === 'password'
										? 'password'
										: e.name === 'idempotencyKey'
											? 'key'
											: UUID_RE.test(e.value)
												? 'uuid'
												: e.type === 'hidden'
													? 'free'
													: 'text';
		const f: FieldSpec = {
			name: e.name,
			kind,
			required: e.required && kind !== 'flag',
			max: kind === 'text' && e.maxLength > 0 ? e.maxLength : undefined,
			value: value || undefined,
			options: e.options ?? (kind === 'choice' ? [e.value] : undefined)
		};
		if (f.options && kind === 'choice') f.options = f.options.filter(Boolean);
		byName.set(e.name, f);
		specified.push(f);
	}
	for (const f of specified) if (f.kind === 'choice' && !f.options?.length) f.options = [f.value ?? 'x'];
	return { fields: specified, multipart: scraped.some((s) => s.multipart) || specified.some((f) => f.kind === 'file') };
}

function relevantRoles(key: string): string[] {
	if (PUBLIC_ONLY.has(key)) return ['anonymous'];
	const expected = matrix.routes[key];
	if (!expected) return [...ROLES];
	const roles = ROLES.filter((r) => expected[r] !== 403 && expected[r] !== 'login');
	// nobody may: fuzz the guard with two roles anyway (it must answer before reading anything)
	return roles.length ? roles : ['learner', 'analyst'];
}

test('fuzzing every form action and API endpoint: no 5xx, refusals say why and change nothing', async ({
	baseURL,
	browser
}) => {
	// the full run takes about 2½ minutes on an idle 2-core machine, the sample a tenth of that; the limits leave room
	// for a machine shared with other work
	test.setTimeout(FULL ? 900_000 : 240_000);
	const t0 = Date.now();
	console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} to reproduce)`);
	const contexts = new Map<string, APIRequestContext>();
	for (const role of ['anonymous', ...ROLES]) contexts.set(role, await signIn(baseURL!, role));
	const s = await stage(baseURL!, contexts);
	const tStage = Date.now();
	const parser = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await parser.route('**/*', (r) => r.abort());

	// every action from the routes, with the fields its page renders for each role that may use it
	const routes = enumerateRoutes();
	const actions = routes.filter((r) => r.startsWith('POST ') && !r.startsWith('POST /api/'));
	const pages = new Map<string, Scraped[]>();
	const targets: Target[] = [];
	for (const key of actions) {
		const [, route] = key.split(' ');
		const [path, name = 'default'] = route.split('?/');
		const url = resolve(route, s);
		const roles = relevantRoles(key);
		const scraped: Scraped[] = [];
		// the first role whose page renders the form (the page is read once per role and path)
		for (const role of roles.filter((r) => r !== 'anonymous' || !path.includes('/logout'))) {
			if (scraped.length) break;
			const pageUrl = resolve(path, s);
			const cacheKey = `${role} ${pageUrl}`;
			if (!pages.has(cacheKey)) {
				const r = await contexts.get(role)!.get(pageUrl, { maxRedirects: 0, failOnStatusCode: false });
				pages.set(
					cacheKey,
					r.status() === 200 && (r.headers()['content-type'] ?? '').includes('text/html')
						? await formsOf(parser, await r.text())
						: []
				);
			}
			scraped.push(
				...pages.get(cacheKey)!.filter((f) => {
					const [fPath, fName = f.action === '' || !f.action.includes('?/') ? 'default' : ''] = f.action.split('?/');
					return (fName || 'default') === name && (!fPath || fPath === pageUrl || fPath === path);
				})
			);
		}
		targets.push({ key, url, roles, ...fieldsFor(key, scraped) });
	}
	const unspecified = targets.filter((t) => SPECS[t.key] == null).map((t) => t.key);
	if (unspecified.length) console.log(`fuzzed with the fields their pages render (no spec): ${unspecified.join(', ')}`);

	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	const tables = new Tables(client);
	const hashed = await tables.init();
	// the hash sees a changed value, not only a changed row count (and a value put back is the same hash again)
	const h0 = await tables.hash();
	await client.query(
		"update jurisdictions set name = name || ' (fuzz check)' where id = (select id from jurisdictions order by created_at limit 1)"
	);
	expect(Tables.diff(h0, await tables.hash())).toEqual([expect.stringMatching(/^jurisdictions /)]);
	await client.query("update jurisdictions set name = left(name, length(name) - 13) where name like '% (fuzz check)'");
	expect(Tables.diff(h0, await tables.hash())).toEqual([]);
	console.log(
		`hashing ${hashed} domain tables; setup took ${((Date.now() - t0) / 1000).toFixed(1)} s (entities ${((tStage - t0) / 1000).toFixed(1)} s, ${pages.size} pages read)`
	);
	const fuzzer = new Fuzzer(tables, contexts, baseURL!, async (role) => {
		await contexts.get(role)!.dispose();
		contexts.set(role, await signIn(baseURL!, role));
	});
	await fuzzer.begin();

	// 1. signed-in form actions (JSON, as SvelteKit's enhanced forms post them, and 1 in 10 as plain HTML forms)
	const signedIn = targets.filter((t) => !PUBLIC_ONLY.has(t.key) && t.key !== 'POST /locale');
	const cheap = signedIn.filter((t) => !EXPENSIVE.has(t.key));
	const costly = signedIn.filter((t) => EXPENSIVE.has(t.key));
	await property(
		'signed-in form actions',
		plan(
			signedIn.map(inputArb),
			fc.oneof(
				{ weight: 30, arbitrary: fc.constantFrom(...cheap).chain(inputArb) },
				{ weight: 1, arbitrary: fc.constantFrom(...costly).chain(inputArb) }
			),
			7_000
		),
		fuzzer
	);

	// 2. public forms, without a session (unknown addresses only: the demo accounts' lockout is never touched)
	const publicTargets = targets.filter((t) => PUBLIC_ONLY.has(t.key) || t.key === 'POST /locale');
	for (const t of publicTargets) t.roles = ['anonymous'];
	await property(
		'public forms',
		plan(publicTargets.map(inputArb), fc.constantFrom(...publicTargets).chain(inputArb), 1_200),
		fuzzer
	);

	// 3. the API: certificate look-ups, the compliance API with tokens, credential verification with garbage bodies
	// a token of its own (the form fuzzing above may have revoked the others), and the supervisor's real credential
	const created = await post(contexts.get('regulator')!, baseURL!, '/regulator/tokens?/create', {
		name: `fuzz-api-${Date.now().toString(36)}`
	});
	const token = /credo_[a-z2-7]{32}/.exec(created.data ?? '')![0];
	const credential = await contexts
		.get('supervisor')!
		.get(`/certificates/${s.credentialOf}/credential.json`)
		.then((r) => r.text());
	fuzzer.baseline = await tables.hash();
	await apiProperty(fuzzer, baseURL!, token, credential, 2_000);

	// 4. every page and endpoint read with fuzzed route parameters and query strings
	await readProperty(fuzzer, contexts, routes, s, 600);

	await fuzzer.flush();
	const health = await contexts.get('anonymous')!.get('/healthz');
	expect(health.status(), 'the server is still healthy').toBe(200);
	await client.end();
	for (const c of contexts.values()) await c.dispose();

	const secs = (Date.now() - t0) / 1000;
	const st = fuzzer.stats;
	console.log(
		`fuzz: ${st.sent} requests (${st.replays} replays) in ${secs.toFixed(0)} s (form posts ${(st.ms.send / 1000).toFixed(0)} s, table hashes ${(tables.ms / 1000).toFixed(0)} s); ${st.refused} refused, ${st.accepted} accepted`
	);
	if (resets) console.log(`  ${resets} form posts sent again after a connection reset (no answer the first time)`);
	console.log(
		`  statuses: ${[...st.statuses.entries()]
			.sort((a, b) => a[0] - b[0])
			.map(([k, v]) => `${k}×${v}`)
			.join(' ')}`
	);
	const formsAccepted = [...st.acceptedBy.values()].reduce((a, b) => a + b, 0);
	console.log(
		`  form posts accepted: ${formsAccepted} (valid by chance, or actions that take no input); every other post was refused`
	);
	console.log(
		`  accepted by action: ${[...st.acceptedBy.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([k, v]) => `${k} ${v}`)
			.join('; ')}`
	);
	if (FULL && SCALE >= 1) expect(st.sent).toBeGreaterThanOrEqual(10_000);
	// the sample is small, but it reaches everything
	const everything = routes.filter((r) => !r.startsWith('GET /logout'));
	expect(
		everything.filter((t) => !st.reached.has(t)),
		'actions, endpoints and pages no input was sent to'
	).toEqual([]);
});

// ── The API ───────────────────────────────────────────────────────────────────────────────────────────────────────
interface ApiInput {
	kind: 'certificate' | 'compliance' | 'verify' | 'status';
	/** the endpoint, as enumerateRoutes names it */
	route: string;
	path: string;
	auth?: string;
	body?: string;
	type?: string;
	note: string;
}

async function apiProperty(fuzzer: Fuzzer, baseURL: string, token: string, credential: string, numRuns: number) {
	const segment = fc.oneof(
		edgeText,
		huge.map((s) => s.slice(0, 4000)),
		fc.constantFrom('SW-2012-0042', 'SW-2024-0101', '..', '.', '%2F', '%00', '%', 'a%2Fb', '%C0%AF'),
		fc.string({ unit: 'binary', maxLength: 40 })
	);
	const auth = fc.oneof(
		fc.constant(`Bearer ${token}`),
		fc.constant(undefined),
		fc.constantFrom(
			'Bearer',
			'Bearer ',
			`bearer ${token}`,
			`Bearer ${token.slice(0, -1)}a`,
			`Bearer ${token} x`,
			`Basic ${Buffer.from('a:b').toString('base64')}`,
			`Bearer credo_${'a'.repeat(32)}`
		),
		edgeText.map((s) => `Bearer ${s}`)
	);
	// a real credential, with one field changed, removed or replaced by something of another type
	const mutated = fc.tuple(fc.nat(), fc.oneof(fc.jsonValue(), edgeText, fc.constant(undefined))).map(([n, v]) => {
		const doc = JSON.parse(credential) as Record<string, unknown>;
		const paths: (string | number)[][] = [];
		const walk = (o: unknown, p: (string | number)[]) => {
			if (o && typeof o === 'object')
				for (const [k, x] of Object.entries(o)) {
					paths.push([...p, k]);
					walk(x, [...p, k]);
				}
		};
		walk(doc, []);
		const path = paths[n % paths.length];
		let o = doc as Record<string | number, unknown>;
		for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
		if (v === undefined) delete o[path[path.length - 1]];
		else o[path[path.length - 1]] = v;
		return JSON.stringify(doc);
	});
	const endpoints: fc.Arbitrary<ApiInput>[] = [
		fc.tuple(segment).map(([code]) => ({
			kind: 'certificate' as const,
			route: 'GET /api/v1/certificates/[code]',
			path: `/api/v1/certificates/${encodeURIComponentSafe(code)}`,
			note: 'certificate look-up'
		})),
		// an issuer's revocation list: public, read-only (a known list, other numbers, anything as the slug)
		fc
			.tuple(
				fc.oneof(fc.constant('credo-academy'), segment),
				fc.oneof(fc.constantFrom('1', '2', '0', '01', '-1', '1.0', '9999999', '99999999999'), segment)
			)
			.map(([slug, list]) => ({
				kind: 'status' as const,
				route: 'GET /issuers/[slug]/status/[list]',
				path: `/issuers/${encodeURIComponentSafe(slug)}/status/${encodeURIComponentSafe(list)}`,
				note: 'status list'
			})),
		fc.tuple(segment, auth).map(([number, a]) => ({
			kind: 'compliance' as const,
			route: 'GET /api/v1/licences/[number]/compliance',
			path: `/api/v1/licences/${encodeURIComponentSafe(number)}/compliance`,
			auth: a,
			note: 'compliance'
		})),
		fc
			.tuple(
				fc.oneof(
					fc.json(),
					mutated,
					fc.string({ unit: 'binary', maxLength: 300 }),
					fc.constantFrom('', '{', 'null', '[]', '"x"', '1e999', '{"__proto__":{"x":1}}'),
					huge
				),
				fc.constantFrom('application/json', 'text/plain', 'application/ld+json', '')
			)
			.map(([body, type]) => ({
				kind: 'verify' as const,
				route: 'POST /api/v1/credentials/verify',
				path: '/api/v1/credentials/verify',
				body,
				type,
				note: 'verify'
			}))
	];
	// four endpoints only: the sample sends each of them five times as many inputs as a form action gets
	const planned = plan(endpoints, fc.oneof(...endpoints), numRuns, PER_TARGET * 5);
	let ctx = await request.newContext({ baseURL });
	let crossSite = 0;
	const recent: string[] = [];
	let sent = 0;
	const one = async (i: ApiInput) => {
		fuzzer.stats.sent++;
		sent++;
		fuzzer.stats.reached.add(i.route);
		recent.push(
			`${i.note} ${i.path.slice(0, 120)} ${i.type ?? ''} ${JSON.stringify((i.body ?? '').slice(0, 80))} (${(i.body ?? '').length} chars)`
		);
		if (recent.length > 4) recent.shift();
		const headers: Record<string, string> = { accept: 'application/json' };
		// a header can only carry Latin-1 without control characters: the rest is sent as "?" (as a client would have to)
		if (i.auth !== undefined) headers.authorization = i.auth.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
		if (i.type) headers['content-type'] = i.type;
		const r = await (
			i.kind === 'verify'
				? ctx.fetch(i.path, {
						method: 'POST',
						data: Buffer.from(i.body ?? ''),
						headers,
						failOnStatusCode: false,
						maxRedirects: 0
					})
				: ctx.fetch(i.path, { method: 'GET', headers, failOnStatusCode: false, maxRedirects: 0 })
		).catch((e: Error) => {
			throw new Error(
				`no answer (${e.message.split('\n')[0]}); the last requests:\n${recent.map((x) => `    ${x}`).join('\n')}`
			);
		});
		const status = r.status();
		fuzzer.stats.statuses.set(status, (fuzzer.stats.statuses.get(status) ?? 0) + 1);
		// SvelteKit refuses a cross-site form post (a form content type without Origin) before any hook runs, without
		// reading the body; Node keeps the rest of a large body on the connection, so the next request sent on it is
		// reset. That happens outside the app (in adapter-node), so the fuzzer does not reuse such a connection.
		if (status === 403 && i.kind === 'verify' && /Cross-site/.test(await r.text())) {
			crossSite++;
			await ctx.dispose();
			ctx = await request.newContext({ baseURL });
		}
		if (status >= 500)
			throw new Error(
				`HTTP ${status} for ${i.note} ${i.path.slice(0, 200)} ${JSON.stringify((i.body ?? '').slice(0, 200))}: ${(await r.text()).slice(0, 200)}`
			);
		if (status < 400) fuzzer.stats.accepted++;
		else fuzzer.stats.refused++;
		// reads only: the tables must not change whatever the answer (checked per batch)
		if (fuzzer.stats.sent % BATCH === 0) {
			const now = await fuzzer.tables.hash();
			const diff = Tables.diff(fuzzer.baseline, now);
			fuzzer.baseline = now;
			if (diff.length)
				throw new Error(`API reads changed ${diff.join(', ')} (last: ${i.note} ${i.path.slice(0, 200)})`);
		}
	};
	const details = await fc.check(
		fc.asyncProperty(planned.arb, async (inputs) => {
			for (const i of inputs) await one(i);
		}),
		{ numRuns: planned.numRuns, seed: SEED, endOnFailure: true }
	);
	await ctx.dispose();
	console.log(`  API endpoints: ${sent} inputs (${crossSite} cross-site form posts refused by SvelteKit)`);
	if (details.failed)
		throw new Error(
			`fuzz property "API endpoints" failed after ${details.numRuns} runs (seed ${SEED}):\n${details.errorInstance}`
		);
}

// ── Reading pages ─────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * GET every page and endpoint as a role that may open it, with route parameters and query strings fuzzed: never a
 * 5xx. The tables are not compared here: reading legitimately writes (a session's sliding expiry, a module version
 * recorded the first time it is shown, a university's default practicum settings created on first use).
 */
async function readProperty(
	fuzzer: Fuzzer,
	contexts: Map<string, APIRequestContext>,
	routes: string[],
	s: Awaited<ReturnType<typeof stage>>,
	numRuns: number
) {
	const reads = routes
		.filter((r) => r.startsWith('GET ') && !r.startsWith('GET /logout'))
		.map((key) => {
			const expected = matrix.routes[key] ?? {};
			const roles = ['anonymous', ...ROLES].filter((r) => expected[r] === 200);
			return { key, route: key.slice(4), roles: roles.length ? roles : ['anonymous', 'learner', 'admin'] };
		});
	const segment = fc.oneof(
		edgeText,
		fc.constantFrom('%00', '%zz', '%', '..', '.', '%2F', 'null', '-1', '0', '00000000-0000-4000-8000-000000000000'),
		fc.string({ unit: 'binary', maxLength: 40 }),
		huge.map((x) => x.slice(0, 2_000))
	);
	const keyName = fc.oneof(
		fc.constantFrom(
			'q',
			'page',
			'cycle',
			'jurisdiction',
			'indicator',
			'from',
			'to',
			'area',
			'filter',
			'sort',
			'track',
			'level',
			'next',
			'code',
			'verified',
			'joined',
			'agreement',
			'resubmitted'
		),
		edgeText
	);
	const readArb = (target: fc.Arbitrary<(typeof reads)[number]>) =>
		fc.record({
			target,
			pick: fc.nat(),
			fuzzParams: fc.boolean(),
			params: fc.array(segment, { minLength: 3, maxLength: 3 }),
			query: fc.array(fc.tuple(keyName, fc.oneof(segment, fc.integer().map(String))), { maxLength: 4 }),
			raw: fc.constantFrom('', '', '', '&%00=%00', '&q=%E0%A4%A', '&&=&')
		});
	// pages are many and cheap to read: the sample reads each of them a third as often as a form action is posted
	const planned = plan(
		reads.map((r) => readArb(fc.constant(r))),
		readArb(fc.constantFrom(...reads)),
		numRuns,
		Math.ceil(PER_TARGET / 3)
	);
	type Read = typeof planned extends { arb: fc.Arbitrary<(infer R)[]> } ? R : never;
	const wellFormed = (x: string) => x.replace(/[\uD800-\uDFFF]/g, '\uFFFD');
	const started = Date.now();
	let inputs = 0;
	const one = async (r: Read) => {
		fuzzer.stats.sent++;
		inputs++;
		fuzzer.stats.reached.add(r.target.key);
		const role = r.target.roles[r.pick % r.target.roles.length];
		let i = 0;
		const path = r.fuzzParams
			? r.target.route.replace(/\[(\w+)\]/g, () => encodeURIComponentSafe(r.params[i++ % 3]))
			: resolve(r.target.route, s);
		const qs = new URLSearchParams(r.query.map(([k, v]) => [wellFormed(k), wellFormed(v)])).toString();
		const url = `${path}?${qs}${r.raw}`;
		const res = await contexts
			.get(role)!
			.get(url, { maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 })
			.catch((e: Error) => {
				throw new Error(`no answer (${e.message.split('\n')[0]}) for ${role} GET ${url.slice(0, 300)}`);
			});
		const status = res.status();
		fuzzer.stats.statuses.set(status, (fuzzer.stats.statuses.get(status) ?? 0) + 1);
		if (status >= 500)
			throw new Error(`HTTP ${status} for ${role} GET ${url.slice(0, 300)}: ${(await res.text()).slice(0, 200)}`);
		if (status < 400) fuzzer.stats.accepted++;
		else fuzzer.stats.refused++;
	};
	const details = await fc.check(
		fc.asyncProperty(planned.arb, async (rs) => {
			for (const r of rs) await one(r);
		}),
		{ numRuns: planned.numRuns, seed: SEED, endOnFailure: true }
	);
	console.log(`  pages and endpoints read: ${inputs} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	if (details.failed)
		throw new Error(
			`fuzz property "reading pages" failed after ${details.numRuns} runs (seed ${SEED}):\n${details.errorInstance}`
		);
}

/** encodeURIComponent that does not throw on a lone surrogate (it is sent as U+FFFD, as a browser would). */
function encodeURIComponentSafe(s: string) {
	return encodeURIComponent(
		s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
	);
}
