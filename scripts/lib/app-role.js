// The database role the app server connects as (issue 15, item 13). The migrations (run as the owner of the tables,
// DATABASE_URL) create `credo_app` and grant it what the app needs, with INSERT and SELECT only on audit_events; it
// owns nothing in public, so it cannot disable the append-only trigger either. At start-up, still as the owner,
// `appDatabaseUrl` makes sure the role can log in and answers the URL the app should use:
//   - DATABASE_APP_URL when set (the operator manages the role's login; nothing is changed);
//   - else the owner's URL with credo_app and its password: DATABASE_APP_PASSWORD, else a random one kept in
//     .data/app-role-password (created once, mode 600). The password is (re)set only when logging in with it fails,
//     so app servers sharing one password never undo each other's;
//   - else, when the role does not exist (an owner that may not create roles skipped it), the owner's URL, with a
//     warning.
// It also lets credo_app create the job queue's schema (CREATE on the database: pg-boss installs `pgboss` itself on
// first start) and hands an existing `pgboss` schema to credo_app (made before, by an app that ran as the owner, or
// by a restore), since pg-boss alters its own tables when it creates a queue.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const APP_ROLE = 'credo_app';
const CHECKOUT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {string} checkout
 */
export function appRolePassword(env = process.env, checkout = CHECKOUT) {
	if (env.DATABASE_APP_PASSWORD) return env.DATABASE_APP_PASSWORD;
	const file = path.join(checkout, '.data', 'app-role-password');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		try {
			fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
		} catch {
			// another process wrote it first
		}
	}
	return fs.readFileSync(file, 'utf8').trim();
}

/**
 * `url` with another user and password.
 * @param {string} url
 * @param {string} user
 * @param {string} password
 */
export function withLogin(url, user, password) {
	const u = new URL(url);
	u.username = encodeURIComponent(user);
	u.password = encodeURIComponent(password);
	return u.toString();
}

/** @param {string} url */
async function canLogIn(url) {
	const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
	try {
		await c.connect();
		await c.query('select 1');
		return true;
	} catch (e) {
		const code = /** @type {{ code?: string }} */ (e).code;
		// wrong password, or a role that may not log in (yet): fixed below; anything else is a real problem
		if (code === '28P01' || code === '28000') return false;
		throw e;
	} finally {
		await c.end().catch(() => {});
	}
}

/**
 * Gives an existing pgboss schema, and everything in it, to credo_app. A no-op when it is already its own.
 * @param {pg.Client} owner
 */
async function handOverQueueSchema(owner) {
	const { rows } = await owner.query(
		`select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = 'pgboss'`
	);
	if (!rows.length) return;
	const objects = await owner.query(
		`select 'table' as kind, format('%I.%I', n.nspname, c.relname) as name from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'pgboss' and c.relkind in ('r', 'p') and pg_get_userbyid(c.relowner) <> $1
		union all
		select 'sequence', format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'pgboss' and c.relkind = 'S' and pg_get_userbyid(c.relowner) <> $1
			and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
		union all
		select 'type', format('%I.%I', n.nspname, t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace
			where n.nspname = 'pgboss' and t.typtype = 'e' and pg_get_userbyid(t.typowner) <> $1
		union all
		select 'function', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) from pg_proc p
			join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'pgboss' and pg_get_userbyid(p.proowner) <> $1`,
		[APP_ROLE]
	);
	if (rows[0].owner === APP_ROLE && !objects.rows.length) return;
	await owner.query('begin');
	try {
		await owner.query(`alter schema pgboss owner to ${APP_ROLE}`);
		for (const o of objects.rows) await owner.query(`alter ${o.kind} ${o.name} owner to ${APP_ROLE}`);
		await owner.query('commit');
	} catch (e) {
		await owner.query('rollback');
		throw e;
	}
}

/**
 * The URL the app server should connect with (see the top of this file), given the owner's. `warning` says why it is
 * the owner's own, when it is.
 * @param {string} ownerUrl
 * @param {{ env?: NodeJS.ProcessEnv, checkout?: string }} [opts]
 * @returns {Promise<{ url: string, role: string, warning?: string }>}
 */
export async function appDatabaseUrl(ownerUrl, { env = process.env, checkout = CHECKOUT } = {}) {
	if (env.DATABASE_APP_URL) return { url: env.DATABASE_APP_URL, role: new URL(env.DATABASE_APP_URL).username };
	const owner = new pg.Client({ connectionString: ownerUrl });
	await owner.connect();
	try {
		const { rowCount } = await owner.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
		const ownerName = decodeURIComponent(new URL(ownerUrl).username);
		if (!rowCount)
			return {
				url: ownerUrl,
				role: ownerName,
				warning: `The role ${APP_ROLE} does not exist (the migrations could not create it), so the app connects as ${ownerName}, the owner of the tables. See "Database roles" in docs/operations.md.`
			};
		const { rows } = await owner.query(
			'select current_database() as db, rolsuper from pg_roles where rolname = current_user'
		);
		const database = rows[0].db;
		// the owner must be able to act as credo_app to hand it the queue's schema (a superuser always can)
		if (!rows[0].rolsuper) await owner.query(`grant ${APP_ROLE} to current_user`).catch(() => {});
		await owner.query(`grant create on database ${pg.escapeIdentifier(database)} to ${APP_ROLE}`);
		await handOverQueueSchema(owner);
		const password = appRolePassword(env, checkout);
		const url = withLogin(ownerUrl, APP_ROLE, password);
		if (!(await canLogIn(url)))
			await owner.query(`alter role ${APP_ROLE} with login password ${owner.escapeLiteral(password)}`);
		return { url, role: APP_ROLE };
	} finally {
		await owner.end();
	}
}
