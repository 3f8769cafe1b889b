// Builds the app when the build is missing or older than any source it is made from.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const SOURCES = [
	'src',
	'static',
	'content',
	'messages',
	'prisma/schema.prisma',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts',
	'project.inlang/settings.json'
];
const STAMP = 'build/handler.js';

function newest(p) {
	if (!fs.existsSync(p)) return 0;
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let t = 0;
	for (const e of fs.readdirSync(p)) {
		if (e === 'generated' || e === 'paraglide') continue; // outputs, not sources
		t = Math.max(t, newest(path.join(p, e)));
	}
	return t;
}

export function buildIfNeeded({ force = false } = {}) {
	const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
	if (!force && built && SOURCES.every((s) => newest(s) <= built)) return false;
	console.log('Building Credo (vite build, about a minute)…');
	const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		stdio: ['inherit', 'pipe', 'inherit'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	// SvelteKit always prints "Run npm run preview to preview your production build": Credo has no such script;
	// the build is served by `npm start`.
	const out = (r.stdout ?? '').replace(/^.*npm run preview.*\n?/gm, '').trim();
	if (out) console.log(out);
	if (r.status !== 0) throw new Error('vite build failed');
	console.log('Built into build/: `npm start` serves it.');
	return true;
}
