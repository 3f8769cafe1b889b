import { request, test } from '@playwright/test';
import fs from 'node:fs';
import { enumerateRoutes } from '../tests/e2e/routes';
import { DEMO_PASSWORD, demo, query } from '../tests/e2e/helpers';

const spec = JSON.parse(fs.readFileSync('tests/access-matrix.json', 'utf8'));

async function outcome(ctx, baseURL, key, params) {
	const [method, rawPath] = key.split(' ');
	const named = rawPath.startsWith('/admin/jurisdictions/') ? { ...params, code: 'DR' } : params;
	const url = rawPath.replace(/\[(\w+)\]/g, (_, p) => named[p]);
	const r =
		method === 'GET'
			? await ctx.get(url, { maxRedirects: 0 })
			: await ctx.fetch(url, { method, form: {}, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	if (r.status() >= 300 && r.status() < 400 && (r.headers()['location'] ?? '').startsWith('/login')) return 'login';
	return r.status();
}

for (const role of (process.env.PROBE_ROLES ?? 'author,provider').split(',')) {
	test(role, async ({ baseURL }) => {
		await query(
			"insert into status_lists (id, organisation_id, number) select gen_random_uuid(), id, 1 from organisations where slug = 'credo-academy' on conflict do nothing"
		);
		const [learner] = await query("select id from users where email = 'learner@demo.credo.test'");
		const [programme] = await query("select id from programmes where code = 'CP-5DAY'");
		const [event] = await query('select id from training_events where programme_id = $1', [programme.id]);
		const [certificate] = await query(
			"select c.id, c.code from certificates c join users u on u.id = c.user_id where u.email = 'supervisor@demo.credo.test' and c.programme_id = $1",
			[programme.id]
		);
		const [worker] = await query('select id from worker_profiles where user_id = $1', [learner.id]);
		const params = { ...spec.params, id: learner.id, worker: worker.id, programme: programme.id, event: event.id, certificate: certificate.id, code: certificate.code };
		const ctx = await request.newContext({ baseURL });
		const r = await ctx.post('/login', { form: { email: demo(role), password: DEMO_PASSWORD }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
		if (r.status() !== 303) throw new Error('login ' + r.status());
		const keys = enumerateRoutes().sort((a, b) => Number(a.startsWith('POST /logout')) - Number(b.startsWith('POST /logout')));
		const out = {};
		for (const key of keys) out[key] = await outcome(ctx, baseURL, key, params);
		fs.writeFileSync(`.role-probe/${role}.json`, JSON.stringify(out, null, 1));
	});
}
