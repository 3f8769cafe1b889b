// `npm run restore -- <file> [--yes] [--jobs N]`: pg_restore --clean --if-exists --no-owner of a backup made by
// `npm run backup` into the configured database (DATABASE_URL, or the embedded one in ./.data/pg), then the row count
// of every table. A database that already holds data is replaced only with --yes. Stop the app servers first.
import fs from 'node:fs';
import os from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { configuredDatabase, libpqEnv, matchingTool, formatBytes, seconds } from './lib/pg-tools.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { yes: { type: 'boolean', default: false }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
});
const file = positionals[0];
if (values.help || !file) {
	console.log(
		'npm run restore -- <file> [--yes] [--jobs N]   restore a backup into DATABASE_URL (or the embedded database)'
	);
	process.exit(values.help ? 0 : 1);
}
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
	console.error(`${file}: no such file.`);
	process.exit(1);
}
const jobs = Math.max(1, Number(values.jobs ?? Math.min(4, os.availableParallelism?.() ?? os.cpus().length)) || 1);

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query<T>(text)).rows;
	} finally {
		await c.end();
	}
}

/** Tables outside the system schemas, with an exact "has rows" per table (stops at the first row of each). */
async function existingData(url: string) {
	const tables = await query<{ name: string }>(
		url,
		`select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%' order by 1`
	);
	if (!tables.length) return { tables: 0, withRows: [] as string[] };
	const [row] = await query<{ with_rows: string[] | null }>(
		url,
		`select array_remove(array[${tables.map((t) => `case when exists (select 1 from ${t.name}) then '${t.name.replaceAll("'", "''")}' end`).join(', ')}], null) as with_rows`
	);
	return { tables: tables.length, withRows: row.with_rows ?? [] };
}

/** pg_restore --clean cannot clean a partitioned table (pg-boss keeps its jobs in one, a partition per queue): it
 *  tries to drop each partition's inherited primary key first and stops with "cannot drop inherited constraint".
 *  The partitioned tables the backup will create again are dropped beforehand (with their partitions), which is
 *  what --clean would have done. */
async function dropPartitionedTables(url: string, toc: string) {
	const inBackup = new Set([...toc.matchAll(/^\d+; \d+ \d+ TABLE (\S+) (\S+) /gm)].map((m) => `${m[1]}.${m[2]}`));
	const partitioned = await query<{ schema: string; name: string }>(
		url,
		`select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'p' and not c.relispartition`
	);
	const drop = partitioned.filter((t) => inBackup.has(`${t.schema}.${t.name}`));
	if (!drop.length) return;
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		await c.query(
			`drop table if exists ${drop.map((t) => `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`).join(', ')} cascade`
		);
	} finally {
		await c.end();
	}
}

/** The backup grants tables to the app's role (credo_app, see scripts/lib/app-role.js): on a server that has never
 *  run Credo's migrations it is created first (without login; `npm start` lets it log in), else every GRANT fails. */
async function ensureAppRole(url: string) {
	const [exists] = await query<{ n: number }>(
		url,
		`select count(*)::int as n from pg_roles where rolname = 'credo_app'`
	);
	if (exists.n) return;
	await query(url, 'create role credo_app nologin').catch((e: Error) => {
		throw new Error(
			`The backup grants privileges to the role credo_app, which this server lacks; creating it failed (${e.message}). Create it (create role credo_app nologin) as an administrator and run the restore again.`
		);
	});
}

const target = await configuredDatabase();
let code = 0;
try {
	const tool = matchingTool('pg_restore', target.serverMajor);
	if ('error' in tool) throw new Error(tool.error);
	const list = spawnSync(tool.path, ['--list', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (list.status !== 0)
		throw new Error(`${file} is not a backup pg_restore ${tool.version} can read: ${list.stderr.trim()}`);
	const dumpedFrom = /Dumped from database version: (\S+)/.exec(list.stdout)?.[1];

	const existing = await existingData(target.url);
	console.log(
		`Restoring ${file} (${formatBytes(fs.statSync(file).size)}${dumpedFrom ? `, dumped from PostgreSQL ${dumpedFrom}` : ''}) into ${target.label} (PostgreSQL ${target.serverVersion}).`
	);
	console.log(
		`pg_restore --clean --if-exists --no-owner --jobs ${jobs}: every table, sequence, type and function in the backup is dropped if it exists and created again with the backup's rows; objects that are not in the backup are left as they are.`
	);
	if (existing.withRows.length) {
		const sample = existing.withRows.slice(0, 5).join(', ');
		if (!values.yes) {
			console.error(
				`\n${target.label} already holds data: ${existing.withRows.length} of its ${existing.tables} tables have rows (${sample}${existing.withRows.length > 5 ? ', …' : ''}).\n` +
					`Restoring replaces them with the backup's contents. Stop the app servers, then run again with --yes:\n  npm run restore -- ${file} --yes`
			);
			code = 2;
		} else console.log(`Replacing the data in ${existing.withRows.length} tables (--yes).`);
	}
	if (code === 0) {
		const started = performance.now();
		if (existing.tables) await dropPartitionedTables(target.url, list.stdout);
		await ensureAppRole(target.url);
		const status = await new Promise<number>((resolve, reject) => {
			const env = { ...process.env, ...libpqEnv(target.url) };
			const p = spawn(
				tool.path,
				[
					'--clean',
					'--if-exists',
					'--no-owner',
					`--jobs=${jobs}`,
					'--exit-on-error',
					'--no-password',
					`--dbname=${env.PGDATABASE}`,
					file
				],
				{ stdio: ['ignore', 'inherit', 'inherit'], env }
			);
			p.on('error', reject);
			p.on('exit', (c) => resolve(c ?? 1));
		});
		if (status !== 0)
			throw new Error(
				`pg_restore failed (exit ${status}); the database may be partly restored. Fix the cause and run the restore again.`
			);
		const restoreMs = performance.now() - started;
		const tables = await query<{ name: string }>(
			target.url,
			`select format('%I', c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname collate "C"`
		);
		const counts = tables.length
			? await query<{ name: string; rows: string }>(
					target.url,
					`select * from (${tables.map((t) => `select '${t.name.replaceAll("'", "''")}' as name, count(*)::text as rows from public.${t.name}`).join(' union all ')}) x order by name collate "C"`
				)
			: [];
		const width = Math.max(10, ...counts.map((c) => c.name.length));
		console.log(`\nRestored in ${seconds(restoreMs)}. Rows per table:`);
		for (const c of counts)
			console.log(`  ${c.name.padEnd(width)} ${Number(c.rows).toLocaleString('en').padStart(12)}`);
		console.log(
			`  ${'total'.padEnd(width)} ${counts
				.reduce((t, c) => t + Number(c.rows), 0)
				.toLocaleString('en')
				.padStart(12)}`
		);
	}
} catch (e) {
	console.error((e as Error).message);
	code = 1;
} finally {
	await target.stop();
}
process.exit(code);
