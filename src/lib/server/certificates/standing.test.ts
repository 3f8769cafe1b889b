// "A valid recognised certificate" is defined once in TypeScript (standing.ts); the indicators read a copy the
// database keeps as date spans on each worker (refresh_worker_spans), for speed. This runs both on the same
// certificates, day by day around their first and last days, and compares; and the verification page's status
// around local midnight.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { makeJurisdiction, makeOrg } from '../../../../tests/helpers/db';
import { certificateStatus, countsFor } from './standing';
import { dayOf } from '$lib/calendar-day';
import { lookupByCode } from './verification';

type Case = {
	what: string;
	programme: 'confirmed' | 'requested' | 'withdrawn' | 'refused' | 'elsewhere';
	issuedOn: string;
	expiresOn: string | null;
	/** the revocation's effective day: the first day it no longer counts */
	revokedOn?: string;
	/** issued in the other jurisdiction (with its programme) to a worker of this one */
	issuedElsewhere?: boolean;
};

const cases: Case[] = [
	{ what: 'valid', programme: 'confirmed', issuedOn: '2026-01-10', expiresOn: '2027-01-09' },
	{ what: 'no expiry', programme: 'confirmed', issuedOn: '2026-01-10', expiresOn: null },
	{ what: 'expired', programme: 'confirmed', issuedOn: '2024-01-10', expiresOn: '2026-01-09' },
	{ what: 'revoked', programme: 'confirmed', issuedOn: '2026-01-10', expiresOn: '2027-01-09', revokedOn: '2026-06-30' },
	{
		what: 'revoked from its first day',
		programme: 'confirmed',
		issuedOn: '2026-01-10',
		expiresOn: '2027-01-09',
		revokedOn: '2026-01-10'
	},
	{ what: 'unrecognised', programme: 'requested', issuedOn: '2026-01-10', expiresOn: '2027-01-09' },
	{ what: 'refused', programme: 'refused', issuedOn: '2026-01-10', expiresOn: '2027-01-09' },
	{ what: 'withdrawn recognition', programme: 'withdrawn', issuedOn: '2026-01-10', expiresOn: '2027-01-09' },
	{ what: "another jurisdiction's programme", programme: 'elsewhere', issuedOn: '2026-01-10', expiresOn: null },
	{
		what: 'issued in another jurisdiction',
		programme: 'elsewhere',
		issuedOn: '2026-01-10',
		expiresOn: null,
		issuedElsewhere: true
	}
];
const days = [
	'2024-01-09',
	'2024-01-10',
	'2026-01-09',
	'2026-01-10',
	'2026-06-29',
	'2026-06-30',
	'2027-01-09',
	'2027-01-10'
];

