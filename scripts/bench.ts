// `npm run bench`: speed figures, each as a median and a ratio to a floor measured in the same run.
//   content:check on 1,000 generated modules — floor: reading and hashing the same 1,000 files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadContent } from '../src/lib/server/content/load.ts';

const RUNS = 5;

function median(xs: number[]) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
	const t = performance.now();
	fn();
	return performance.now() - t;
}

/** A content folder with n modules: copies of the real ones under new ids (links to other modules made plain text). */
export function generateContent(n: number): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-bench-'));
	fs.cpSync('content/framework', path.join(dir, 'framework'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'modules/generated'), { recursive: true });
	const sources = loadContent().content.modules.filter((m) => !m.draft);
	for (let i = 0; i < n; i++) {
		const src = sources[i % sources.length];
		const id = `${src.id}-g${i}`;
		const text = fs.readFileSync(src.file, 'utf8').replace(`id: ${src.id}`, `id: ${id}`).replace(/\[([^\]]*)\]\(\/learn\/[^)]*\)/g, '$1');
		fs.writeFileSync(path.join(dir, 'modules/generated', `${id}.md`), text);
	}
	return dir;
}

const dir = generateContent(1000);
const files = fs.readdirSync(path.join(dir, 'modules/generated')).map((f) => path.join(dir, 'modules/generated', f));
const floor = median(Array.from({ length: RUNS }, () => time(() => { for (const f of files) createHash('sha256').update(fs.readFileSync(f)).digest('hex'); })));
let problems = 0;
const check = median(Array.from({ length: RUNS }, () => time(() => { problems = loadContent(dir).problems.length; })));
fs.rmSync(dir, { recursive: true, force: true });

console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log(`content:check, ${files.length} modules: median ${(check / 1000).toFixed(2)} s (target < 5 s), ${problems} problems`);
console.log(`  floor (read + sha-256 of the same files): ${(floor / 1000).toFixed(3)} s → ratio ${(check / floor).toFixed(1)}×`);
if (problems) process.exitCode = 1;
