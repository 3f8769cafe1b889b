// Erasure on request: the person cannot log in, nothing personal remains in the main tables, the certificate still
// verifies as issued to a former holder, the indicators do not change and the audit log is untouched (and still
// refuses changes). Bad requests change nothing.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { personWithEverything } from '../../../../tests/helpers/person';
import { makeUser, PASSWORD, sessionUserOf } from '../../../../tests/helpers/db';
import { attemptLogin } from '../auth/login';
import { validateSessionToken } from '../auth/session';
import { lookupByCode } from '../certificates/verification';
import { readEvidence } from '../cpd/evidence';
import { indicatorCounts } from '../indicators/compute';
import type { Filters } from '../indicators/filters';
import { erasedEmail, erasePerson, eraseSchema } from './erasure';

const admin = async () => sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
const ip = () => `erase-test-${Math.random()}`;
const input = (email: string, reason = 'Request 2026-11-20, ref DP-7') =>
	eraseSchema.parse({ confirmEmail: email, reason });

/** Every text-like column of the application's tables (the audit log excepted: it is append-only by design). */
async function textColumns() {
	return db.$queryRaw<{ table_name: string; column_name: string }[]>`
		select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
		where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.table_name not in ('audit_events', '_prisma_migrations')
			and (c.data_type in ('text', 'character varying', 'json', 'jsonb') or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
		order by 1, 2`;
}

/** Where (table.column) any of the needles still occurs, case-insensitively. */
async function occurrences(needles: string[]) {
	const found: string[] = [];
	for (const { table_name, column_name } of await textColumns()) {
		for (const n of needles) {
			const rows = await db.$queryRawUnsafe<{ n: number }[]>(
				`select count(*)::int as n from "${table_name}" where strpos(lower("${column_name}"::text), lower($1)) > 0`,
				n
			);
			if (rows[0].n) found.push(`${table_name}.${column_name} ∋ ${n}`);
		}
	}
	return found;
}

const FILTERS: Filters = {
	areaId: null,
	areaCode: '',
	asOf: '2026-06-30',
	year: 2026,
	version: 'aggregate',
	partner: null,
	partnerCode: ''
};

