// Module Markdown: markdown-it with raw HTML off (a <script> in a module is shown as text), anchored headings,
// tables wrapped so they scroll inside the page at 360 px. Rendered once per module version (content hash).
// Markdown is untrusted input (a provider writes it in the browser, or imports it in a package): every link and image
// passes an allowlist (safeUrl, then the policy rule below); content/ modules go through the same pipeline.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';

export function slugify(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s+/g, '-')
		.replace(/-+/g, '-');
}

/** What a rendering may show besides text: `imageBase` is the URL prefix of the module's own uploads
 *  (`/modules/<id>/files/`); without one, no image is shown (its alt text is). `title`: a first heading that repeats it
 *  is dropped. */
export interface RenderOptions {
	imageBase?: string | null;
	title?: string;
}

/** A link or image the renderer refused, and why: the editor can show them at their line. */
export interface Refusal {
	url: string;
	reason: 'scheme' | 'link-target' | 'image-source';
	line?: number;
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Is this (normalised) URL safe to put in an href or src at all? Only `http:`, `https:`, `mailto:`, a path on this site
 * (`/…`, never `//host`, no `..` segment even percent-encoded) or an in-page anchor (`#…`). Whitespace, control
 * characters and backslashes anywhere are refused: browsers drop a tab or newline inside `jav\tascript:`. markdown-it
 * decodes entities (`&#x6A;avascript:`) before this runs; its own check refuses only javascript:, vbscript:, file: and
 * data: other than data:image.
 */
export function safeUrl(url: string): boolean {
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2060\u3000\ufeff\\]/u.test(url)) return false;
	let decoded: string;
	try {
		decoded = decodeURIComponent(url);
	} catch {
		return false;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return false;
	if (url.startsWith('#')) return true;
	if (url.startsWith('/'))
		return !url.startsWith('//') && !decoded.split(/[?#]/)[0].split('/').some((seg) => seg === '..' || seg === '.');
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
	return scheme !== null && SAFE_SCHEMES.has(scheme[1].toLowerCase());
}

let refusals: Refusal[] | null = null; // set while one render runs (rendering is synchronous)

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
md.validateLink = (url) => {
	const ok = safeUrl(url);
	if (!ok && !refusals?.some((r) => r.url === url && r.reason === 'scheme')) refusals?.push({ url, reason: 'scheme' });
	return ok;
};
md.use(anchor, { slugify, tabIndex: false, permalink: anchor.permalink.headerLink({ safariReaderFix: true }) });
// The page's own title is the only h1: headings in a module body move one level down (# → h2, ## → h3 …).
md.core.ruler.push('demote_headings', (state) => {
	for (const t of state.tokens) if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + 1)}`;
});
// A table scrolls sideways inside its own box on a phone: the box is a named region one can reach with the keyboard
// (named by the table's column headings, in the module's own language).
md.renderer.rules.table_open = (tokens, i) => {
	const headings: string[] = [];
	for (let j = i + 1; j < tokens.length && tokens[j].type !== 'tr_close'; j++)
		if (tokens[j].type === 'inline') headings.push(tokens[j].content);
	return `<div class="table-wrap" role="region" tabindex="0" aria-label="${md.utils.escapeHtml(headings.join(', '))}"><table>\n`;
};
md.renderer.rules.table_close = () => '</table></div>\n';
// The policy: a link goes out (http, https, mailto), to a module page (/learn/…) or to an anchor; another site path is
// shown as its text. An image shows only from the module's own uploads (env.imageBase); any other is its alt text.
md.core.ruler.push('untrusted_links', (state) => {
	const imageBase = (state.env as { imageBase?: string | null }).imageBase;
	for (const block of state.tokens) {
		if (block.type !== 'inline' || !block.children) continue;
		const line = (block.map?.[0] ?? 0) + 1;
		const out: Token[] = [];
		let dropClose = false;
		for (const t of block.children) {
			if (t.type === 'link_open') {
				const href = String(t.attrGet('href') ?? '');
				if (href.startsWith('/') && !href.startsWith('/learn/')) {
					refusals?.push({ url: href, reason: 'link-target', line });
					dropClose = true;
					continue;
				}
			} else if (t.type === 'link_close' && dropClose) {
				dropClose = false;
				continue;
			} else if (t.type === 'image') {
				const src = String(t.attrGet('src') ?? '');
				if (!imageBase || !src.startsWith(imageBase) || src.length === imageBase.length) {
					refusals?.push({ url: src, reason: 'image-source', line });
					const text = new state.Token('text', '', 0);
					text.content = md.renderer.renderInlineAsText(t.children ?? [], md.options, state.env);
					out.push(text);
					continue;
				}
			}
			out.push(t);
		}
		block.children = out;
	}
});
const defaultLink = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
	const href = String(tokens[i].attrGet('href') ?? '');
	if (/^https?:\/\//i.test(href)) tokens[i].attrSet('rel', 'noopener noreferrer');
	return defaultLink(tokens, i, options, env, self);
};

/** The body without a first heading that repeats the module title (the page shows the title already). */
function withoutTitle(body: string, title?: string): string {
	const lines = body.replace(/^\s*\n/, '').split('\n');
	const repeatsTitle = title && lines[0].replace(/^#\s+/, '').trim() === title.trim() && lines[0].startsWith('# ');
	return repeatsTitle ? lines.slice(1).join('\n') : body;
}

/** HTML for a module body, and what the allowlist refused: a pure function of the body and the options. */
export function renderMarkdown(body: string, options: RenderOptions = {}): { html: string; refused: Refusal[] } {
	const refused: Refusal[] = [];
	refusals = refused;
	try {
		return { html: md.render(withoutTitle(body, options.title), { imageBase: options.imageBase ?? null }), refused };
	} finally {
		refusals = null;
	}
}

const cache = new Map<string, string>();

/** HTML for a module body; the same content hash (with the same options) is rendered only once per process. A first
 *  heading that repeats the module title is dropped: the page shows the title already. */
export function renderModule(hash: string, body: string, title?: string, options: Omit<RenderOptions, 'title'> = {}): string {
	const key = `${hash}\n${title ?? ''}\n${options.imageBase ?? ''}`;
	let html = cache.get(key);
	if (html === undefined) {
		html = renderMarkdown(body, { ...options, title }).html;
		cache.set(key, html);
	}
	return html;
}

const contentsCache = new Map<string, { id: string; text: string }[]>();

/** The module's sections for a contents list: the headings of the shallowest level that has at least two (in a
 *  module, its `##` headings, h3 on the page), with the anchors the rendered body carries; the same content hash is
 *  read only once per process. */
/** Every heading of a body with its anchor (what a question's `section` names), in order. Not cached: the editor
 *  asks for a draft's on each save. */
export function headingsOf(body: string, title?: string): { level: number; id: string; text: string }[] {
	const tokens = md.parse(withoutTitle(body, title), {});
	return tokens.flatMap((t, i) => {
		const id = t.attrGet('id');
		if (t.type !== 'heading_open' || id === null) return [];
		const text = (tokens[i + 1]?.children ?? [])
			.filter((c) => c.type === 'text' || c.type === 'code_inline')
			.map((c) => c.content)
			.join('');
		return [{ level: Number(t.tag.slice(1)), id: String(id), text }];
	});
}

export function moduleContents(hash: string, body: string, title?: string): { id: string; text: string }[] {
	const out = contentsCache.get(hash);
	if (out === undefined) {
		const headings = headingsOf(body, title);
		const levels = [...new Set(headings.map((h) => h.level))].sort();
		const level = levels.find((l) => headings.filter((h) => h.level === l).length >= 2);
		const found = headings.filter((h) => h.level === level).map(({ id, text }) => ({ id, text }));
		contentsCache.set(hash, found);
		return found;
	}
	return out;
}

export function renderCount(): number {
	return cache.size;
}

export function bodyWords(body: string): number {
	const text = body.replace(/```[\s\S]*?```/g, ' ').replace(/\]\([^)]*\)/g, ']');
	return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

export function headingSlugs(body: string): Set<string> {
	const tokens = md.parse(body, {});
	const slugs = new Set<string>();
	tokens.forEach((t, i) => { if (t.type === 'heading_open') slugs.add(slugify(tokens[i + 1]?.content ?? '')); });
	return slugs;
}

/** Links to /learn/… or #… with their line in the body (1-based). */
export function internalLinks(body: string): { href: string; line: number }[] {
	const out: { href: string; line: number }[] = [];
	for (const t of md.parse(body, {})) {
		if (t.type !== 'inline' || !t.children) continue;
		for (const c of t.children) {
			const href = c.type === 'link_open' ? String(c.attrGet('href') ?? '') : '';
			if (href && (href.startsWith('/learn/') || href.startsWith('#'))) out.push({ href, line: (t.map?.[0] ?? 0) + 1 });
		}
	}
	return out;
}
