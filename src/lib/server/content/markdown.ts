// Module Markdown: markdown-it with raw HTML off (a <script> in a module is shown as text), anchored headings,
// tables wrapped so they scroll inside the page at 360 px. Rendered once per module version (content hash).
import MarkdownIt from 'markdown-it';
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

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
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
const defaultLink = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
	const href = String(tokens[i].attrGet('href') ?? '');
	if (/^https?:\/\//.test(href)) tokens[i].attrSet('rel', 'noopener noreferrer');
	return defaultLink(tokens, i, options, env, self);
};

const cache = new Map<string, string>();

/** HTML for a module body; the same content hash is rendered only once per process. A first heading that
 *  repeats the module title is dropped: the page shows the title already. */
export function renderModule(hash: string, body: string, title?: string): string {
	let html = cache.get(hash);
	if (html === undefined) {
		const lines = body.replace(/^\s*\n/, '').split('\n');
		const repeatsTitle = title && lines[0].replace(/^#\s+/, '').trim() === title.trim() && lines[0].startsWith('# ');
		html = md.render(repeatsTitle ? lines.slice(1).join('\n') : body);
		cache.set(hash, html);
	}
	return html;
}

const contentsCache = new Map<string, { id: string; text: string }[]>();

/** The module's sections for a contents list: the headings of the shallowest level that has at least two (in a
 *  module, its `##` headings, h3 on the page), with the anchors the rendered body carries; the same content hash is
 *  read only once per process. */
export function moduleContents(hash: string, body: string, title?: string): { id: string; text: string }[] {
	const out = contentsCache.get(hash);
	if (out === undefined) {
		const lines = body.replace(/^\s*\n/, '').split('\n');
		const repeatsTitle = title && lines[0].replace(/^#\s+/, '').trim() === title.trim() && lines[0].startsWith('# ');
		const tokens = md.parse(repeatsTitle ? lines.slice(1).join('\n') : body, {});
		const headings = tokens.flatMap((t, i) => {
			const id = t.attrGet('id');
			if (t.type !== 'heading_open' || id === null) return [];
			const text = (tokens[i + 1]?.children ?? [])
				.filter((c) => c.type === 'text' || c.type === 'code_inline')
				.map((c) => c.content)
				.join('');
			return [{ level: Number(t.tag.slice(1)), id: String(id), text }];
		});
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
