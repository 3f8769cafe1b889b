// A PostgreSQL primary and a streaming read replica of it, on loopback, for the replica test
// (tests/integration/replica.test.ts, also run by `npm run test:scale`). The primary has wal_level=replica and a
// `replicator` role allowed in pg_hba.conf; the replica is made with pg_basebackup -R (standby.signal +
// primary_conninfo) and runs as a hot standby. The database is created before the base backup, then migrated and
// seeded with the demo data on the primary, so all of it reaches the replica by streaming.
import { Cluster, clientTool } from './pg-cluster.ts';
import { applyMigrations } from '../migrate.ts';
import { seedDemo } from '../seed.ts';
import pg from 'pg';

const REPLICATION_USER = 'replicator';
const REPLICATION_PASSWORD = 'replica-local';

export interface ReplicaPair {
	primary: Cluster;
	replica: Cluster;
	primaryUrl: string;
	replicaUrl: string;
	timings: Record<string, number>;
	destroy: () => void;
}

export const missingReplicaTools = () =>
	clientTool('pg_basebackup') ? null : 'pg_basebackup (PostgreSQL 15 client tools) is not installed';

export async function startReplicaPair({
	primaryName,
	replicaName,
	primaryPort,
	replicaPort,
	database = 'credo'
}: {
	primaryName: string;
	replicaName: string;
	primaryPort: number;
	replicaPort: number;
	database?: string;
}): Promise<ReplicaPair> {
	const timings: Record<string, number> = {};
	const time = async <T>(label: string, f: () => T | Promise<T>): Promise<T> => {
		const t = performance.now();
		try {
			return await f();
		} finally {
			timings[label] = Math.round(performance.now() - t);
		}
	};
	const primary = new Cluster(primaryName, primaryPort);
	const replica = new Cluster(replicaName, replicaPort);
	const destroy = () => {
		for (const c of [replica, primary]) {
			try {
				c.destroy();
			} catch (e) {
				console.error(`could not stop ${c.name}: ${(e as Error).message}`);
			}
		}
	};
	try {
		await time('primary: initdb + start', () =>
			primary
				.init({
					conf: { wal_level: 'replica', max_wal_senders: 4, wal_keep_size: "'256MB'", hot_standby: 'on', fsync: 'off' },
					hba: [`host replication ${REPLICATION_USER} 127.0.0.1/32 scram-sha-256`]
				})
				.start()
		);
		await primary.sql(`create role ${REPLICATION_USER} with replication login password '${REPLICATION_PASSWORD}'`);
		await primary.sql(`create database ${database}`);
		await time('replica: pg_basebackup -R + start', () =>
			replica.replicaOf(primary, REPLICATION_USER, REPLICATION_PASSWORD).start()
		);
		const primaryUrl = primary.url(database);
		const replicaUrl = replica.url(database);
		await time('primary: migrate + demo seed', async () => {
			await applyMigrations(primaryUrl);
			await seedDemo(primaryUrl);
		});
		await time('replica: catch up', () => waitForReplay(primaryUrl, replicaUrl));
		return { primary, replica, primaryUrl, replicaUrl, timings, destroy };
	} catch (e) {
		destroy();
		throw e;
	}
}

async function one<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query<T>(text, params)).rows[0];
	} finally {
		await c.end();
	}
}

/** Waits until the replica has replayed everything the primary had written when this was called; returns the ms. */
export async function waitForReplay(primaryUrl: string, replicaUrl: string, timeoutMs = 30_000): Promise<number> {
	const started = Date.now();
	const { lsn } = await one<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
	for (;;) {
		const r = await one<{ done: boolean }>(
			replicaUrl,
			'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as done',
			[lsn]
		).catch(() => ({ done: false }));
		if (r.done) return Date.now() - started;
		if (Date.now() - started > timeoutMs)
			throw new Error(`the replica did not replay ${lsn} within ${timeoutMs / 1000} s`);
		await new Promise((res) => setTimeout(res, 50));
	}
}

/** Pauses or resumes WAL replay on the replica (a lagging replica, on demand). */
export async function setReplay(replicaUrl: string, paused: boolean) {
	await one(replicaUrl, paused ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()');
	if (paused) {
		for (let i = 0; i < 100; i++) {
			const { state } = await one<{ state: string }>(replicaUrl, 'select pg_get_wal_replay_pause_state() as state');
			if (state === 'paused') return;
			await new Promise((res) => setTimeout(res, 20));
		}
	}
}
