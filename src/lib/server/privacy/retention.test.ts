// Evidence retention: who sets the period, what the purge empties (and what it keeps), one audit event per run, the
// daily schedule, and 410 Gone for a purged file. The clock is injected.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day, licensedWorker, PDF } from '../../../../tests/helpers/licensing';
import { readEvidence } from '../cpd/evidence';
import { PURGE_ACTION, purgeExpiredEvidence, retentionSchema, retentionSweep, setRetention } from './retention';

const ip = () => `retention-${Math.random()}`;

async function file(ownerId: string, jurisdictionId: string, createdAt: Date) {
	return db.evidenceFile.create({
		data: {
			ownerId,
			jurisdictionId,
			filename: 'proof.pdf',
			contentType: 'application/pdf',
			size: PDF.length,
			sha256: 'x'.repeat(64),
			data: PDF,
			createdAt
		}
	});
}

describe('evidence retention', () => {
	it("the jurisdiction's regulator and admins set the period; others cannot; bad values are field messages", async () => {
		const w = await licensedWorker();
		const other = await makeJurisdiction();
		const otherRegulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: other.id }])).id);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		await setRetention(w.regulator, retentionSchema.parse({ jurisdictionId: w.j.id, months: '24' }));
		expect((await db.jurisdiction.findUniqueOrThrow({ where: { id: w.j.id } })).evidenceRetentionMonths).toBe(24);
		await expect(
			setRetention(otherRegulator, retentionSchema.parse({ jurisdictionId: w.j.id, months: '1' }))
		).rejects.toMatchObject({ status: 403 });
		await expect(
			setRetention(w.learner, retentionSchema.parse({ jurisdictionId: w.j.id, months: '1' }))
		).rejects.toMatchObject({ status: 403 });
		await expect(
			setRetention(w.providerAdmin, retentionSchema.parse({ jurisdictionId: w.j.id, months: '1' }))
		).rejects.toMatchObject({ status: 403 });
		await setRetention(admin, retentionSchema.parse({ jurisdictionId: w.j.id, months: '' })); // empty = keep
		expect((await db.jurisdiction.findUniqueOrThrow({ where: { id: w.j.id } })).evidenceRetentionMonths).toBeNull();
		expect(
			(
				await db.auditEvent.findMany({
					where: { action: 'jurisdiction.retention_set', subjectId: w.j.id },
					orderBy: { id: 'asc' }
				})
			).map((e) => e.data)
		).toEqual([
			{ from: null, to: 24 },
			{ from: 24, to: null }
		]);
		await expect(
			setRetention(
				admin,
				retentionSchema.parse({ jurisdictionId: '00000000-0000-4000-8000-00000000beef', months: '3' })
			)
		).rejects.toMatchObject({ status: 404 });
		for (const months of ['0', '-1', '1.5', 'abc', '601', '9'.repeat(10_000)]) {
			const r = retentionSchema.safeParse({ jurisdictionId: w.j.id, months });
			expect(r.success, months).toBe(false);
			expect(r.error!.issues[0].path[0]).toBe('months');
		}
		expect(retentionSchema.safeParse({ jurisdictionId: 'nope', months: '3' }).error!.issues[0].path[0]).toBe(
			'jurisdictionId'
		);
		expect(retentionSchema.parse({ jurisdictionId: w.j.id })).toEqual({ jurisdictionId: w.j.id, months: null });
	});

	it('purges files older than the period, keeps newer ones and those still needed, one audit event per run', async () => {
		const w = await licensedWorker();
		const keep = await makeJurisdiction(); // no period: kept forever
		await db.jurisdiction.update({ where: { id: w.j.id }, data: { evidenceRetentionMonths: 12 } });
		const now = new Date('2031-06-15T12:00:00Z');
		const old = await file(w.user.id, w.j.id, new Date('2030-06-01T00:00:00Z')); // 12.5 months before now
		const recent = await file(w.user.id, w.j.id, new Date('2030-07-01T00:00:00Z')); // 11.5 months
		const elsewhere = await file(w.user.id, keep.id, new Date('2020-01-01T00:00:00Z'));
		const pending = await file(w.user.id, w.j.id, new Date('2029-01-01T00:00:00Z'));
		const approved = await file(w.user.id, w.j.id, new Date('2029-01-01T00:00:00Z'));
		const base = {
			userId: w.user.id,
			jurisdictionId: w.j.id,
			source: 'EXTERNAL' as const,
			activityType: 'in-person',
			title: 'Course',
			activityDate: day('2029-01-01'),
			credits: 1,
			category: 'ethics'
		};
		await db.cpdEntry.create({ data: { ...base, status: 'PENDING', evidenceFileId: pending.id } });
		const entry = await db.cpdEntry.create({ data: { ...base, status: 'APPROVED', evidenceFileId: approved.id } });

		const run = await purgeExpiredEvidence(now);
		expect(run.byJurisdiction[w.j.id]).toBe(2); // old + approved
		const rows = new Map(
			(
				await db.evidenceFile.findMany({
					where: { id: { in: [old.id, recent.id, elsewhere.id, pending.id, approved.id] } }
				})
			).map((f) => [f.id, f])
		);
		for (const id of [old.id, approved.id]) {
			expect(rows.get(id)!.data.length).toBe(0);
			expect(rows.get(id)!.purgedAt).toEqual(now);
			expect(rows.get(id)!.filename).toBe('proof.pdf'); // the record stays
		}
		for (const id of [recent.id, elsewhere.id, pending.id]) {
			expect(rows.get(id)!.purgedAt).toBeNull();
			expect(Buffer.from(rows.get(id)!.data)).toEqual(PDF);
		}
		expect(await db.cpdEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
			evidenceFileId: approved.id,
			status: 'APPROVED'
		});
		const event = await db.auditEvent.findFirstOrThrow({ where: { action: PURGE_ACTION }, orderBy: { id: 'desc' } });
		expect(event.data).toMatchObject({ count: run.count, byJurisdiction: { [w.j.id]: 2 }, at: now.toISOString() });

		// 410 Gone for the owner and for the regulator, with a clear message; the kept file still downloads
		await expect(readEvidence(w.learner, old.id, ip())).rejects.toMatchObject({
			status: 410,
			message: expect.stringMatching(/deleted on 15 Jun 2031/)
		});
		await expect(readEvidence(w.regulator, approved.id, ip())).rejects.toMatchObject({ status: 410 });
		expect(Buffer.from((await readEvidence(w.learner, recent.id, ip())).data)).toEqual(PDF);

		// a second run finds nothing more of these, and still records itself
		const again = await purgeExpiredEvidence(now);
		expect(again.byJurisdiction[w.j.id]).toBeUndefined();
		// a month later the recent file has passed the period too
		const later = await purgeExpiredEvidence(new Date('2031-07-15T12:00:00Z'));
		expect(later.byJurisdiction[w.j.id]).toBe(1);
	});

	it('the scheduled run happens once a day, and continues at once while a run hit its batch limit', async () => {
		const t0 = new Date('2040-01-01T03:00:00Z');
		const first = await retentionSweep(t0);
		expect(first).not.toBeNull();
		expect(await retentionSweep(new Date(t0.getTime() + 3_600_000))).toBeNull(); // an hour later: not due
		expect(await retentionSweep(new Date(t0.getTime() + 86_400_000))).not.toBeNull(); // a day later: due
		// several servers at once: one run
		const t1 = new Date(t0.getTime() + 3 * 86_400_000);
		const runs = await Promise.all([retentionSweep(t1), retentionSweep(t1), retentionSweep(t1)]);
		expect(runs.filter((r) => r !== null)).toHaveLength(1);
		// a run that reached its batch limit: the next sweep (a minute later) continues
		const w = await licensedWorker();
		await db.jurisdiction.update({ where: { id: w.j.id }, data: { evidenceRetentionMonths: 1 } });
		await file(w.user.id, w.j.id, new Date('2040-01-01T00:00:00Z'));
		await file(w.user.id, w.j.id, new Date('2040-01-01T00:00:00Z'));
		const t2 = new Date(t0.getTime() + 60 * 86_400_000);
		expect(await purgeExpiredEvidence(t2, 1)).toMatchObject({ count: 1, more: true });
		expect(await retentionSweep(new Date(t2.getTime() + 60_000))).toMatchObject({ byJurisdiction: { [w.j.id]: 1 } });
		expect(await retentionSweep(new Date(t2.getTime() + 120_000))).toBeNull();
	});
});
