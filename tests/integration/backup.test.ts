// `npm run backup` and `npm run restore` on a small dataset: the demo data backed up from one fresh database and
// restored into another give the same row count and content hash for every table; a restore over a database that
// holds data needs --yes (and then gives the same tables again); a pg_dump of another major version is refused.
// The national-scale round trip is in `npm run test:scale`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PEOPLE } from '../../scripts/seed';
import { tableHashes, compareHashes } from '../../scripts/lib/table-hashes';
import { dropDatabase, freshDatabase, runScript, sql } from '../helpers/fresh-db';

const suffix = Math.random().toString(36).slice(2, 8);
const created: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-backup-'));

/** A database of its own: the source migrated (then seeded below), the restore's target empty. */
async function freshDb(name: string, migrated: boolean) {
	created.push(name);
	return freshDatabase(name, { migrated });
}

const script = (name: 'backup' | 'restore', args: string[], env: Record<string, string>) =>
	runScript(`scripts/${name}.ts`, args, env);

let source = '';
beforeAll(async () => {
	source = await freshDb(`bk_src_${suffix}`, true);
	await seedDemo(source);
	// a queued job too: pg-boss keeps jobs in a partitioned table, which pg_restore --clean cannot clean by itself
	const boss = new PgBoss({ connectionString: source, schema: 'pgboss', supervise: false, schedule: false });
	boss.on('error', () => {});
	await boss.start();
	await boss.createQueue('backup-test');
	await boss.send('backup-test', { n: 1 });
	await boss.stop({ graceful: false, wait: true });
});

afterAll(async () => {
	for (const name of created) await dropDatabase(name);
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	it('round-trips every table: same row counts and content hashes', async () => {
		const file = path.join(dir, 'demo.dump');
		const backup = await script('backup', ['--out', file], { DATABASE_URL: source });
		expect(backup.out).toMatch(/Backup written: .*demo\.dump\s+[\d.]+ (B|KiB|MiB) in [\d.]+ s/);
		expect(backup.status).toBe(0);
		expect(fs.existsSync(`${file}.partial`)).toBe(false);
		expect(fs.statSync(file).mode & 0o077).toBe(0); // personal data: readable by its owner only

		const target = await freshDb(`bk_dst_${suffix}`, false);
		const restore = await script('restore', [file], { DATABASE_URL: target });
		expect(restore.status, restore.out).toBe(0);
		expect(restore.out).toMatch(new RegExp(`users\\s+${DEMO_ACCOUNTS.length + DEMO_PEOPLE.length}\\n`));

		const [a, b] = await Promise.all([tableHashes(source), tableHashes(target)]);
		expect(a.length).toBeGreaterThan(40);
		expect(a.find((t) => t.table === 'users')!.rows).toBe(DEMO_ACCOUNTS.length + DEMO_PEOPLE.length);
		expect(compareHashes(a, b)).toEqual([]);
		expect(b).toEqual(a);
		const [qa, qb] = await Promise.all([
			tableHashes(source, { schema: 'pgboss' }),
			tableHashes(target, { schema: 'pgboss' })
		]);
		expect(qa.reduce((n, t) => n + t.rows, 0)).toBeGreaterThan(0);
		expect(qb).toEqual(qa);

		// over a database that holds data: refused without --yes, nothing touched …
		await sql(target, `update jurisdictions set name = 'Changed after the backup'`);
		const refused = await script('restore', [file], { DATABASE_URL: target });
		expect(refused.status).toBe(2);
		expect(refused.out).toContain('already holds data');
		expect(refused.out).toContain('--yes');
		expect(compareHashes(a, await tableHashes(target))).toEqual([
			expect.stringMatching(/^jurisdictions: same \d+ rows, different contents$/)
		]);

		// … and with --yes it is the backup again (pg-boss's partitioned job table included)
		const replaced = await script('restore', [file, '--yes'], { DATABASE_URL: target });
		expect(replaced.status, replaced.out).toBe(0);
		expect(compareHashes(a, await tableHashes(target))).toEqual([]);
		expect(await tableHashes(target, { schema: 'pgboss' })).toEqual(qa);
	}, 120_000);

	it('refuses a pg_dump whose major version is not the server’s', async () => {
		const bin = path.join(dir, 'bin');
		fs.mkdirSync(bin);
		fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.11"\n', { mode: 0o755 });
		const file = path.join(dir, 'never.dump');
		const r = await script('backup', ['--out', file], { DATABASE_URL: source, CREDO_PG_BIN: bin });
		expect(r.status).toBe(1);
		expect(r.out).toMatch(/version 14\.11 but the server is PostgreSQL 1\d/);
		expect(fs.existsSync(file)).toBe(false);
	}, 60_000);
});