describe('erasure on request', () => {
	it('pseudonymises the person, removes the login, keeps certificates verifiable, indicators and the audit log unchanged', async () => {
		const p = await personWithEverything();
		const a = await admin();
		expect(await occurrences([p.email, p.name, p.nationalId])).not.toEqual([]); // the search finds them before
		const auditWhere = { OR: [{ actorId: p.user.id }, { subjectId: p.user.id }] };
		const auditBefore = await db.auditEvent.findMany({ where: auditWhere, orderBy: { id: 'asc' } });
		const indicatorsBefore = await indicatorCounts(p.j.id, FILTERS);
		expect(indicatorsBefore.find((g) => g.dimension === 'total')).toMatchObject({
			vacWorkers: 1,
			vacCertified: 1,
			ramWorkers: 1
		});

		const summary = await erasePerson(a, p.user.id, input(p.email.toUpperCase()), ip());
		expect(summary).toMatchObject({
			sessions: 1,
			roles: 1,
			invitations: 1,
			notifications: 1,
			identifiers: 1,
			licences: 1,
			certificates: 1,
			evidenceFiles: 1
		});

		const user = await db.user.findUniqueOrThrow({ where: { id: p.user.id } });
		expect(user).toMatchObject({ name: 'Former user', email: erasedEmail(p.user.id), emailVerifiedAt: null });
		expect(user.erasedAt).not.toBeNull();
		expect(await db.emailToken.count({ where: { userId: p.user.id } })).toBe(0);

		// nothing personal remains in any text column of the main tables
		expect(await occurrences([p.email, p.name, p.nationalId, `Quillfeather ${p.tag}`])).toEqual([]);
		// the login is gone: old address, new address, old session (a failed login with the old address leaves a
		// throttling row keyed by it, which the sweeper drops after a day)
		await expect(attemptLogin(p.email, PASSWORD, ip())).rejects.toMatchObject({ status: 400 });
		await expect(attemptLogin(erasedEmail(p.user.id), PASSWORD, ip())).rejects.toMatchObject({ status: 400 });
		expect(await validateSessionToken(p.signIn.token)).toBeNull();
		// other people's notices keep their sense without the name
		expect((await db.notification.findUniqueOrThrow({ where: { id: p.mention.id } })).body).toBe(
			`Former user logged hours (${erasedEmail(p.user.id)}).`
		);

		// the records others rely on stay: workforce row with its HRIS fields, licence, CPD entry, hours
		expect(await db.workerProfile.findUniqueOrThrow({ where: { id: p.worker.id } })).toMatchObject({
			userId: p.user.id,
			givenName: 'Former',
			familyName: 'holder',
			email: null,
			sex: 'FEMALE',
			cadre: 'PROF_SW',
			cpFrom: new Date('2020-01-01')
		});
		expect(await db.licence.findUniqueOrThrow({ where: { id: p.licence.id } })).toMatchObject({
			holderName: 'Former holder',
			status: 'ACTIVE',
			workerProfileId: p.worker.id
		});
		expect(await db.cpdEntry.count({ where: { userId: p.user.id } })).toBe(1);
		expect(await indicatorCounts(p.j.id, FILTERS)).toEqual(indicatorsBefore);

		// the certificate still verifies, as issued to a former holder
		expect(await lookupByCode(p.certificate.code)).toMatchObject({
			status: 'valid',
			holderName: null,
			formerHolder: true,
			programme: p.programme.title
		});
		expect(await db.certificate.findUniqueOrThrow({ where: { id: p.certificate.id } })).toMatchObject({
			holderName: '',
			holderErased: true,
			credential: null
		});

		// evidence bytes emptied; the row stays; downloading answers 410 Gone
		const file = await db.evidenceFile.findUniqueOrThrow({ where: { id: p.file.id } });
		expect(file.data.length).toBe(0);
		expect(file.purgedAt).not.toBeNull();
		expect(file.filename).toBe('erased.pdf');
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: p.j.id }])).id);
		await expect(readEvidence(regulator, p.file.id, ip())).rejects.toMatchObject({ status: 410 });

		// the audit log: the earlier events exactly as they were, plus one person.erased; still append-only
		const auditAfter = await db.auditEvent.findMany({ where: auditWhere, orderBy: { id: 'asc' } });
		expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
		expect(auditAfter.slice(auditBefore.length).map((e) => [e.action, e.actorId, e.reason])).toEqual([
			['person.erased', a.id, 'Request 2026-11-20, ref DP-7']
		]);
		const erased = auditAfter.at(-1)!;
		expect(JSON.stringify({ ...erased, id: String(erased.id) })).not.toContain(p.email);
		await expect(db.$executeRaw`update audit_events set reason = 'changed' where id = ${erased.id}`).rejects.toThrow(
			/append-only/
		);
		await expect(db.$executeRaw`delete from audit_events where id = ${auditBefore[0].id}`).rejects.toThrow(
			/append-only/
		);

		// a second erasure is refused
		await expect(erasePerson(a, p.user.id, input(erasedEmail(p.user.id)), ip())).rejects.toMatchObject({ status: 409 });
	});

	it('only an admin erases, never themselves, and only with the right email and a reason that does not name the person', async () => {
		const p = await personWithEverything();
		const a = await admin();
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: p.j.id }])).id);
		const unchanged = async () => {
			expect(await db.user.findUniqueOrThrow({ where: { id: p.user.id } })).toMatchObject({
				name: p.name,
				email: p.email,
				erasedAt: null
			});
			expect(await db.session.count({ where: { userId: p.user.id } })).toBe(1);
			expect(await db.auditEvent.count({ where: { action: 'person.erased', subjectId: p.user.id } })).toBe(0);
		};
		await expect(erasePerson(regulator, p.user.id, input(p.email), ip())).rejects.toMatchObject({ status: 403 });
		await expect(erasePerson(p.learner, p.user.id, input(p.email), ip())).rejects.toMatchObject({ status: 403 });
		await expect(erasePerson(a, a.id, input(a.email), ip())).rejects.toMatchObject({ status: 400 });
		await expect(erasePerson(a, p.user.id, input('someone-else@example.org'), ip())).rejects.toMatchObject({
			fields: { confirmEmail: expect.any(String) }
		});
		await expect(erasePerson(a, p.user.id, input(p.email, `Asked by ${p.name}`), ip())).rejects.toMatchObject({
			fields: { reason: expect.any(String) }
		});
		await expect(erasePerson(a, '00000000-0000-4000-8000-00000000dead', input(p.email), ip())).rejects.toMatchObject({
			status: 404
		});
		await unchanged();
		// the form: empty, overlong and wrong-typed input give one message per field
		const bad = eraseSchema.safeParse({ confirmEmail: 'x'.repeat(10_000), reason: 7 });
		expect(bad.success).toBe(false);
		expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['confirmEmail', 'reason']));
		expect(eraseSchema.safeParse({}).success).toBe(false);
		await unchanged();
	});

	it('two admins erasing at once erase once', async () => {
		const p = await personWithEverything();
		const [a, b] = await Promise.all([admin(), admin()]);
		const results = await Promise.allSettled([
			erasePerson(a, p.user.id, input(p.email), ip()),
			erasePerson(b, p.user.id, input(p.email), ip())
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
		expect(await db.auditEvent.count({ where: { action: 'person.erased', subjectId: p.user.id } })).toBe(1);
	});
});
