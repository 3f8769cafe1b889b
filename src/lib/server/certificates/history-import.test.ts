import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { importFile } from '../../../../tests/helpers/imports';
import { createImport } from '../imports/run';
import { newVerificationCode } from './code';
import { historyImport } from './history-import';
import { lookupByCode } from './verification';
import { learnerOverview } from './issuance';
import { linkOrCreateWorker } from '../people/workers';
import { indicatorCounts } from '../indicators/compute';
import { m } from '$lib/paraglide/messages';

const HEADER = 'provider_code,programme_code,national_worker_id,licence_number,issued_on,expires_on,certificate_number';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

async function setup() {
	const j = await makeJurisdiction();
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
	const programme = (providerId: string, code: string) =>
		db.programme.create({
			data: {
				jurisdictionId: j.id,
				providerId,
				code,
				title: `Programme ${code}`,
				competencies: ['CORE.ETHICS'],
				validityMonths: 24,
				recognitionStatus: 'CONFIRMED',
				childProtection: true,
				deliveredOutside: true,
				createdById: admin.id
			}
		});
	const cp = await programme(provider.id, 'CP-101');
	await programme(other.id, 'CP-900');
	const tag = randomUUID().slice(0, 6);
	// a worker known only from the workforce records: no account
	const worker = await db.workerProfile.create({
		data: {
			jurisdictionId: j.id,
			givenName: 'Ama',
			familyName: 'Mensah',
			identifiers: {
				create: [
					{ jurisdictionId: j.id, kind: 'NATIONAL_WORKER_ID', value: `N-${tag}` },
					{ jurisdictionId: j.id, kind: 'LICENCE_NUMBER', value: `L-${tag}` }
				]
			}
		}
	});
	const certificates = () =>
		db.certificate.findMany({ where: { jurisdictionId: j.id }, orderBy: [{ externalNumber: 'asc' }] });
	const covered = async (on: string) => {
		const [row] = await db.$queryRaw<{ ok: boolean }[]>`
			select certified_aggregate @> ${on}::date as ok from worker_profiles where id = ${worker.id}::uuid`;
		return row.ok;
	};
	return { j, provider, other, admin, cp, worker, nwid: `N-${tag}`, licence: `L-${tag}`, certificates, covered };
}

