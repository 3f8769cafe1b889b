// The data step of the migration that made a programme's supporting partner an organisation of the register: a
// database is built with the migrations before it, given free-text partners, then taken through it.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import pg from 'pg';
import { dropDatabase, freshDatabase } from '../helpers/fresh-db';

const name = `mig_partner_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropDatabase(name));

const dirs = fs
	.readdirSync('prisma/migrations')
	.filter((d) => /^\d+_/.test(d))
	.sort();
const sqlOf = (d: string) => fs.readFileSync(`prisma/migrations/${d}/migration.sql`, 'utf8');
/** the migration that turned the text column into a reference to an organisation */
const step = dirs.findIndex((d) => sqlOf(d).includes('DROP COLUMN "supporting_partner"'));

describe('the supporting partner migration', () => {
	it('matches a name or code of the jurisdiction, else makes one NGO per name; the rest stays without a partner', async () => {
		expect(step).toBeGreaterThan(0);
		const db = new pg.Client({ connectionString: await freshDatabase(name, { migrated: false }) });
		await db.connect();
		try {
			// each migration is sent whole, as scripts/migrate.ts sends it; the history table is the engine's
			await db.query('create table _prisma_migrations (id varchar(36) primary key)');
			for (const d of dirs.slice(0, step)) await db.query(sqlOf(d));

			const id = async () => (await db.query('select gen_random_uuid() as id')).rows[0].id as string;
			const [a, b, user] = [await id(), await id(), await id()];
			await db.query(`insert into users (id, email, name, password_hash) values ($1, 'p@example.org', 'P', 'x')`, [
				user
			]);
			const org = async (jurisdiction: string, code: string, orgName: string, type = 'NGO') => {
				const o = await id();
				await db.query(
					`insert into organisations (id, slug, code, name, type, jurisdiction_id) values ($1, $2, $3, $4, $5::"OrganisationType", $6)`,
					[o, `s-${o.slice(0, 8)}`, code, orgName, type, jurisdiction]
				);
				return o;
			};
			for (const [j, code] of [
				[a, 'JA'],
				[b, 'JB']
			])
				await db.query(`insert into jurisdictions (id, code, name, time_zone) values ($1, $2, $2, 'UTC')`, [j, code]);
			const providerA = await org(a, 'PROV', 'Provider A', 'TRAINING_PROVIDER');
			const providerB = await org(b, 'PROV', 'Provider B', 'TRAINING_PROVIDER');
			const stc = await org(a, 'STC', 'Save the Children');
			const unicefKe = await org(a, 'UNICEF-KE', 'UNICEF Kenya');
			await org(b, 'UNICEF', 'UNICEF'); // another jurisdiction's: never chosen for a programme of JA
			const programme = async (jurisdiction: string, provider: string, code: string, partner: string | null) =>
				db.query(
					`insert into programmes (id, jurisdiction_id, provider_id, code, title, created_by_id, supporting_partner, updated_at)
					values (gen_random_uuid(), $1, $2, $3, $3, $4, $5, now())`,
					[jurisdiction, provider, code, user, partner]
				);
			await programme(a, providerA, 'BY-NAME', '  save the CHILDREN ');
			await programme(a, providerA, 'BY-CODE', 'unicef-ke');
			await programme(a, providerA, 'NEW-1', 'UNICEF');
			await programme(a, providerA, 'NEW-2', 'UNICEF');
			await programme(a, providerA, 'EMPTY', '  ');
			await programme(a, providerA, 'NONE', null);
			await programme(b, providerB, 'NEW-B', 'Plan International');
			const before = Number((await db.query('select count(*) from organisations')).rows[0].count);

			await db.query(sqlOf(dirs[step]));

			const rows = (
				await db.query(`select p.code, p.jurisdiction_id as j, o.id, o.name, o.type::text, o.jurisdiction_id as oj
					from programmes p left join organisations o on o.id = p.supporting_partner_id order by p.code`)
			).rows;
			const of = (code: string) => rows.find((r) => r.code === code)!;
			expect(of('BY-NAME').id).toBe(stc);
			expect(of('BY-CODE').id).toBe(unicefKe);
			// a name without a match in the jurisdiction: one new NGO of that jurisdiction, shared by its programmes
			expect(of('NEW-1')).toMatchObject({ name: 'UNICEF', type: 'NGO', oj: a });
			expect(of('NEW-2').id).toBe(of('NEW-1').id);
			expect(of('NEW-B')).toMatchObject({ name: 'Plan International', type: 'NGO', oj: b });
			expect([of('EMPTY').id, of('NONE').id]).toEqual([null, null]);
			expect(Number((await db.query('select count(*) from organisations')).rows[0].count)).toBe(before + 2);
			// the new organisations have codes of their own
			const made = (
				await db.query(
					`select code from organisations where name in ('UNICEF', 'Plan International') and code like 'PARTNER-%'`
				)
			).rows;
			expect(made).toHaveLength(2);
			const columns = (
				await db.query(`select column_name from information_schema.columns where table_name = 'programmes'`)
			).rows.map((r) => r.column_name);
			expect(columns).not.toContain('supporting_partner');
		} finally {
			await db.end();
		}
	});
});
