// A database of a test's own, on the test server (TEST_ADMIN_URL), holding the migrations and nothing else: a copy of
// the migrated template when `npm test` names one (TEST_TEMPLATE_DB; a file copy, a second instead of four), else
// created empty and migrated here.
import pg from 'pg';
import { spawn } from 'node:child_process';
import { applyMigrations } from '../../scripts/migrate';

const admin = process.env.TEST_ADMIN_URL!;
export const urlOf = (name: string) => admin.replace(/\/[^/]+$/, `/${name}`);

/** One statement on the database at `url`, on a connection of its own; answers the rows. */
export async function sql(url: string, text: string) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query(text)).rows;
	} finally {
		await c.end();
	}
}
const adminSql = (text: string) => sql(admin, text);

/** Creates the database `name` (letters, digits and _ only: it is spliced into the statement) and returns its URL. */
export async function freshDatabase(name: string, { migrated = true } = {}): Promise<string> {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
	const template = migrated ? process.env.TEST_TEMPLATE_DB : undefined;
	if (template && !/^[a-z0-9_]+$/.test(template)) throw new Error(`not a database name: ${template}`);
	await adminSql(`create database ${name}${template ? ` template ${template}` : ''}`);
	if (migrated && !template) await applyMigrations(urlOf(name));
	return urlOf(name);
}

export async function dropDatabase(name: string) {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
	await adminSql(`drop database if exists ${name} with (force)`);
}

/**
 * Runs a script of scripts/ as `npm run` would, without npm and npx in front (each costs a second or more of CPU):
 * node with tsx's loader. Resolves with its exit status and its output (stdout then stderr).
 */
export function runScript(
	script: string,
	args: string[],
	env: Record<string, string>,
	{ timeout = 120_000 } = {}
): Promise<{ status: number | null; stdout: string; stderr: string; out: string }> {
	return new Promise((resolve, reject) => {
		const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout
		});
		let stdout = '';
		let stderr = '';
		p.stdout.on('data', (b) => (stdout += b));
		p.stderr.on('data', (b) => (stderr += b));
		p.on('error', reject);
		p.on('close', (status) => resolve({ status, stdout, stderr, out: stdout + stderr }));
	});
}