describe('certificates import on the database', () => {
	it('records certificates for a worker without an account, and they count in the indicators', async () => {
		const s = await setup();
		const code = s.provider.code;
		const text = csv(`${code},CP-101,${s.nwid},,2019-06-14,,A-1`, `${code},CP-101,,${s.licence},2021-06-14,,A-2`);
		const job = await importFile(s.admin, 'certificates', s.j.id, text);
		expect(job.status).toBe('done');
		expect(job.report).toMatchObject({ added: 2, changed: 0, unchanged: 0 });
		const rows = await s.certificates();
		expect(rows.map((c) => [c.externalNumber, c.sequence, c.issuedOn, c.expiresOn])).toEqual([
			['A-1', 1, day('2019-06-14'), day('2021-06-13')],
			['A-2', 2, day('2021-06-14'), day('2023-06-13')]
		]);
		expect(rows[0]).toMatchObject({
			source: 'RECORDED',
			userId: null,
			workerId: s.worker.id,
			recordedFromId: s.provider.id,
			programmeId: s.cp.id,
			holderName: 'Ama Mensah',
			issuedById: s.admin.id,
			competencies: ['CORE.ETHICS'],
			credential: null,
			evidence: { recorded: { provider: code, number: 'A-1', importJob: job.id } }
		});
		expect(await s.covered('2019-06-14')).toBe(true);
		expect(await s.covered('2019-06-13')).toBe(false);
		const events = await db.auditEvent.findMany({ where: { subjectId: job.id }, orderBy: { id: 'asc' } });
		expect(events.map((e) => e.action)).toEqual(['certificate.recorded', 'import.certificates']);
	});

	it('the same file again is all unchanged and writes nothing', async () => {
		const s = await setup();
		const text = csv(`${s.provider.code},CP-101,${s.nwid},${s.licence},2019-06-14,,A-1`);
		expect((await importFile(s.admin, 'certificates', s.j.id, text)).status).toBe('done');
		const before = await s.certificates();
		const again = await importFile(s.admin, 'certificates', s.j.id, text);
		expect(again.status).toBe('unchanged');
		expect(again.preview!.counts).toEqual({ add: 0, change: 0, unchanged: 1, refused: 0 });
		expect(await s.certificates()).toEqual(before);
	});

	it('a certificate already recorded is not rewritten by a later file', async () => {
		const s = await setup();
		await importFile(s.admin, 'certificates', s.j.id, csv(`${s.provider.code},CP-101,${s.nwid},,2019-06-14,,A-1`));
		const before = await s.certificates();
		const job = await importFile(
			s.admin,
			'certificates',
			s.j.id,
			csv(`${s.provider.code},CP-101,${s.nwid},,2019-06-15,,A-1`)
		);
		expect(job.status).toBe('refused');
		expect(job.report!.problems).toEqual([
			{
				line: 2,
				column: 'certificate_number',
				code: 'recorded_differently',
				params: { value: 'A-1', fields: 'issued_on' }
			}
		]);
		expect(await s.certificates()).toEqual(before);
	});

	it('a recorded certificate follows the worker’s certificates of the programme already issued', async () => {
		const s = await setup();
		await db.certificate.create({
			data: {
				jurisdictionId: s.j.id,
				programmeId: s.cp.id,
				workerId: s.worker.id,
				holderName: 'Ama Mensah',
				sequence: 1,
				code: newVerificationCode(),
				issuedOn: day('2024-01-10'),
				competencies: [],
				evidence: {}
			}
		});
		await importFile(s.admin, 'certificates', s.j.id, csv(`${s.provider.code},CP-101,${s.nwid},,2018-01-10,,OLD-7`));
		const recorded = (await s.certificates()).find((c) => c.externalNumber === 'OLD-7');
		expect(recorded?.sequence).toBe(2);
	});

	it('a file read in several chunks numbers one worker’s certificates in file order across the chunks', async () => {
		const s = await setup();
		const lines = Array.from({ length: 1200 }, (_, i) => `${s.provider.code},CP-101,${s.nwid},,2018-01-01,,N-${i + 1}`);
		expect((await importFile(s.admin, 'certificates', s.j.id, csv(...lines))).status).toBe('done');
		const rows = await db.certificate.findMany({ where: { workerId: s.worker.id }, orderBy: { sequence: 'asc' } });
		expect(rows.map((c) => c.externalNumber)).toEqual(lines.map((_, i) => `N-${i + 1}`));
		expect(rows.at(-1)?.sequence).toBe(1200);
	});

	it('a file naming an unknown worker refuses that row in the preview and writes nothing', async () => {
		const s = await setup();
		const text = csv(
			`${s.provider.code},CP-101,${s.nwid},,2019-06-14,,A-1`,
			`${s.provider.code},CP-101,NOBODY,,2019-06-14,,A-2`
		);
		const job = await importFile(s.admin, 'certificates', s.j.id, text);
		expect(job.status).toBe('refused');
		expect(job.preview!.counts.refused).toBe(1);
		expect(job.report!.problems).toEqual([
			{ line: 3, column: 'national_worker_id', code: 'unknown_worker', params: { value: 'NOBODY' } }
		]);
		expect(await s.certificates()).toEqual([]);
	});

	it('a provider member records their own provider’s certificates, not another’s', async () => {
		const s = await setup();
		const member = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: s.provider.id }])).id);
		const theirs = csv(`${s.other.code},CP-900,${s.nwid},,2019-06-14,,B-1`);
		const refused = await importFile(member, 'certificates', s.j.id, theirs);
		expect(refused.status).toBe('refused');
		expect(refused.report!.problems.map((p) => [p.line, p.code])).toEqual([[2, 'not_your_provider']]);
		expect(await s.certificates()).toEqual([]);
		const own = await importFile(
			member,
			'certificates',
			s.j.id,
			csv(`${s.provider.code},CP-101,${s.nwid},,2019-06-14,,A-1`)
		);
		expect(own.status).toBe('done');
		expect((await s.certificates()).map((c) => [c.externalNumber, c.issuedById])).toEqual([['A-1', member.id]]);
	});

	it('a person without a role in the jurisdiction may not import certificates', async () => {
		const s = await setup();
		const elsewhere = await makeJurisdiction();
		const outsider = await sessionUserOf(
			(
				await makeUser([
					{ role: 'LEARNER', jurisdictionId: s.j.id },
					{ role: 'REGULATOR', jurisdictionId: elsewhere.id }
				])
			).id
		);
		expect(historyImport.allowed(outsider, s.j.id)).toBe(false);
		await expect(createImport(outsider, 'certificates', s.j.id, csv())).rejects.toBeInstanceOf(Forbidden);
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: s.j.id }])).id);
		expect(historyImport.allowed(regulator, s.j.id)).toBe(true);
	});
});

