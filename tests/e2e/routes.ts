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

/** Every page's route ("/learn/[slug]") with a pattern matching its paths, the most specific first. */
export function pageRoutes(): { id: string; pattern: RegExp }[] {
	return enumerateRoutes()
		.filter((r) => r.startsWith('GET ') && fs.existsSync(pageFile(r.slice(4))))
		.map((r) => r.slice(4))
		.map((id) => ({
			id,
			pattern: new RegExp(`^${id.replace(/\[\.\.\.\w+\]/g, '.*').replace(/\[\w+\]/g, '[^/]+')}/?$`),
			rank: id.split('/').filter((s) => s.startsWith('[')).length
		}))
		.sort((a, b) => a.rank - b.rank)
		.map(({ id, pattern }) => ({ id, pattern }));
}

/** Whether the route has a +page.svelte (and is a page, not an endpoint), whatever group folders it sits in. */
function pageFile(route: string, dir = 'src/routes'): string {
	const [head, ...rest] = route.split('/').filter(Boolean);
	if (!head && fs.existsSync(path.join(dir, '+page.svelte'))) return path.join(dir, '+page.svelte');
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		const full = path.join(dir, entry.name);
		if (/^\(.*\)$/.test(entry.name)) {
			const found = pageFile(route, full);
			if (fs.existsSync(found)) return found;
		} else if (head && entry.name.replace(/=\w+\]$/, ']') === head) {
			const found = pageFile('/' + rest.join('/'), full);
			if (fs.existsSync(found)) return found;
		}
	}
	return path.join(dir, '__none__');
}
