// Framework names in French (issue 16): a French reader sees no English track, level or competency name on the
// public framework pages, and a module lists its sources by document title, never as a seed citation like 001:25.
import { expect, test, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { demo, login } from './helpers';

type Named = { id: string; title: string; title_fr: string; track?: string };
const read = (rel: string) => parse(fs.readFileSync(path.join('content/framework', rel), 'utf8')) as Named[];
const tracks = read('tracks.yaml');
const levels = read('levels.yaml');
const competencies = fs.readdirSync('content/framework/competencies').flatMap((f) => read(`competencies/${f}`));
/** English names that are not also the French ones ("Justice" is both). */
const english = (items: Named[]) => items.filter((x) => x.title !== x.title_fr).map((x) => x.title);

async function inFrench(context: BrowserContext, baseURL: string) {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'fr', url: baseURL }]);
}

test('the framework in French names every track, level and competency in French', async ({
	page,
	context,
	baseURL
}) => {
	await inFrench(context, baseURL!);
	await page.goto('/framework');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	const text = await page.locator('main').innerText();
	for (const t of tracks) expect(text).toContain(t.title_fr);
	for (const l of levels) expect(text).toContain(l.title_fr);
	for (const name of [...english(tracks), ...english(levels)]) expect(text, name).not.toContain(name);
	expect(text).not.toMatch(/\b\d{3}:\d+/);

	for (const t of tracks) {
		await page.goto(`/framework/${t.id}`);
		const body = await page.locator('main').innerText();
		const own = competencies.filter((c) => c.track === t.id);
		for (const c of own) expect(body, c.id).toContain(c.title_fr);
		for (const name of english(own)) expect(body, name).not.toContain(name);
		expect(body).not.toMatch(/\b\d{3}:\d+/);
	}
});

test('a module lists its sources as numbered document titles, in French', async ({ page, context, baseURL }) => {
	await login(page, demo('learner'));
	await inFrench(context, baseURL!); // after sign-in: the account's own language may have been applied
	await page.goto('/learn/jus-diversion');
	const sources = page.locator('section.sources ol > li');
	await expect(sources.first()).toBeVisible();
	const items = await sources.allInnerTexts();
	expect(items.join('\n')).not.toMatch(/\b\d{3}:\d+/);
	expect(items.some((i) => i.startsWith("Orientations régionales pour les États membres de l'ASEAN"))).toBe(true);
	const meta = await page.locator('article.module header').innerText();
	expect(meta).toContain('Justice');
	expect(meta).toContain('Généraliste');
	expect(meta).toContain('Alternatives à la détention');
});