describe('a valid recognised certificate', () => {
	it('the database spans the indicators read agree with the TypeScript rule, case by case and day by day', async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const otherProvider = await makeOrg(other.id, 'TRAINING_PROVIDER');
		const programme = (jurisdictionId: string, providerId: string, recognitionStatus: string) =>
			db.programme.create({
				data: {
					jurisdictionId,
					providerId,
					code: randomUUID().slice(0, 8),
					title: 'P',
					createdById: randomUUID(),
					recognitionStatus: recognitionStatus as never,
					childProtection: true
				}
			});
		const programmes = {
			confirmed: await programme(j.id, provider.id, 'CONFIRMED'),
			requested: await programme(j.id, provider.id, 'REQUESTED'),
			refused: await programme(j.id, provider.id, 'REFUSED'),
			withdrawn: await programme(j.id, provider.id, 'CONFIRMED'), // withdrawn below, after issuing
			elsewhere: await programme(other.id, otherProvider.id, 'CONFIRMED')
		};

		const workers: { c: Case; workerId: string }[] = [];
		for (const c of cases) {
			const w = await db.workerProfile.create({
				data: { jurisdictionId: j.id, givenName: 'W', familyName: c.what }
			});
			await db.certificate.create({
				data: {
					jurisdictionId: c.issuedElsewhere ? other.id : j.id,
					programmeId: programmes[c.programme].id,
					userId: randomUUID(),
					workerId: w.id,
					holderName: 'W',
					sequence: 1,
					code: randomUUID(),
					issuedOn: new Date(`${c.issuedOn}T00:00:00Z`),
					expiresOn: c.expiresOn ? new Date(`${c.expiresOn}T00:00:00Z`) : null,
					revokedAt: c.revokedOn ? new Date('2026-01-10T00:00:00Z') : null,
					revokedOn: c.revokedOn ? new Date(`${c.revokedOn}T00:00:00Z`) : null,
					competencies: [],
					evidence: {}
				}
			});
			workers.push({ c, workerId: w.id });
		}
		// withdrawn from 30 June 2026: its certificate counts through the 29th, not from the 30th
		await db.programme.update({
			where: { id: programmes.withdrawn.id },
			data: { recognitionStatus: 'WITHDRAWN', recognitionFrom: new Date('2026-06-30T00:00:00Z') }
		});
		const current = Object.fromEntries(
			(
				await db.programme.findMany({
					where: { id: { in: Object.values(programmes).map((p) => p.id) } },
					include: { recognitionPeriods: true }
				})
			).map((p) => [
				p.id,
				{
					jurisdictionId: p.jurisdictionId,
					recognitionPeriods: p.recognitionPeriods.map((r) => ({
						fromOn: dayOf(r.fromOn),
						toOn: r.toOn && dayOf(r.toOn)
					}))
				}
			])
		);

		const sql: string[] = [];
		const ts: string[] = [];
		for (const { c, workerId } of workers) {
			const rows = await db.$queryRaw<{ day: string; counts: boolean }[]>`
				select d::text as day, w.certified_aggregate @> d as counts
				from worker_profiles w, unnest(${days}::date[]) d where w.id = ${workerId}::uuid order by d`;
			const p = current[programmes[c.programme].id];
			for (const r of rows) {
				sql.push(`${c.what} ${r.day}: ${r.counts}`);
				const certificate = {
					jurisdictionId: c.issuedElsewhere ? other.id : j.id,
					issuedOn: c.issuedOn,
					expiresOn: c.expiresOn,
					revokedOn: c.revokedOn ?? null
				};
				ts.push(`${c.what} ${r.day}: ${countsFor(j.id, certificate, p, r.day)}`);
			}
		}
		expect(sql).toEqual(ts);
		expect(sql.filter((l) => l.endsWith('true')).length).toBeGreaterThan(3); // the comparison is not all "false"
	});

	it('the verification page judges the day in the jurisdiction, at 23:59 and 00:01 local', async () => {
		const j = await db.jurisdiction.create({
			data: { code: `T${randomUUID().slice(0, 6)}`, name: 'Zone', timeZone: 'Pacific/Auckland' } // UTC+13 in January
		});
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const p = await db.programme.create({
			data: { jurisdictionId: j.id, providerId: provider.id, code: 'P', title: 'P', createdById: randomUUID() }
		});
		const w = await db.workerProfile.create({ data: { jurisdictionId: j.id, givenName: 'W', familyName: 'V' } });
		const code = randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
		await db.certificate.create({
			data: {
				jurisdictionId: j.id,
				programmeId: p.id,
				userId: randomUUID(),
				workerId: w.id,
				holderName: 'W',
				sequence: 1,
				code,
				issuedOn: new Date('2026-01-10T00:00:00Z'),
				expiresOn: new Date('2027-01-09T00:00:00Z'),
				competencies: [],
				evidence: {}
			}
		});
		const at = async (utc: string) => (await lookupByCode(code, new Date(utc)))?.status;
		const dates = { issuedOn: '2026-01-10', expiresOn: '2027-01-09', revokedOn: null };
		// 23:59 on 9 January 2026 in Auckland is 10:59 UTC; 00:01 on the 10th is 11:01 UTC
		expect(await at('2026-01-09T10:59:00Z')).toBe(certificateStatus(dates, '2026-01-09'));
		expect(await at('2026-01-09T10:59:00Z')).toBe('not_yet_valid');
		expect(await at('2026-01-09T11:01:00Z')).toBe('valid');
		expect(await at('2027-01-09T10:59:00Z')).toBe('valid'); // the last day, 23:59 local
		expect(await at('2027-01-09T11:01:00Z')).toBe(certificateStatus(dates, '2027-01-10'));
		expect(await at('2027-01-09T11:01:00Z')).toBe('expired');
	});
});
