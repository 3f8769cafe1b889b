// The access matrix: every route, page action and endpoint in src/routes × every role, against the expectations
// written by hand in tests/access-matrix.json. A route without an expectation fails the test, so each new route
// must be thought about. Values: an HTTP status, or "login" (sent to the login page).
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import { DEMO_PASSWORD, demo, query } from './helpers';
import { hashPassword } from '../../src/lib/server/auth/password';
import { enumerateRoutes } from './routes';

type Expect = number | 'login';
const spec = JSON.parse(fs.readFileSync('tests/access-matrix.json', 'utf8')) as {
	roles: string[];
	params: Record<string, string>;
	routes: Record<string, Record<string, Expect>>;
};

// enumerateRoutes lives in ./routes (a plain module, so other specs can use it without importing this file's tests)
export { enumerateRoutes };

/**
 * Two roles from elsewhere: a regulator of another jurisdiction, and the provider admin of another provider in the
 * demo jurisdiction. Each must be refused what belongs to the demo regulator's jurisdiction or to Credo Academy.
 */
const ELSEWHERE: Record<string, string> = {
	'regulator-elsewhere': 'regulator-elsewhere@e2e.credo.test',
	'provider-elsewhere': 'provider-elsewhere@e2e.credo.test'
};

async function ensureElsewhere() {
	const hash = await hashPassword(DEMO_PASSWORD);
	for (const email of Object.values(ELSEWHERE)) {
		await query(
			"insert into users (id, email, name, password_hash, email_verified_at) values (gen_random_uuid(), $1, 'Someone Elsewhere', $2, now()) on conflict (email) do nothing",
			[email, hash]
		);
	}
	await query(
		"insert into jurisdictions (id, code, name, time_zone) values (gen_random_uuid(), 'OR', 'Other Republic', 'Africa/Nairobi') on conflict (code) do nothing"
	);
	await query(
		`insert into memberships (id, user_id, role, jurisdiction_id, scope_key) select gen_random_uuid(), u.id, 'REGULATOR', j.id, 'jur:' || j.id
		from users u, jurisdictions j where u.email = $1 and j.code = 'OR' on conflict do nothing`,
		[ELSEWHERE['regulator-elsewhere']]
	);
	await query(
		"insert into organisations (id, slug, code, name, type, jurisdiction_id) select gen_random_uuid(), 'other-academy', 'other-academy', 'Other Academy', 'TRAINING_PROVIDER', id from jurisdictions where code = 'DR' on conflict (slug) do nothing"
	);
	await query(
		`insert into memberships (id, user_id, role, organisation_id, scope_key) select gen_random_uuid(), u.id, 'PROVIDER', o.id, 'org:' || o.id
		from users u, organisations o where u.email = $1 and o.slug = 'other-academy' on conflict do nothing`,
		[ELSEWHERE['provider-elsewhere']]
	);
	// the demo provider's revocation list 1 (made when it first signs a credential), for GET /issuers/[slug]/status/[list]
	await query(
		"insert into status_lists (id, organisation_id, number) select gen_random_uuid(), id, 1 from organisations where slug = 'credo-academy' on conflict do nothing"
	);
}

