// `npm run backup [-- --out file]`: pg_dump -Fc of the configured database (DATABASE_URL, or the embedded one in
// ./.data/pg) into backups/credo-<timestamp>.dump. Refuses when pg_dump's major version is not the server's. The file
// appears only once the dump is complete (it is written as <file>.partial and renamed).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { configuredDatabase, libpqEnv, matchingTool, formatBytes, seconds } from './lib/pg-tools.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
	console.log(
		'npm run backup [-- --out file]   pg_dump -Fc of DATABASE_URL (or the embedded database) to backups/credo-<timestamp>.dump'
	);
	process.exit(0);
}

// a backup holds personal data: only its owner may read it (pg_dump inherits the umask)
process.umask(0o077);
const target = await configuredDatabase();
let code = 0;
try {
	const tool = matchingTool('pg_dump', target.serverMajor);
	if ('error' in tool) throw new Error(tool.error);
	const stamp = new Date()
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replaceAll(':', '-');
	const out = path.resolve(values.out ?? path.join('backups', `credo-${stamp}.dump`));
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const partial = `${out}.partial`;
	console.log(`Backing up ${target.label} (PostgreSQL ${target.serverVersion}) with ${tool.path} ${tool.version}…`);
	const started = performance.now();
	const status = await new Promise<number>((resolve, reject) => {
		const p = spawn(tool.path, ['--format=custom', '--compress=6', `--file=${partial}`, '--no-password'], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, ...libpqEnv(target.url) }
		});
		p.on('error', reject);
		p.on('exit', (c) => resolve(c ?? 1));
	});
	if (status !== 0) {
		fs.rmSync(partial, { force: true });
		throw new Error(`pg_dump failed (exit ${status}); no backup was written.`);
	}
	fs.renameSync(partial, out);
	const size = fs.statSync(out).size;
	const shown = path.relative(process.cwd(), out).startsWith('..') ? out : path.relative(process.cwd(), out);
	console.log(`Backup written: ${shown}  ${formatBytes(size)} in ${seconds(performance.now() - started)}`);
	console.log(`Restore it with: npm run restore -- ${shown}`);
} catch (e) {
	console.error((e as Error).message);
	code = 1;
} finally {
	await target.stop();
}
process.exit(code);
