// The committed migrations, applied to an empty database, build exactly what prisma/schema.prisma describes,
// plus the objects Prisma cannot express (listed in prisma/extra-objects.json) and nothing else.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { applyMigrations, pendingSchemaChange } from '../../scripts/migrate';
import { dropDatabase, freshDatabase, sql } from '../helpers/fresh-db';

const admin = process.env.TEST_ADMIN_URL!;
const suffix = Math.random().toString(36).slice(2, 8);
const created: string[] = [];

/** An empty database (no template: the migrations are what this file tests). */
async function freshDb(name: string) {
	created.push(name);
	return freshDatabase(name, { migrated: false });
}

const CATALOG = {
	columns: `select table_name, column_name, data_type, udt_name, is_nullable, column_default from information_schema.columns
		where table_schema = 'public' and table_name <> '_prisma_migrations' order by 1, 2`,
	constraints: `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint
		where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '_prisma_migrations' order by 1, 2`,
	indexes: `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' and tablename <> '_prisma_migrations' order by 1, 2`,
	enums: `select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels from pg_type t join pg_enum e on e.enumtypid = t.oid group by 1 order by 1`,
	triggers: `select tgrelid::regclass::text as t, tgname from pg_trigger where not tgisinternal order by 1, 2`,
	functions: `select proname from pg_proc where pronamespace = 'public'::regnamespace order by 1`
};

afterAll(async () => {
	for (const name of created) await dropDatabase(name);
});

describe('migrations', () => {
	it('applied to an empty database, they match prisma/schema.prisma plus the listed extra objects', async () => {
		const migrated = await freshDb(`mig_a_${suffix}`);
		const fromSchema = await freshDb(`mig_b_${suffix}`);
		const applied = await applyMigrations(migrated);
		expect(applied.length).toBe(fs.readdirSync('prisma/migrations').filter((d) => /^\d+_/.test(d)).length);
		await sql(fromSchema, await pendingSchemaChange(fromSchema, ''));

		for (const key of ['columns', 'constraints', 'indexes', 'enums'] as const) {
			expect(await sql(migrated, CATALOG[key]), key).toEqual(await sql(fromSchema, CATALOG[key]));
		}
		const extra = JSON.parse(fs.readFileSync('prisma/extra-objects.json', 'utf8'));
		const triggers = (await sql(migrated, CATALOG.triggers)).map((r) => ({ table: r.t, name: r.tgname }));
		expect(triggers).toEqual([...extra.triggers].sort((a, b) => a.name.localeCompare(b.name)));
		expect((await sql(migrated, CATALOG.functions)).map((r) => r.proname)).toEqual([...extra.functions].sort());
		expect(await sql(fromSchema, CATALOG.triggers)).toEqual([]);
	});

	it('a second run applies nothing', async () => {
		const url = await freshDb(`mig_c_${suffix}`);
		await applyMigrations(url);
		expect(await applyMigrations(url)).toEqual([]);
	});

	it('the schema has no change that is not in a migration', async () => {
		const dirs = fs
			.readdirSync('prisma/migrations')
			.filter((d) => /^\d+_/.test(d))
			.sort();
		const snapshot = fs.readFileSync(`prisma/migrations/${dirs.at(-1)}/schema.prisma`, 'utf8');
		expect(await pendingSchemaChange(admin, snapshot)).toBe('');
	});
});
