// Journey helpers: log in through the real form, read mail the app wrote to MAIL_DIR, check accessibility.
import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const DEMO_PASSWORD = 'credo-demo-2026';
export const demo = (role: string) => `${role}@demo.credo.test`;
export const uniqueEmail = (tag = 'e2e') => `${tag}-${randomUUID().slice(0, 8)}@e2e.credo.test`;
const MAIL_DIR = process.env.MAIL_DIR ?? '.data/mail-e2e';

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page).toHaveURL(/\/login/);
}

/** The newest mail to `to` whose subject matches, waiting briefly for it to be written. */
export async function readMail(
	to: string,
	subject: RegExp
): Promise<{ subject: string; body: string; link: string | null }> {
	for (let i = 0; i < 50; i++) {
		const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort().reverse() : [];
		for (const f of files) {
			const text = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8');
			const [head, ...rest] = text.split('\n\n');
			if (!head.includes(`To: ${to}\n`)) continue;
			const subj = /Subject: (.*)/.exec(head)?.[1] ?? '';
			if (!subject.test(subj)) continue;
			const body = rest.join('\n\n');
			return { subject: subj, body, link: /https?:\/\/\S+/.exec(body)?.[0] ?? null };
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail to ${to} matching ${subject}`);
}

/** axe-core's own build, the one @axe-core/playwright bundles. */
const AXE_SOURCE = fs.readFileSync(
	createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
	'utf8'
);
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * WCAG 2.2 AA rules from axe; fails the test with the violations listed. axe-core runs in the page itself, every rule
 * of those tags on every element, collecting violations only. Not through @axe-core/playwright's AxeBuilder: it opens a
 * blank page on each call to merge the results of frames (Credo's pages have none), about 1 s of every check against
 * 0.1–0.3 s for injecting and running axe (measured on the journeys' pages, 2026-12-06).
 */
export async function expectAccessible(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

/** The WCAG 2.2 AA violations axe finds on the page, one line each ("rule: targets"). */
export async function axeViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	return page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}, WCAG_22_AA);
}

export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

export async function query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
	const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await c.connect();
	try {
		return (await c.query(text, params)).rows as T[];
	} finally {
		await c.end();
	}
}

export async function count(table: string, where = 'true', params: unknown[] = []) {
	const rows = await query<{ n: string }>(`select count(*)::text as n from ${table} where ${where}`, params);
	return Number(rows[0].n);
}

export async function register(
	page: Page,
	opts: { email: string; given?: string; family?: string; password?: string; verified?: boolean }
) {
	await page.goto('/register');
	await page.getByLabel('Given name').fill(opts.given ?? 'Test');
	await page.getByLabel('Family name').fill(opts.family ?? 'Person');
	await page.getByLabel('Email address').fill(opts.email);
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill(opts.password ?? 'a good long passphrase');
	await page.getByLabel('Country or jurisdiction').selectOption({ label: 'Demo Republic' });
	await page.getByLabel(/I have read the privacy notice/).check();
	await page.getByRole('button', { name: 'Create account' }).click();
	// the same answer whether or not the address had an account (issue 15 item 10): a mail, then log in
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
	await login(page, opts.email, opts.password ?? 'a good long passphrase');
	// as if the mailed link had been opened: privileged forms find only confirmed addresses (issue 15, item 6)
	if (opts.verified) await query('update users set email_verified_at = now() where email = $1', [opts.email]);
}

// Every value of every enum in the schema: none of them may reach a page as text (each is shown through a label).
// NGO is left out: it is also the word people use, in organisation names and in the label itself.
const WORDS_TOO = new Set(['NGO']);
const ENUM_VALUES: Set<string> = (() => {
	const schema = fs.readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');
	const values = new Set<string>();
	for (const [, body] of schema.matchAll(/^enum \w+ \{([^}]*)\}/gm))
		for (const line of body.split('\n')) {
			const v = line
				.replace(/\/\/.*/, '')
				.trim()
				.split(/\s/)[0];
			if (v && !WORDS_TOO.has(v)) values.add(v);
		}
	return values;
})();

/** The raw codes on a page's visible text: enum values of the schema, and seed references ("002:827", "seed 002"). */
export function rawCodesIn(text: string): string[] {
	const found = new Set<string>();
	for (const [word] of text.matchAll(/\b[A-Z][A-Z_]*[A-Z]\b/g)) if (ENUM_VALUES.has(word)) found.add(word);
	for (const [ref] of text.matchAll(/(?<![\d:])\b\d{3}:\d+\b|\b(?:seed|source) \d{3}\b/gi)) found.add(ref);
	return [...found];
}

export async function expectNoRawCodes(page: Page) {
	expect(await rawCodesOnPage(page), page.url()).toEqual([]);
}

export async function rawCodesOnPage(page: Page): Promise<string[]> {
	// form values and <code> (a certificate's code, an audit's seed) are data, not words
	const text = await page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		body.querySelectorAll('code, script, style, template').forEach((e) => e.remove());
		return body.innerText ?? body.textContent ?? '';
	});
	return rawCodesIn(text);
}

/** A calendar day ("2026-11-05") as the pages show it in English ("5 Nov 2026"), for finding it on a page. */
export const shownDay = (iso: string) =>
	new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/**
 * Dates written otherwise than the one format per locale of `$lib/dates` ("6 Dec 2026", "6 déc. 2026"): ISO days
 * ("2026-12-06"), US-style "Dec 6, 2026" and numeric "12/06/2026" (or "6/12/26").
 */
export function strayDatesIn(text: string): string[] {
	const found = new Set<string>();
	for (const re of [
		/\b\d{4}-\d{2}-\d{2}\b/g,
		new RegExp(`\\b${MONTH} \\d{1,2}, \\d{4}\\b`, 'g'),
		/\b\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})\b/g
	])
		for (const [d] of text.matchAll(re)) found.add(d);
	return [...found];
}

/** Every date a person reads on the page is in the locale's one format (form values and `<code>` are data). */
export async function expectOneDateFormat(page: Page) {
	expect(await strayDatesOnPage(page), page.url()).toEqual([]);
}

export async function strayDatesOnPage(page: Page): Promise<string[]> {
	const text = await page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		body.querySelectorAll('code, script, style, template, input, textarea, select').forEach((e) => e.remove());
		return body.innerText ?? body.textContent ?? '';
	});
	return strayDatesIn(text);
}

/**
 * Choose `option` in the picker (src/lib/components/Combobox.svelte) labelled `label`: type `typed` (part of its
 * name) into its input, then click the option. Waits for the page to run: before that the label names a select.
 */
export async function pick(page: Page, label: string, typed: string, option: string) {
	await page.getByRole('combobox', { name: label, exact: true }).and(page.locator('input')).fill(typed);
	await page.getByRole('option', { name: option, exact: true }).click();
}

/** Words cut across lines or wider than their cell, in the tables of the page: "word (cell text)". */
async function cutWords(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const cell of document.querySelectorAll<HTMLElement>('main td, main th')) {
			// not shown, or a header row kept only for screen readers (a table stacked as "label: value" rows)
			if (!cell.offsetParent || (cell.closest('thead')?.getBoundingClientRect().width ?? 2) <= 1) continue;
			const style = getComputedStyle(cell);
			const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				// text for screen readers only, and data in <code> (an audit record's JSON breaks where it must)
				if (node.parentElement?.closest('.sr, code')) continue;
				const text = node.textContent ?? '';
				// a word, split where a line may break anyway (a hyphen, a slash)
				for (const match of text.matchAll(/[^\s\-/]+/g)) {
					const range = document.createRange();
					range.setStart(node, match.index!);
					range.setEnd(node, match.index! + match[0].length);
					const rects = [...range.getClientRects()].filter((r) => r.width > 0);
					const width = range.getBoundingClientRect().width;
					// one line per word; a word in a form control or a hidden box is not measured here
					if (rects.length > 1 || width > inner + 1) out.push(`${match[0]} (${cell.innerText.slice(0, 40)})`);
				}
			}
		}
		return out.slice(0, 10);
	});
}

/**
 * Controls smaller than a 44 px touch target at phone width: buttons, fields, the menu's links, disclosure toggles,
 * the label of each checkbox and radio button (the label is what a thumb presses). A link inside a sentence is not a
 * control here (WCAG 2.5.8 leaves inline links out).
 */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const controls = document.querySelectorAll<HTMLElement>(
			'button, .button, select, summary, .menu a, ' +
				'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), ' +
				'label:has(input[type=checkbox]), label:has(input[type=radio])'
		);
		for (const el of controls) {
			const r = el.getBoundingClientRect();
			if (!r.width || !el.checkVisibility()) continue; // not shown (a closed menu, a hidden header)
			if (el.matches('button.link') && !el.closest('.menu')) continue; // a link-looking button inside text
			if (r.height < 43.5)
				out.push(
					`${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('name') || '').trim().slice(0, 30)}" ${Math.round(r.height)} px`
				);
		}
		return [...new Set(out)].slice(0, 10);
	});
}

