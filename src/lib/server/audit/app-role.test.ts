// The app connects as credo_app (issue 15, item 13): it may INSERT and SELECT audit_events and nothing more there —
// no UPDATE, DELETE or TRUNCATE, and, owning nothing, it cannot disable the append-only trigger either — while it can
// still do its work elsewhere, including pg-boss's queue schema. The owner (this test's DATABASE_URL) runs migrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { appDatabaseUrl, APP_ROLE } from '../../../../scripts/lib/app-role.js';
import { dropDatabase, freshDatabase } from '../../../../tests/helpers/fresh-db';

// a database of its own: handing the queue schema over takes locks the shared test database's workers would meet
const MAIN = `credo_approle_main_${process.pid}`;
let owner: string;
let app: pg.Client;

async function refused(sql: string) {
	const e = await app.query(sql).then(
		() => null,
		(e: { code?: string; message: string }) => e
	);
	expect(e, sql).not.toBeNull();
	expect(e!.code, `${sql}: ${e!.message}`).toBe('42501'); // insufficient_privilege
	return e!.message;
}

describe('the database role the app runs as', () => {
	beforeAll(async () => {
		owner = await freshDatabase(MAIN);
		const { url, role } = await appDatabaseUrl(owner);
		expect(role).toBe(APP_ROLE);
		app = new pg.Client({ connectionString: url });
		await app.connect();
	});
	afterAll(async () => {
		await app?.end();
		await dropDatabase(MAIN);
	});

	it('is credo_app, neither a superuser nor the owner of audit_events', async () => {
		const { rows } = await app.query(
			`select current_user as me, r.rolsuper, pg_get_userbyid(c.relowner) as owner
			from pg_roles r, pg_class c where r.rolname = current_user and c.relname = 'audit_events'`
		);
		expect(rows[0].me).toBe(APP_ROLE);
		expect(rows[0].rolsuper).toBe(false);
		expect(rows[0].owner).not.toBe(APP_ROLE);
	});

	it('may insert and read audit events', async () => {
		const { rows } = await app.query(
			`insert into audit_events (action, subject_type) values ('test.app_role', 'test') returning id`
		);
		const read = await app.query('select action from audit_events where id = $1', [rows[0].id]);
		expect(read.rows).toEqual([{ action: 'test.app_role' }]);
	});

	it('may not update, delete or truncate them, nor disable the trigger, nor take the owner role', async () => {
		await refused(`update audit_events set reason = 'rewritten'`);
		await refused(`delete from audit_events`);
		await refused(`truncate audit_events`);
		expect(await refused(`alter table audit_events disable trigger audit_events_no_update_delete`)).toMatch(/owner/);
		await refused(`alter table audit_events disable trigger all`);
		await refused(`drop trigger audit_events_no_update_delete on audit_events`);
		await refused(`drop table audit_events`);
		const ownerName = decodeURIComponent(new URL(owner).username);
		await refused(`set role ${ownerName}`);
		await refused(`create table public.sneaky (x int)`);
	});

	it('does its work on the other tables', async () => {
		const j = await app.query(
			`insert into jurisdictions (id, code, name, time_zone) values (gen_random_uuid(), $1, 'Approle', 'UTC') returning id`,
			[`A${crypto.randomUUID().slice(0, 6)}`]
		);
		await app.query(`update jurisdictions set name = 'Approle 2' where id = $1`, [j.rows[0].id]);
		await app.query(`delete from jurisdictions where id = $1`, [j.rows[0].id]);
		await app.query(`select count(*) from sessions`);
	});

	it('runs the job queue: pg-boss installs its schema as credo_app, or takes over one the owner made', async () => {
		for (const ownerFirst of [false, true]) {
			const name = `credo_approle_${ownerFirst ? 'owner' : 'fresh'}_${process.pid}`;
			const url = await freshDatabase(name);
			try {
				if (ownerFirst) {
					const b = new PgBoss({ connectionString: url, schema: 'pgboss', max: 1 });
					await b.start();
					await b.createQueue('made-by-owner');
					await b.stop({ graceful: false, wait: true });
				}
				const { url: appUrl } = await appDatabaseUrl(url);
				const boss = new PgBoss({ connectionString: appUrl, schema: 'pgboss', max: 2 });
				boss.on('error', () => {});
				await boss.start();
				await boss.createQueue('approle-test');
				const id = await boss.send('approle-test', { n: 1 });
				const [job] = await boss.fetch('approle-test');
				expect(job.id).toBe(id);
				await boss.complete('approle-test', job.id);
				await boss.stop({ graceful: false, wait: true });
			} finally {
				await dropDatabase(name);
			}
		}
	});
});
