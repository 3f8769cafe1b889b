// Regressions for what the fuzz tests (tests/e2e/fuzz.spec.ts) found: each input below answered a 500, stored a
// wrong date or broke a page before its fix. They must now be refused with a message (or handled), never a 500.
import { describe, expect, it } from 'vitest';
import { stringify } from 'devalue';
import { db } from './db';
import { parseForm } from './forms/parse';
import { calendarDay, text } from './forms/fields';
import { claimSchema, regulatorLicence } from './licensing/licences';
import { sampleSchema } from './licensing/audits';
import { startImport } from './licensing/import';
import { activitySchema } from './cpd/ledger';
import { storeEvidence } from './cpd/evidence';
import { hoursSchema } from './practicum/hours';
import { parseEvaluation } from './practicum/evaluations';
import { logSession, sessionSchema } from './supervision/sessions';
import { eventSchema } from './certificates/events';
import { plainProgramme } from './certificates/programmes';
import { postedJurisdiction, reportContext } from './indicators/context';
import { startImport as startCsvImport } from './imports/run';
import './imports/kinds';
import { licensedWorker } from '../../../tests/helpers/licensing';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../tests/helpers/db';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
	return f;
};

describe('a NUL character (PostgreSQL text cannot hold one)', () => {
	it('POST /cpd?/claim number="5&xx\\0MvI…" is refused beside the field instead of a database error', () => {
		const parsed = parseForm(claimSchema, form({ number: '5&xx\u0000MvI-H8T|v;' }));
		expect(parsed).toMatchObject({ ok: false, errors: { number: expect.stringMatching(/cannot be stored/) } });
		expect(text(100).safeParse('a\u0000b').success).toBe(false);
	});

	it('any form field or field name with a NUL is refused by parseForm, whatever the schema', async () => {
		const { z } = await import('zod');
		expect(parseForm(z.object({ a: z.string() }), form({ a: 'fine', ['x\u0000']: 'y' }))).toMatchObject({
			ok: false,
			errors: { 'x\u0000': expect.any(String) }
		});
	});

	it('POST …?/evaluate comment="Qx\\0uX" (read by hand, not by parseForm) is refused', () => {
		const parsed = parseEvaluation(form({ kind: 'MIDTERM', comment: 'Qx\u0000uX', 'rating.C1': '2' }), ['C1']);
		expect(parsed).toMatchObject({ ok: false, errors: { comment: expect.any(String) } });
	});

	it('POST /regulator/import with a binary file (NUL bytes) is refused, and no job is queued', async () => {
		const a = await licensedWorker();
		await expect(startImport(a.regulator, 'number,holder_name\nA\u0000,B')).rejects.toMatchObject({
			status: 400,
			fields: { file: expect.any(String) }
		});
		expect(await db.importJob.count({ where: { createdById: a.regulator.id } })).toBe(0);
	});

	it('a workforce file with a NUL is refused beside the file field, no job written', async () => {
		const j = await makeJurisdiction();
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		await expect(startCsvImport(admin, 'workforce', j.id, 'national_worker_id\nA\u0000')).rejects.toMatchObject({
			status: 400,
			fields: { file: expect.any(String) }
		});
		expect(await db.importJob.count({ where: { jurisdictionId: j.id } })).toBe(0);
	});

	it('POST /reports/indicators/population?/save jurisdiction="sbi[kQDjpx\\0r9" (and ?jurisdiction= on the pages) is 404', async () => {
		await expect(postedJurisdiction('sbi[kQDjpx\u0000r9')).rejects.toMatchObject({ status: 404 });
		const j = await makeJurisdiction();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: j.id }])).id);
		await expect(reportContext(analyst, 'x\u0000')).rejects.toMatchObject({ status: 404 });
	});

	it('a licence number with a NUL (GET /regulator/licences/…, the compliance API) is not found', async () => {
		const a = await licensedWorker();
		await expect(regulatorLicence(a.regulator, 'SW\u00001')).rejects.toMatchObject({ status: 404 });
	});
});

