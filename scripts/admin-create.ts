// `npm run admin:create -- --email you@example.org --name "Your Name"`: makes the first administrator on a
// database you provide (DATABASE_URL). Prompts for the password (or reads ADMIN_PASSWORD).
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { scriptClient } from './lib/prisma.ts';
import { hashPassword, passwordProblem } from '../src/lib/server/auth/password.ts';
import { applyMigrations } from './migrate.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!process.env.DATABASE_URL) {
	console.error(
		'Set DATABASE_URL to the database Credo uses. (The embedded demo database already has admin@demo.credo.test.)'
	);
	process.exit(2);
}
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !values.name?.trim()) {
	console.error('usage: npm run admin:create -- --email you@example.org --name "Your Name"');
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
	process.exit(2);
}
await applyMigrations(process.env.DATABASE_URL);
const db = scriptClient();
const user = await db.user.upsert({
	where: { email },
	create: { email, name: values.name.trim(), passwordHash: await hashPassword(password), emailVerifiedAt: new Date() },
	update: {}
});
await db.membership.upsert({
	where: { userId_role_scopeKey: { userId: user.id, role: 'ADMIN', scopeKey: 'global' } },
	create: { userId: user.id, role: 'ADMIN', scopeKey: 'global' },
	update: {}
});
await db.auditEvent.create({
	data: {
		action: 'role.granted',
		subjectType: 'user',
		subjectId: user.id,
		data: { role: 'ADMIN', via: 'admin:create' }
	}
});
console.log(`${email} is an administrator.`);
await db.$disconnect();
