// DATABASE_REPLICA_URL against a real streaming replica: a PostgreSQL primary and a hot standby made with
// pg_basebackup -R (scripts/lib/replica-pair.ts). The report and export functions read through `replica` — proven by
// pausing replay on the replica: a change written on the primary meanwhile is not in their answers until replay
// resumes — and once the replica has caught up they give exactly the primary's numbers. `db` (writes) stays on the
// primary. Skipped, with the reason, when pg_basebackup is not installed. Also run by `npm run test:scale`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
	missingReplicaTools,
	startReplicaPair,
	waitForReplay,
	setReplay,
	type ReplicaPair
} from '../../scripts/lib/replica-pair';
import type { PrismaClient } from '../../src/lib/server/generated/prisma/client';
import { knownDay } from '../../src/lib/calendar-day';

const missing = missingReplicaTools();
if (missing) console.warn(`read replica test skipped: ${missing}`);
const [primaryPort, replicaPort] = (process.env.CREDO_REPLICA_TEST_PORTS ?? '54354,54355').split(',').map(Number);
const names = process.env.CREDO_REPLICA_TEST_NAMES?.split(',') ?? ['pg-rt-primary', 'pg-rt-replica'];

type Global = { credoDb?: PrismaClient; credoReplica?: PrismaClient };
const g = globalThis as unknown as Global;
const saved = {
	env: { DATABASE_URL: process.env.DATABASE_URL, DATABASE_REPLICA_URL: process.env.DATABASE_REPLICA_URL },
	db: g.credoDb,
	replica: g.credoReplica
};
let pair: ReplicaPair;

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query<T>(text, params)).rows;
	} finally {
		await c.end();
	}
}

/** Reads a CSV stream to the end. */
beforeAll(async () => {
	if (missing) return;
	pair = await startReplicaPair({ primaryName: names[0], replicaName: names[1], primaryPort, replicaPort });
	// this file's own clients: `db` on the primary, `replica` on the standby
	g.credoDb = undefined;
	g.credoReplica = undefined;
	process.env.DATABASE_URL = pair.primaryUrl;
	process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
}, 120_000);

afterAll(async () => {
	if (missing) return;
	await Promise.all([g.credoDb?.$disconnect(), g.credoReplica?.$disconnect()]);
	Object.assign(g, { credoDb: saved.db, credoReplica: saved.replica });
	for (const [k, v] of Object.entries(saved.env))
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	pair?.destroy();
}, 60_000);