describe('a recorded certificate and its holder (docs/new-country.md)', () => {
	it('verifies without an account: valid, and recorded from the provider’s records with its number', async () => {
		const s = await setup();
		await importFile(s.admin, 'certificates', s.j.id, csv(`${s.provider.code},CP-101,${s.nwid},,2019-06-14,,A-1`));
		const [c] = await s.certificates();
		expect(c.userId).toBeNull();
		const seen = await lookupByCode(c.code, new Date('2020-01-15T12:00:00Z'));
		expect(seen).toMatchObject({
			status: 'valid',
			holderName: 'Ama Mensah',
			programme: 'Programme CP-101',
			provider: s.provider.name,
			issuedOn: '2019-06-14',
			expiresOn: '2021-06-13',
			recorded: { number: 'A-1' }
		});
		// what /verify/{code} says of it
		expect(m.verify_recorded_number({ provider: seen!.provider, number: seen!.recorded!.number! })).toBe(
			`Recorded from ${s.provider.name}'s records, no. A-1`
		);
		// after its expiry it says so; it is still found
		expect((await lookupByCode(c.code, new Date('2021-06-14T12:00:00Z')))?.status).toBe('expired');
	});

	it('an account linked to the worker later keeps the certificate: still counted, now listed for the person', async () => {
		const s = await setup();
		const user = await makeUser();
		// the workforce record knows the person's address, employment and responsibility; no account yet
		await db.workerProfile.update({
			where: { id: s.worker.id },
			data: { email: user.email, employmentStart: day('2018-01-01'), cpFrom: day('2018-01-01') }
		});
		await importFile(s.admin, 'certificates', s.j.id, csv(`${s.provider.code},CP-101,${s.nwid},,2019-06-14,,A-1`));
		const counted = async () => {
			const filters = {
				areaId: null,
				areaCode: '',
				asOf: '2020-01-15',
				year: 2020,
				partner: null,
				partnerCode: ''
			} as const;
			const total = (rows: Awaited<ReturnType<typeof indicatorCounts>>) => rows.find((r) => r.dimension === 'total');
			const [aggregate, strict] = await Promise.all([
				indicatorCounts(s.j.id, { ...filters, version: 'aggregate' }),
				indicatorCounts(s.j.id, { ...filters, version: 'strict' })
			]);
			// CP-101 prepares for child protection, not for child victims: the aggregate version only
			return [total(aggregate), total(strict)].map((t) => [t?.vacCertified, t?.vacWorkers]);
		};
		expect(await counted()).toEqual([
			[1, 1],
			[0, 1]
		]);
		expect((await learnerOverview(user.id)).certificates).toEqual([]);

		await db.$transaction((tx) => linkOrCreateWorker(tx, user, s.j.id, null));
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: s.worker.id } })).userId).toBe(user.id);
		expect(await s.covered('2019-06-14')).toBe(true);
		expect(await counted()).toEqual([
			[1, 1],
			[0, 1]
		]);
		const listed = (await learnerOverview(user.id)).certificates;
		expect(listed.map((c) => [c.externalNumber, c.userId, c.workerId, c.source])).toEqual([
			['A-1', user.id, s.worker.id, 'RECORDED']
		]);
		expect(listed[0].programme).toMatchObject({ title: 'Programme CP-101', provider: { name: s.provider.name } });
	});
});