const SHOTS = 'tests/screenshots';
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * The checks every page passes (issue 16), at 360 px then 1280 px: no sideways scroll, no word cut in a table cell,
 * axe clean, no raw code, one date format; soft, so that one page's problem does not hide the next page's. With a
 * name, screenshots at both widths go to tests/screenshots/ (not committed) for a human look.
 */
export async function checkPage(page: Page, path: string, shot: string | null = null) {
	await page.setViewportSize({ width: 360, height: 760 });
	// the development server may abort a navigation while it reloads: once more then
	const r = await page.goto(path).catch(() => page.goto(path));
	expect(r?.status(), path).toBeLessThan(400);
	// soft: one page's problem does not hide the next page's
	expect.soft(await scrollWidth(page), `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(360);
	expect.soft(await cutWords(page), `${path}: words cut in table cells`).toEqual([]);
	expect.soft(await smallTargets(page), `${path}: touch targets under 44 px`).toEqual([]);
	expect.soft(await axeViolations(page), `${path} at 360 px`).toEqual([]);
	expect.soft(await rawCodesOnPage(page), `${path}: raw codes`).toEqual([]);
	expect.soft(await strayDatesOnPage(page), `${path}: dates not in the one format`).toEqual([]);
	if (shot) fs.mkdirSync(SHOTS, { recursive: true });
	if (shot) await page.screenshot({ path: `${SHOTS}/${shot}-360.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	expect.soft(await scrollWidth(page), `${path} scrolls sideways at 1280 px`).toBeLessThanOrEqual(1280);
	expect.soft(await axeViolations(page), `${path} at 1280 px`).toEqual([]);
	if (shot) await page.screenshot({ path: `${SHOTS}/${shot}-1280.png`, fullPage: true });
}
