// Creates and applies Prisma migrations without the native schema engine (which would be downloaded from the web):
// the WASM schema engine from npm, driven through the pg driver adapter. See DEVELOPERS.md.
//   tsx scripts/migrate.ts apply        apply pending migrations to DATABASE_URL (or the embedded database)
//   tsx scripts/migrate.ts new <name>   write prisma/migrations/<timestamp>_<name>/migration.sql from the schema change
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

const SCHEMA = path.resolve('prisma/schema.prisma');
const MIGRATIONS = path.resolve('prisma/migrations');
const SNAPSHOT = 'schema.prisma'; // the schema as it was when the migration was written
const noFilter = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | null = null;

// The WASM module is instantiated once per process: its bindings are module-global.
function initWasm() {
	wasmReady ??= (async () => {
		const require = createRequire(import.meta.url);
		const wasmPath = require
			.resolve('@prisma/schema-engine-wasm')
			.replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
		const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
			'./schema_engine_bg.js': bg as never
		});
		const exports = instance.exports as unknown as { __wbindgen_start: () => void };
		bg.__wbg_set_wasm(exports);
		exports.__wbindgen_start();
	})();
	return wasmReady;
}

async function loadEngine(url: string) {
	await initWasm();
	const adapter = bindMigrationAwareSqlAdapterFactory(wholeScripts(new PrismaPg({ connectionString: url })));
	const datamodel = fs.readFileSync(SCHEMA, 'utf8');
	return bg.SchemaEngine.new(
		{ datamodels: [[SCHEMA, datamodel]] },
		(msg: string) => {
			if (process.env.MIGRATE_DEBUG) console.error(msg);
		},
		adapter
	);
}

type Adapter = {
	executeScript(script: string): Promise<void>;
	dispose(): Promise<void>;
	client: { query(sql: string): Promise<unknown> };
	onError(e: unknown): never;
};

// Connections the engine opened; closed after each command so no session (or its advisory lock) lingers.
const openAdapters = new Set<Adapter>();
async function closeAdapters() {
	for (const a of openAdapters) await a.dispose().catch(() => {});
	openAdapters.clear();
}

/** PrismaPg splits a script at every ';', which breaks function bodies; send each migration whole instead (one
 *  simple-protocol query, so it also runs as one transaction). */
function wholeScripts(factory: PrismaPg): PrismaPg {
	const connect = factory.connect.bind(factory);
	factory.connect = async () => {
		const adapter = (await connect()) as unknown as Adapter;
		openAdapters.add(adapter);
		adapter.executeScript = async (script: string) => {
			try {
				await adapter.client.query(script);
			} catch (error) {
				adapter.onError(error);
			}
		};
		return adapter as never;
	};
	return factory;
}

export function migrationList(): bg.MigrationList {
	const dirs = fs.existsSync(MIGRATIONS)
		? fs
				.readdirSync(MIGRATIONS)
				.filter((d) => fs.existsSync(path.join(MIGRATIONS, d, 'migration.sql')))
				.sort()
		: [];
	const lock = path.join(MIGRATIONS, 'migration_lock.toml');
	return {
		baseDir: MIGRATIONS,
		lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8') : null },
		shadowDbInitScript: '',
		migrationDirectories: dirs.map((d) => ({
			path: d,
			migrationFile: {
				path: 'migration.sql',
				content: { tag: 'ok', value: fs.readFileSync(path.join(MIGRATIONS, d, 'migration.sql'), 'utf8') }
			}
		}))
	};
}

export async function applyMigrations(url: string): Promise<string[]> {
	const engine = await loadEngine(url);
	try {
		const out = await engine.applyMigrations({ migrationsList: migrationList(), filters: noFilter });
		await afterMigrations(url);
		return out.appliedMigrationNames;
	} finally {
		engine.free();
		await closeAdapters();
	}
}

/** Data steps the SQL cannot do, run as the owner after the migrations (each finds nothing to do once done). */
async function afterMigrations(url: string) {
	const { hashLoggedAddresses } = await import('./lib/audit-addresses.ts');
	const hashed = await hashLoggedAddresses(url);
	if (hashed) console.log(`Audit log: the typed address of ${hashed} lock event(s) replaced by its keyed hash.`);
}

/** SQL that takes a database built by the committed migrations to the current schema ('' when they match). */
export async function pendingSchemaChange(url: string, from?: string): Promise<string> {
	const engine = await loadEngine(url);
	try {
		const current = fs.readFileSync(SCHEMA, 'utf8');
		const source: bg.DiffTarget =
			from === undefined
				? { tag: 'schemaDatasource', files: [{ path: SCHEMA, content: current }], configDir: path.dirname(SCHEMA) }
				: from === ''
					? { tag: 'empty' }
					: { tag: 'schemaDatamodel', files: [{ path: SNAPSHOT, content: from }] };
		const out = await engine.diff({
			from: source,
			to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA, content: current }] },
			script: true,
			exitCode: null,
			filters: noFilter
		});
		const sql = (out.stdout ?? '').trim();
		return sql === '-- This is an empty migration.' ? '' : sql;
	} finally {
		engine.free();
		await closeAdapters();
	}
}

async function newMigration(name: string) {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error('name the migration in snake_case, e.g. add_licences');
	const last = migrationList().migrationDirectories.at(-1);
	const previous = last ? fs.readFileSync(path.join(MIGRATIONS, last.path, SNAPSHOT), 'utf8') : '';
	const sql = await pendingSchemaChange(await databaseUrl(), previous);
	if (!sql) return console.log('prisma/schema.prisma has no change since the last migration.');
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
	fs.copyFileSync(SCHEMA, path.join(dir, SNAPSHOT));
	const lock = path.join(MIGRATIONS, 'migration_lock.toml');
	if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
	console.log(
		`wrote ${path.relative('.', dir)}/migration.sql — review it, add what Prisma cannot express, then npm run db:migrate`
	);
}

async function databaseUrl(): Promise<string> {
	if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
	const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
	const db = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
	process.on('exit', () => void db.stop());
	return db.url;
}

const [cmd, arg] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
	if (cmd === 'apply') {
		const applied = await applyMigrations(await databaseUrl());
		console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
	} else if (cmd === 'new' && arg) {
		await newMigration(arg);
	} else {
		console.error('usage: tsx scripts/migrate.ts apply | new <name>');
		process.exitCode = 2;
	}
	process.exit();
}
