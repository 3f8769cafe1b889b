// `npm start`: build if needed (`npm install` already built it); without DATABASE_URL start the embedded PostgreSQL
// in ./.data/pg on this checkout's own port (scripts/lib/postgres.js), migrate, seed the demo data (idempotent,
// embedded database only) and print the demo accounts; then serve on PORT (3000).
import { buildIfNeeded } from './lib/build.js';
import { ensureEmbeddedPostgres } from './lib/postgres.js';
import { applyMigrations } from './migrate.ts';
import { appDatabaseUrl } from './lib/app-role.js';
import { loadContent, formatProblems } from '../src/lib/server/content/load.ts';

// A broken content file never reaches learners: refuse to start until `npm run content:check` is clean.
const { problems } = loadContent();
if (problems.length) {
	console.error(
		`${formatProblems(problems)}\n\ncontent/ has ${problems.length} problem(s); Credo will not start until they are fixed.`
	);
	process.exit(1);
}

buildIfNeeded();

let embedded = false;
if (!process.env.DATABASE_URL) {
	// a refusal (the port belongs to another checkout) is a message to act on, not a stack trace
	const pg = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' }).catch((e: Error) => {
		console.error(e.message);
		process.exit(1);
	});
	process.env.DATABASE_URL = pg.url;
	embedded = true;
	const stop = () => pg.stop().finally(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

const applied = await applyMigrations(process.env.DATABASE_URL!);
if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);

if (embedded) {
	const { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./seed.ts');
	await seedDemo(process.env.DATABASE_URL!);
	console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
	for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(30)} ${a.label}`);
} else {
	console.log(
		'DATABASE_URL is set: using it as is (no demo data). Create the first administrator with `npm run admin:create`.'
	);
}

// The migrations and the seed ran as the owner of the tables; the app server runs as credo_app, which may only add to
// and read the audit log (scripts/lib/app-role.js). The owner's URL is not left in the server's environment.
const app = await appDatabaseUrl(process.env.DATABASE_URL!);
if (app.warning) console.warn(app.warning);
process.env.DATABASE_URL = app.url;

process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '41M'; // CSV imports up to 40 MB (evidence files up to 5 MB), plus the form around them
// adapter-node assumes https when ORIGIN is unset, which would make the browser's http form posts look cross-site.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Issuer and key ids in signed credentials are built from PUBLIC_ISSUER_BASE and frozen: Credo refuses to sign for a
// loopback base outside development. The demo (embedded database) signs as a reserved, never-resolving test address;
// a real deployment must set its public address.
if (!process.env.PUBLIC_ISSUER_BASE) {
	if (embedded) process.env.PUBLIC_ISSUER_BASE = 'https://demo.credo.test';
	else {
		const { isLoopbackBase } = await import('../src/lib/server/certificates/origin.ts');
		if (isLoopbackBase(process.env.ORIGIN))
			console.warn(
				`PUBLIC_ISSUER_BASE is not set and ORIGIN (${process.env.ORIGIN}) is a loopback address: Credo will not sign Open Badges credentials until PUBLIC_ISSUER_BASE is its public address (see docs/operations.md).`
			);
	}
}
await import(new URL('../build/index.js', import.meta.url).href);
console.log(`\nCredo is running at ${process.env.ORIGIN}`);