describe('dates that do not exist', () => {
	it('a calendarDay() field refuses what JavaScript would roll over, and years outside 1900–2999', () => {
		for (const d of [
			'2026-02-30',
			'2026-02-29',
			'2026-04-31',
			'2026-13-01',
			'2026-00-10',
			'0000-00-00',
			'0000-01-01',
			'9999-99-99',
			'3000-01-01',
			'2026-1-1',
			' 2026-01-01',
			'2026-01-01T00:00:00Z',
			''
		])
			expect(calendarDay().safeParse(d).success, d).toBe(false);
		for (const d of ['2024-02-29', '2026-01-31', '1900-01-01', '2999-12-31'])
			expect(calendarDay().safeParse(d)).toEqual({ success: true, data: d });
	});

	it('POST /regulator/audits from="2026-04-31" was accepted (as 1 May); now refused', () => {
		expect(
			sampleSchema.safeParse({ percent: '2.5', from: '2026-04-31', to: '2026-10-09', request: 'Send the certificates' })
				.success
		).toBe(false);
	});

	it('a CPD activity on 2026-02-30 was stored as 2 March; hours and supervision sessions on 0000-00-00 were a 500', () => {
		expect(
			activitySchema('2026-12-31').safeParse({
				title: 't',
				providerName: 'p',
				activityDate: '2026-02-30',
				credits: '1',
				category: 'ethics',
				activityType: 'in-person'
			}).success
		).toBe(false);
		expect(hoursSchema.safeParse({ date: '0000-00-00', hours: '2', activity: 'Home visits' }).success).toBe(false);
		expect(
			sessionSchema.safeParse({
				date: '2026-13-01',
				minutes: '60',
				format: 'INDIVIDUAL',
				functions: ['educational'],
				supervisees: ['00000000-0000-4000-8000-000000000000']
			}).success
		).toBe(false);
	});

	it('POST …?/event startsOn="2026/01/01" endsOn="99999-12-31" threw inside the schema (a 500); an event until 2999 is refused at once', () => {
		const bad = eventSchema.safeParse({
			title: 'T',
			mode: 'LIVE_ONLINE',
			startsOn: '2026/01/01',
			endsOn: '99999-12-31'
		});
		expect(bad.success).toBe(false);
		const started = performance.now();
		const long = eventSchema.safeParse({
			title: 'T',
			mode: 'LIVE_ONLINE',
			startsOn: '2026-01-01',
			endsOn: '2999-12-31'
		});
		expect(long.success).toBe(false);
		expect(performance.now() - started).toBeLessThan(100); // counted, not a list of 355,000 days
	});
});

describe('repeated fields', () => {
	it('POST /supervision?/log with the same supervisee twice was a unique-key 500; now one attendance', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const supervisor = await sessionUserOf((await makeUser([{ role: 'SUPERVISOR', organisationId: org.id }])).id);
		const supervisee = await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }]);
		await db.supervisionAssignment.create({
			data: {
				supervisorId: supervisor.id,
				superviseeId: supervisee.id,
				organisationId: org.id,
				jurisdictionId: j.id,
				startsOn: new Date('2026-01-01'),
				createdById: supervisor.id
			}
		});
		const input = sessionSchema.parse({
			date: '2026-11-21',
			minutes: '12',
			format: 'PEER',
			functions: ['administrative', 'supportive', 'supportive'],
			supervisees: [supervisee.id, supervisee.id]
		});
		const session = await logSession(supervisor, input);
		expect(await db.sessionAttendee.count({ where: { sessionId: session.id } })).toBe(1);
		expect(session.functions).toEqual(['administrative', 'supportive']);
	});
});

describe('pages', () => {
	it('GET /learn/…/assessment?track=<8 KB of Hebrew> signed out: the login redirect overflowed the Location header', async () => {
		const { loginRedirect } = await import('./auth/guards');
		expect(loginRedirect(new URL(`http://credo.test/learn/x/assessment?track=${'ש'.repeat(5_000)}`))).toBe(
			'/login?next=%2Flearn%2Fx%2Fassessment'
		);
		expect(loginRedirect(new URL('http://credo.test/cpd?x=1'))).toBe('/login?next=%2Fcpd%3Fx%3D1');
		expect(loginRedirect(new URL(`http://credo.test/${'a'.repeat(3_000)}`))).toBe('/login');
	});

	it('a programme with an hours minimum can be sent to a page (a Prisma Decimal cannot: the list, event and recognition pages were 500s)', async () => {
		const { Prisma } = await import('./generated/prisma/client');
		const row = {
			id: 'p',
			minPracticumHours: new Prisma.Decimal('2.5'),
			minSupervisionHours: null,
			contactHours: new Prisma.Decimal('37.5')
		};
		expect(() => stringify(row)).toThrow();
		expect(stringify(plainProgramme(row))).toContain('2.5');
		expect(stringify(plainProgramme(row))).toContain('37.5');
	});

	it('an evidence file of 12 bytes that starts like a PNG was a 500 (the type parser ran out of bytes): refused, none stored', async () => {
		const w = await licensedWorker();
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const before = await db.evidenceFile.count({ where: { ownerId: w.user.id } });
		await expect(
			storeEvidence(db, { id: w.user.id, jurisdictionId: w.j.id }, new File([png], 'scan.png'))
		).rejects.toMatchObject({ status: 400 });
		expect(await db.evidenceFile.count({ where: { ownerId: w.user.id } })).toBe(before);
	});
});
