// `npm run admin:create -- --email you@example.org --name "Your Name"`: makes the first administrator on a
// database you provide (DATABASE_URL). Prompts for the password (or reads ADMIN_PASSWORD). With
// `--jurisdiction CODE` the person administers that (existing) jurisdiction only, instead of every one.
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { scriptClient } from './lib/prisma.ts';
import { hashPassword, passwordProblem } from '../src/lib/server/auth/password.ts';
import { applyMigrations } from './migrate.ts';

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, jurisdiction: { type: 'string' } }
});
const usage = 'usage: npm run admin:create -- --email you@example.org --name "Your Name" [--jurisdiction CODE]';
if (!process.env.DATABASE_URL) {
	console.error(
		'Set DATABASE_URL to the database Credo uses. (The embedded demo database already has admin@demo.credo.test.)'
	);
	process.exit(2);
}
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !values.name?.trim()) {
	console.error(usage);
	process.exit(2);
}
const code = values.jurisdiction?.trim().toUpperCase();
if (values.jurisdiction !== undefined && !code) {
	console.error(usage);
	process.exit(2);
}
// the jurisdiction is checked before the password is asked for, so a mistyped code costs no typing
await applyMigrations(process.env.DATABASE_URL);
const db = scriptClient();
const jurisdiction = code ? await db.jurisdiction.findUnique({ where: { code } }) : null;
if (code && !jurisdiction) {
	const known = (await db.jurisdiction.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map(
		(j) => j.code
	);
	console.error(
		`No jurisdiction has the code ${code}. ` +
			(known.length
				? `Known codes: ${known.join(', ')}.`
				: 'There is none yet: make a global administrator (without --jurisdiction) and create it in the browser.')
	);
	await db.$disconnect();
	process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
	const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
	password = await rl.question('Password (at least 10 characters): ');
	rl.close();
}
const problem = passwordProblem(password);
if (problem) {
	console.error(`That password is ${problem.replace('_', ' ')}.`);
	await db.$disconnect();
	process.exit(2);
}
const scopeKey = jurisdiction ? `jur:${jurisdiction.id}` : 'global';
const user = await db.user.upsert({
	where: { email },
	create: { email, name: values.name.trim(), passwordHash: await hashPassword(password), emailVerifiedAt: new Date() },
	update: {}
});
await db.membership.upsert({
	where: { userId_role_scopeKey: { userId: user.id, role: 'ADMIN', scopeKey } },
	create: { userId: user.id, role: 'ADMIN', jurisdictionId: jurisdiction?.id ?? null, scopeKey },
	update: {}
});
await db.auditEvent.create({
	data: {
		action: 'role.granted',
		subjectType: 'user',
		subjectId: user.id,
		jurisdictionId: jurisdiction?.id ?? null,
		data: { role: 'ADMIN', scope: scopeKey, via: 'admin:create' }
	}
});
console.log(
	jurisdiction
		? `${email} is an administrator of ${jurisdiction.name} (${jurisdiction.code}).`
		: `${email} is an administrator.`
);
await db.$disconnect();
