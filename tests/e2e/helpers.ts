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
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}, WCAG_22_AA);
	expect(violations).toEqual([]);
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
	// form values and <code> (a certificate's code, an audit's seed) are data, not words
	const text = await page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		body.querySelectorAll('code, script, style, template').forEach((e) => e.remove());
		return body.innerText ?? body.textContent ?? '';
	});
	expect(rawCodesIn(text), page.url()).toEqual([]);
}
