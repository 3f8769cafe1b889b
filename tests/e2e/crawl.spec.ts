// Every page each demo role can reach, as that person would on a phone (issue 16): starting from the role's home, the
// crawl follows the links of each page it reaches (one page per route: /learn/a and /learn/b are the same page) and on
// each page, at 360 px:
// - nothing scrolls sideways (`scrollWidth` ≤ the window), and no word is cut: every word of every table cell fits its
//   cell on one line (measured with a Range per word: one rectangle, no wider than the cell);
// - axe (WCAG 2.2 AA) finds nothing; no raw code or seed reference is shown; every date is in the locale's one format;
// then at 1280 px, in place (the layout is CSS only): axe again, no sideways scroll.
// Screenshots of the pages one click from home go to tests/screenshots/ (not committed) for a human look.
import { expect, test, type Page } from '@playwright/test';
import { checkPage, demo, login } from './helpers';
import { pageRoutes } from './routes';

const ROUTES = pageRoutes();
/** Links that are not pages to look at: files, signing out, switching language. */
const NOT_PAGES = /^\/(logout|locale)\b|\.(csv|pdf|json|zip|png|svg)$|\/(evidence|credential|download|export)\b/;
// `npm run test:scale` sets CRAWL_FULL=1: every page reached, not one per route (every module, every record), up to
// 400 a role
const FULL = !!process.env.CRAWL_FULL;
const LIMIT = FULL ? 400 : 60;

test.describe.configure({ timeout: FULL ? 3_600_000 : 300_000 });

/** The route a path belongs to ("/learn/[module]"), or null when no page answers it. */
function routeOf(pathname: string): string | null {
	return ROUTES.find((r) => r.pattern.test(pathname))?.id ?? null;
}

/** Same-site links of the page that lead to another page (not a file), with their route. */
async function linksOf(page: Page): Promise<string[]> {
	const hrefs = await page.$$eval('a[href]:not([download])', (as) => as.map((a) => (a as HTMLAnchorElement).href));
	const origin = new URL(page.url()).origin;
	return hrefs
		.map((h) => new URL(h))
		.filter((u) => u.origin === origin && !NOT_PAGES.test(u.pathname))
		.map((u) => u.pathname + u.search);
}

async function crawl(page: Page, role: string, start: string) {
	const seen = new Set<string>(); // routes (paths, in full) visited
	const queue: { path: string; depth: number }[] = [{ path: start, depth: 0 }];
	const visited: string[] = [];
	while (queue.length && visited.length < LIMIT) {
		const { path, depth } = queue.shift()!;
		const route = routeOf(new URL(path, 'http://x').pathname);
		const key = FULL ? path : route;
		if (!route || !key || seen.has(key)) continue;
		seen.add(key);
		const name = depth <= 1 ? `${role}${route.replace(/[^a-z0-9]+/gi, '-')}`.replace(/-$/, '') : null;
		await test.step(path, () => checkPage(page, path, name));
		visited.push(path);
		for (const next of await linksOf(page)) queue.push({ path: next, depth: depth + 1 });
	}
	return visited;
}

test('public pages, as someone not signed in', async ({ page }) => {
	const visited = await crawl(page, 'public', '/');
	expect(visited.length).toBeGreaterThan(4);
});

for (const role of ['learner', 'supervisor', 'coordinator', 'provider', 'author', 'regulator', 'analyst', 'admin']) {
	test(`every page the ${role} reaches`, async ({ page }) => {
		await login(page, demo(role));
		const visited = await crawl(page, role, '/dashboard');
		// the crawl found the role's own pages, not only the home page
		expect(visited.length, visited.join('\n')).toBeGreaterThan(4);
		console.log(`${role}: ${visited.length} pages\n  ${visited.join('\n  ')}`);
	});
}
