// The operator scripts against a real database: the demo seed is idempotent; admin:create makes an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PEOPLE } from '../../scripts/seed';
import { dropDatabase, freshDatabase, runScript } from '../helpers/fresh-db';

const name = `scripts_${Math.random().toString(36).slice(2, 8)}`;
let url = '';

async function rows(text: string, params: unknown[] = []) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query(text, params)).rows;
	} finally {
		await c.end();
	}
}

async function counts() {
	const tables = [
		'jurisdictions',
		'area_levels',
		'admin_areas',
		'area_populations',
		'organisations',
		'users',
		'memberships',
		'worker_profiles',
		'worker_identifiers'
	];
	return Object.fromEntries(
		await Promise.all(tables.map(async (t) => [t, Number((await rows(`select count(*) from ${t}`))[0].count)]))
	);
}

beforeAll(async () => {
	url = await freshDatabase(name);
});

afterAll(() => dropDatabase(name));

describe('demo seed', () => {
	it('creates one organisation of each type, one account per role, an area tree with child populations — and is idempotent', async () => {
		await seedDemo(url);
		const first = await counts();
		await seedDemo(url);
		expect(await counts()).toEqual(first);
		expect(first.users).toBe(DEMO_ACCOUNTS.length + DEMO_PEOPLE.length);
		const types = (await rows('select distinct type::text as type from organisations order by 1')).map((r) => r.type);
		expect(types).toEqual(['GOVERNMENT_AGENCY', 'MINISTRY', 'NGO', 'REGULATOR', 'TRAINING_PROVIDER', 'UNIVERSITY']);
		// the five-day course's supporting partner is an organisation of the register: UNICEF, an NGO
		expect(
			await rows(
				"select o.name, o.type::text from programmes p join organisations o on o.id = p.supporting_partner_id where p.code = 'CP-5DAY'"
			)
		).toEqual([{ name: 'UNICEF', type: 'NGO' }]);
		const roles = (await rows('select distinct role::text as role from memberships order by 1')).map((r) => r.role);
		expect(roles).toEqual([
			'ADMIN',
			'ANALYST',
			'AUTHOR',
			'COORDINATOR',
			'LEARNER',
			'PROVIDER',
			'REGULATOR',
			'SUPERVISOR'
		]);
		// child populations are entered for the wards (the lowest of three named levels); regions and districts sum them
		const levels = (await rows('select name from area_levels order by depth')).map((r) => r.name);
		expect(levels).toEqual(['Region', 'District', 'Ward']);
		const entered = await rows(
			'select distinct a.depth from area_populations p join admin_areas a on a.id = p.area_id where p.year = 2026'
		);
		expect(entered).toEqual([{ depth: 2 }]);
		expect(await rows("select 1 from jurisdictions where time_zone = 'Africa/Nairobi'")).toHaveLength(1);
	});
});

describe('npm run admin:create', () => {
	it('makes the first administrator, refuses a weak password', async () => {
		const run = (password: string) =>
			runScript('scripts/admin-create.ts', ['--email', 'Boss@Example.org', '--name', 'The Boss'], {
				DATABASE_URL: url,
				ADMIN_PASSWORD: password
			});
		expect((await run('password12')).status).not.toBe(0);
		expect(await rows("select 1 from users where email = 'boss@example.org'")).toEqual([]);
		const ok = await run('a very long admin passphrase');
		expect(ok.status, ok.stderr).toBe(0);
		expect(
			await rows(
				"select m.role, m.scope_key from memberships m join users u on u.id = m.user_id where u.email = 'boss@example.org'"
			)
		).toEqual([{ role: 'ADMIN', scope_key: 'global' }]);
	}, 60_000);

	it('--jurisdiction makes an administrator of that jurisdiction only; an unknown code is refused, nothing made', async () => {
		const run = (code: string) =>
			runScript('scripts/admin-create.ts', ['--email', 'jur@example.org', '--name', 'Jo', '--jurisdiction', code], {
				DATABASE_URL: url,
				ADMIN_PASSWORD: 'a very long admin passphrase'
			});
		const unknown = await run('NOPE');
		expect(unknown.status).not.toBe(0);
		expect(unknown.stderr).toContain('No jurisdiction has the code NOPE');
		expect(await rows("select 1 from users where email = 'jur@example.org'")).toEqual([]);
		const ok = await run('dr');
		expect(ok.status, ok.stderr).toBe(0);
		expect(
			await rows(
				"select m.role, j.code from memberships m join users u on u.id = m.user_id join jurisdictions j on j.id = m.jurisdiction_id where u.email = 'jur@example.org'"
			)
		).toEqual([{ role: 'ADMIN', code: 'DR' }]);
	}, 120_000); // two runs of the script, each applying the migrations
});
