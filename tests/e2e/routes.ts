// Every route, page action and endpoint in src/routes, read from the files: the access matrix and the fuzz tests
// both start from this list, so a new route is covered by both without being listed again.
import fs from 'node:fs';
import path from 'node:path';

/** "GET /path" for pages, "POST /path?/action" for form actions, "<METHOD> /path" for endpoints. */
export function enumerateRoutes(dir = 'src/routes', base = ''): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			// a parameter's matcher ([entry=uuid]) is not part of its name here
			const seg = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name.replace(/=\w+\]$/, ']')}`;
			out.push(...enumerateRoutes(full, base + seg));
			continue;
		}
		const route = base || '/';
		const src = fs.readFileSync(full, 'utf8');
		if (entry.name === '+page.svelte') out.push(`GET ${route}`);
		if (entry.name === '+page.server.ts') {
			const actions = /export const actions[^=]*=\s*{([\s\S]*)};/.exec(src)?.[1] ?? '';
			for (const [, name] of actions.matchAll(/^\t(\w+): (?:async|formAction|importAction)/gm))
				out.push(name === 'default' ? `POST ${route}` : `POST ${route}?/${name}`);
			if (/export const load/.test(src) && !fs.existsSync(path.join(dir, '+page.svelte'))) out.push(`GET ${route}`);
		}
		if (entry.name === '+server.ts')
			for (const [, m] of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m} ${route}`);
	}
	return [...new Set(out)].sort();
}
