// One-off rewrite run by `scripts/migrate.ts apply` after the SQL migrations, as the owner (issue 15, item 13): lock
// events logged before Credo hashed addresses kept the typed address in `data.email`; each becomes `data.emailHash`
// (the keyed hash of src/lib/server/audit/address-hash.ts, whose key SQL does not have). audit_events is append-only
// for everyone, so the owner lifts the trigger inside the rewrite's own transaction (others wait on its lock and
// never see the table without it), and the rewrite is itself logged as `audit.addresses_hashed` with the count. Once
// done it finds nothing: one indexed query per migrate run.
import pg from 'pg';
import { ADDRESS_EVENTS, addressHash } from '../../src/lib/server/audit/address-hash.ts';

export async function hashLoggedAddresses(url: string): Promise<number> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		const { rows } = await c.query<{ id: string; email: string }>(
			`select id::text, data->>'email' as email from audit_events where action = any($1::text[]) and data ? 'email'`,
			[ADDRESS_EVENTS]
		);
		if (!rows.length) return 0;
		await c.query('begin');
		try {
			await c.query('alter table audit_events disable trigger audit_events_no_update_delete');
			await c.query(
				`update audit_events a set data = (a.data - 'email') || jsonb_build_object('emailHash', x.h)
				from unnest($1::bigint[], $2::text[]) as x(id, h) where a.id = x.id`,
				[rows.map((r) => r.id), rows.map((r) => addressHash(r.email ?? ''))]
			);
			await c.query('alter table audit_events enable trigger audit_events_no_update_delete');
			await c.query(
				`insert into audit_events (action, subject_type, data) values ('audit.addresses_hashed', 'audit_events', jsonb_build_object('count', $1::int, 'actions', $2::text[]))`,
				[rows.length, ADDRESS_EVENTS]
			);
			await c.query('commit');
		} catch (e) {
			await c.query('rollback');
			throw e;
		}
		return rows.length;
	} finally {
		await c.end();
	}
}
