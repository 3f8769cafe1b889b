// What `npm run backup` and `npm run restore` share: which database (DATABASE_URL, or the embedded one in ./.data/pg
// that `npm start` uses), its server version, and a pg_dump / pg_restore of the same major version.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';

export interface Target {
	url: string;
	/** user@host:port/database, without the password */
	label: string;
	serverVersion: string;
	serverMajor: number;
	stop: () => Promise<void>;
}

/** The configured database. Without DATABASE_URL, the embedded cluster is started if it is not running (and
 *  stopped again by `stop`). */
export async function configuredDatabase(): Promise<Target> {
	let url = process.env.DATABASE_URL;
	let stop = async () => {};
	if (!url) {
		const { ensureEmbeddedPostgres } = await import('./postgres.js');
		const p = await ensureEmbeddedPostgres({
			name: 'pg',
			database: 'credo'
		});
		url = p.url;
		stop = p.stop;
	}
	const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
	try {
		await c.connect();
	} catch (e) {
		await stop();
		throw new Error(`cannot connect to ${describe(url)}: ${(e as Error).message}`, { cause: e });
	}
	const { rows } = await c.query<{ num: string; version: string }>(
		`select current_setting('server_version_num') as num, current_setting('server_version') as version`
	);
	await c.end();
	return {
		url,
		label: describe(url),
		serverVersion: rows[0].version,
		serverMajor: Math.floor(Number(rows[0].num) / 10000),
		stop
	};
}

export function describe(url: string) {
	const u = new URL(url);
	return `${decodeURIComponent(u.username)}@${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** libpq reads the connection from these (the password stays out of the process list); parameters libpq does not
 *  know (Prisma's `schema`, `connection_limit` …) are left out. */
export function libpqEnv(url: string): Record<string, string> {
	const u = new URL(url);
	const env: Record<string, string> = {
		PGHOST: u.hostname.replace(/^\[|\]$/g, ''),
		PGPORT: u.port || '5432',
		PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
		PGUSER: decodeURIComponent(u.username)
	};
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
	const known: Record<string, string> = {
		sslmode: 'PGSSLMODE',
		sslrootcert: 'PGSSLROOTCERT',
		sslcert: 'PGSSLCERT',
		sslkey: 'PGSSLKEY',
		application_name: 'PGAPPNAME',
		connect_timeout: 'PGCONNECT_TIMEOUT',
		host: 'PGHOST'
	};
	for (const [k, v] of u.searchParams) if (known[k]) env[known[k]] = v;
	return env;
}

/** The client tool matching the server's major version, or an explanation of why there is none. */
export function matchingTool(
	name: 'pg_dump' | 'pg_restore',
	serverMajor: number
): { path: string; version: string } | { error: string } {
	const candidates = [
		process.env.CREDO_PG_BIN && path.join(process.env.CREDO_PG_BIN, name),
		`/usr/lib/postgresql/${serverMajor}/bin/${name}`,
		(spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout ?? '').trim()
	].filter((c): c is string => !!c && fs.existsSync(c));
	if (!candidates.length) {
		return {
			error: `${name} is not installed. Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) and try again.`
		};
	}
	const tool = candidates[0];
	const out = spawnSync(tool, ['--version'], { encoding: 'utf8' });
	const version = /(\d+)(?:\.(\d+))?/.exec(out.stdout ?? '');
	if (out.status !== 0 || !version) return { error: `${tool} --version did not answer: ${out.stderr || out.stdout}` };
	const major = Number(version[1]);
	if (major !== serverMajor) {
		return {
			error:
				`${tool} is version ${version[0]} but the server is PostgreSQL ${serverMajor}. A ${name} of another major version may ` +
				`write a dump the server cannot read, or fail half way. Install the PostgreSQL ${serverMajor} client tools ` +
				`(Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) or point CREDO_PG_BIN at their bin folder.`
		};
	}
	return { path: tool, version: version[0] };
}

export function formatBytes(n: number) {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let i = 0;
	for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
	return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