async function signIn(baseURL: string, role: string): Promise<APIRequestContext> {
	const ctx = await request.newContext({ baseURL });
	if (role === 'anonymous') return ctx;
	const r = await ctx.post('/login', {
		form: { email: ELSEWHERE[role] ?? demo(role), password: DEMO_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(r.status(), `login as ${role}`).toBe(303);
	return ctx;
}

async function outcome(
	ctx: APIRequestContext,
	baseURL: string,
	key: string,
	params: Record<string, string>,
	jurisdiction = 'DR'
): Promise<Expect> {
	const [method, rawPath] = key.split(' ');
	// a jurisdiction's pages name it by its code (the demo's unless told), not a certificate's
	const named = rawPath.startsWith('/admin/jurisdictions/') ? { ...params, code: jurisdiction } : params;
	const url = rawPath.replace(/\[(\w+)\]/g, (_, p) => named[p]);
	const r =
		method === 'GET'
			? await ctx.get(url, { maxRedirects: 0 })
			: await ctx.fetch(url, { method, form: {}, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	if (r.status() >= 300 && r.status() < 400 && (r.headers()['location'] ?? '').startsWith('/login')) return 'login';
	return r.status();
}

test('every route has an expectation for every role', () => {
	const routes = enumerateRoutes();
	expect(
		routes.filter((r) => !spec.routes[r]),
		'routes missing from tests/access-matrix.json'
	).toEqual([]);
	expect(
		Object.keys(spec.routes).filter((r) => !routes.includes(r)),
		'expectations for routes that no longer exist'
	).toEqual([]);
	for (const [route, byRole] of Object.entries(spec.routes)) {
		expect(
			spec.roles.filter((role) => !(role in byRole)),
			`roles missing for ${route}`
		).toEqual([]);
	}
});

// One test per role, so the roles are checked side by side on Playwright's workers; each role's requests stay in order.
for (const role of spec.roles) {
	test(`${role} gets exactly what the matrix says`, async ({ baseURL }) => {
		test.setTimeout(120_000);
		await ensureElsewhere();
		const [learner] = await query<{ id: string }>("select id from users where email = 'learner@demo.credo.test'");
		// the demo seed's certificate programme, its event and the supervisor's certificate (ids differ per seed)
		const [programme] = await query<{ id: string }>("select id from programmes where code = 'CP-5DAY'");
		const [event] = await query<{ id: string }>('select id from training_events where programme_id = $1', [
			programme.id
		]);
		const [certificate] = await query<{ id: string; code: string }>(
			"select c.id, c.code from certificates c join users u on u.id = c.user_id where u.email = 'supervisor@demo.credo.test' and c.programme_id = $1",
			[programme.id]
		);
		// the demo learner's workforce record (the worker register's record page)
		const [worker] = await query<{ id: string }>('select id from worker_profiles where user_id = $1', [learner.id]);
		const params = {
			...spec.params,
			id: learner.id,
			worker: worker.id,
			programme: programme.id,
			event: event.id,
			certificate: certificate.id,
			code: certificate.code
		};
		const ctx = await signIn(baseURL!, role);
		// log out last, since it ends the session the other checks use
		const keys = Object.keys(spec.routes).sort(
			(a, b) => Number(a.startsWith('POST /logout')) - Number(b.startsWith('POST /logout'))
		);
		const actual: Record<string, Expect> = {};
		const expected: Record<string, Expect> = {};
		for (const key of keys) actual[key] = await outcome(ctx, baseURL!, key, params);
		await ctx.dispose();
		for (const key of Object.keys(spec.routes)) expected[key] = spec.routes[key][role];
		expect(actual).toEqual(expected);
	});
}

/**
 * A jurisdiction's administrator (of Other Republic, OR) is not a role of the matrix: every route would need one more
 * expectation. What sets them apart is checked here, over every /admin route (so a new one is covered too): the
 * /admin area and the jurisdiction list open; OR's own pages open; the demo jurisdiction's pages and every page that
 * acts across jurisdictions (people, audit trail, supervision, organisations) are refused.
 */
test("a jurisdiction's administrator gets their own jurisdiction's pages and no other admin page", async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	await ensureElsewhere();
	const email = 'admin-elsewhere@e2e.credo.test';
	await query(
		"insert into users (id, email, name, password_hash, email_verified_at) values (gen_random_uuid(), $1, 'Admin Elsewhere', $2, now()) on conflict (email) do nothing",
		[email, await hashPassword(DEMO_PASSWORD)]
	);
	await query(
		`insert into memberships (id, user_id, role, jurisdiction_id, scope_key) select gen_random_uuid(), u.id, 'ADMIN', j.id, 'jur:' || j.id
		from users u, jurisdictions j where u.email = $1 and j.code = 'OR' on conflict do nothing`,
		[email]
	);
	const ctx = await request.newContext({ baseURL });
	const login = await ctx.post('/login', {
		form: { email, password: DEMO_PASSWORD },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const refused = (s: Expect) => s === 403 || s === 404;
	// open to every administrator (the workforce page sends them on to their jurisdiction's)
	const ANY_ADMIN: Record<string, number> = {
		'GET /admin': 200,
		'GET /admin/jurisdictions': 200,
		'GET /admin/workforce': 303
	};
	const actual: Record<string, string> = {};
	const expected: Record<string, string> = {};
	for (const key of enumerateRoutes().filter((k) => / \/admin(\/|$|\?)/.test(k))) {
		const onlyCode = !/\[(?!code\])\w+\]/.test(key);
		if (key.includes('/admin/jurisdictions/[code]')) {
			// another jurisdiction's page: refused; its own (when no other id is needed): let in
			actual[`${key} (DR)`] = refused(await outcome(ctx, baseURL!, key, spec.params, 'DR')) ? 'refused' : 'let in';
			expected[`${key} (DR)`] = 'refused';
			if (!onlyCode) continue;
			const own = await outcome(ctx, baseURL!, key, spec.params, 'OR');
			actual[`${key} (OR)`] = own === 'login' || refused(own) || Number(own) >= 500 ? `refused (${own})` : 'let in';
			expected[`${key} (OR)`] = 'let in';
			continue;
		}
		const s = await outcome(ctx, baseURL!, key, { ...spec.params, id: '00000000-0000-4000-8000-000000000009' });
		actual[key] = refused(s) ? 'refused' : `let in (${s})`;
		expected[key] = ANY_ADMIN[key] ? `let in (${ANY_ADMIN[key]})` : 'refused';
	}
	await ctx.dispose();
	expect(actual).toEqual(expected);
});