describe.skipIf(!!missing)('read replica (DATABASE_REPLICA_URL)', () => {
	it('reports and exports read from the streaming replica and match the primary; writes stay on the primary', async () => {
		const { db, replica } = await import('../../src/lib/server/db');
		const { indicatorCounts } = await import('../../src/lib/server/indicators/compute');
		const { scorecard } = await import('../../src/lib/server/indicators/qa');
		const { reportContext } = await import('../../src/lib/server/indicators/context');
		const { complianceCsv } = await import('../../src/lib/server/licensing/export');
		const { csvStream } = await import('../../src/lib/server/csv/writer');
		const { cohort } = await import('../../src/lib/server/practicum/cohort');

		// the two clients are on different servers: the replica is in recovery, the primary is not
		const [[onReplica], [onPrimary]] = await Promise.all([
			replica.$queryRaw<
				{ recovery: boolean; port: number }[]
			>`select pg_is_in_recovery() as recovery, current_setting('port')::int as port`,
			db.$queryRaw<
				{ recovery: boolean; port: number }[]
			>`select pg_is_in_recovery() as recovery, current_setting('port')::int as port`
		]);
		expect(onReplica).toEqual({ recovery: true, port: replicaPort });
		expect(onPrimary).toEqual({ recovery: false, port: primaryPort });
		await expect(replica.$executeRaw`create table nope (id int)`).rejects.toThrow(/read-only transaction/);

		const [j] = await sql<{ id: string }>(pair.primaryUrl, `select id from jurisdictions where code = 'DR'`);
		const [uni] = await sql<{ id: string }>(
			pair.primaryUrl,
			`select id from organisations where type = 'UNIVERSITY' limit 1`
		);
		const [admin] = await sql<{ id: string }>(
			pair.primaryUrl,
			`select id from users where email = 'admin@demo.credo.test'`
		);
		const filters = {
			areaId: null,
			areaCode: '',
			asOf: knownDay('2026-06-30'),
			year: 2025,
			version: 'strict' as const,
			partner: null,
			partnerCode: ''
		};
		const adminUser = {
			id: admin.id,
			email: 'admin@demo.credo.test',
			name: 'Admin',
			emailVerified: true,
			locale: 'en',
			memberships: [
				{ id: 'm', role: 'ADMIN' as const, organisationId: null, jurisdictionId: null, orgJurisdictionId: null }
			]
		};
		const read = async () => ({
			counts: await indicatorCounts(j.id, filters),
			scores: await scorecard(j.id, 2025),
			context: await reportContext(adminUser),
			csv: await new Response(csvStream(complianceCsv([j.id]))).text(),
			cohort: await cohort(uni.id, 14)
		});
		const total = (r: Awaited<ReturnType<typeof read>>) => r.counts.find((c) => c.dimension === 'total')!;
		const before = await read();
		expect(total(before).vacWorkers).toBeGreaterThan(0);
		expect(before.csv.split('\n').filter(Boolean).length).toBeGreaterThan(1);
		expect(before.csv).not.toContain('Replica Test Holder');
		expect(before.scores.criteria[0].justification).not.toBe('Replica test');

		// a lagging replica: replay paused, then changes written on the primary through `db`
		await setReplay(pair.replicaUrl, true);
		const [worker] = await sql<{ id: string }>(
			pair.primaryUrl,
			`select id from worker_profiles where jurisdiction_id = $1 and cp_from is not null
			and employment_start <= '2026-06-30' and (employment_end is null or employment_end >= '2026-06-30') order by id limit 1`,
			[j.id]
		);
		await db.workerProfile.update({ where: { id: worker.id }, data: { cpFrom: null, cpTo: null } });
		const score = { score: 3, justification: 'Replica test', scoredById: admin.id };
		await db.qaScore.upsert({
			where: { jurisdictionId_period_criterion: { jurisdictionId: j.id, period: 2025, criterion: 1 } },
			create: { jurisdictionId: j.id, period: 2025, criterion: 1, ...score },
			update: score
		});
		await db.adminArea.create({
			data: { jurisdictionId: j.id, code: 'RT', name: 'Replica Test Region' }
		});
		const [licence] = await sql<{ id: string }>(
			pair.primaryUrl,
			`select id from licences where jurisdiction_id = $1 order by number limit 1`,
			[j.id]
		);
		await db.licence.update({ where: { id: licence.id }, data: { holderName: 'Replica Test Holder' } });
		const paused = await read();
		expect(paused).toEqual(before); // every report and export still shows the replica's (older) data

		// replay resumes: the replica catches up and the same functions now show the change …
		await setReplay(pair.replicaUrl, false);
		const lagMs = await waitForReplay(pair.primaryUrl, pair.replicaUrl);
		const after = await read();
		expect(total(after).vacWorkers).toBe(total(before).vacWorkers - 1);
		expect(after.scores.criteria[0].justification).toBe('Replica test');
		expect(after.context.areas.some((a) => a.code === 'RT')).toBe(true);
		expect(after.csv).toContain('Replica Test Holder');

		// … and give exactly the primary's numbers (the same functions with DATABASE_REPLICA_URL unset read the primary)
		delete process.env.DATABASE_REPLICA_URL;
		const [[fallback]] = [await replica.$queryRaw<{ recovery: boolean }[]>`select pg_is_in_recovery() as recovery`];
		expect(fallback.recovery).toBe(false);
		const fromPrimary = await read();
		process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
		expect(after).toEqual(fromPrimary);
		console.log(`replica: set up ${JSON.stringify(pair.timings)} ms; caught up ${lagMs} ms after replay resumed`);
	}, 60_000);
});
