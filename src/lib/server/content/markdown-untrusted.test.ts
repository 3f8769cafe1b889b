// Provider Markdown is untrusted input: the OWASP XSS filter-evasion payloads (tests/fixtures/xss/owasp.txt), each as
// raw text, as a link target and as an image source, must come out as HTML that runs nothing. The output is checked
// with a strict scanner: every `<` must open a tag markdown-it itself writes, with attributes from a short list, and
// every href/src is resolved the way a browser resolves it.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { renderMarkdown, renderModule, safeUrl } from './markdown';
import { loadContent } from './load';

const BASE = '/modules/m1/files/';
const PAGE = 'https://credo.test/learn/m1';
const payloads = fs
	.readFileSync(path.resolve('tests/fixtures/xss/owasp.txt'), 'utf8')
	.split('\n')
	.filter((l) => l.trim() && !l.startsWith('#'));
// what a text file cannot carry: NUL and other control characters inside the scheme
const controls = ['\0', '\x01', '\x0b', '\x0c', '\r', '\u00ad', '\u200b', '\ufeff'].map((c) => `java${c}script:alert(1)`);
const all = [...payloads, ...controls, ' javascript:alert(1)', '\tjavascript:alert(1)'];

const TAGS = new Set(
	'p a img em strong code pre h1 h2 h3 h4 h5 h6 ul ol li blockquote hr br table thead tbody tr th td div s span'.split(' ')
);
const ATTRS = new Set(['href', 'src', 'alt', 'title', 'id', 'class', 'rel', 'tabindex', 'role', 'aria-label', 'start', 'style']);
const FORBIDDEN = /<\s*\/?\s*(script|iframe|object|embed|svg|style|frame|frameset|meta|link|base|body|input|xml|math)\b/i;

function decode(v: string) {
	return v
		.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** Every problem a rendered body has; [] when it runs nothing and shows images only from BASE. */
function problems(html: string): string[] {
	const out: string[] = [];
	if (FORBIDDEN.test(html)) out.push(`forbidden element: ${FORBIDDEN.exec(html)![0]}`);
	const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>/y;
	for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
		tag.lastIndex = i;
		const m = tag.exec(html);
		if (!m) {
			out.push(`a < that opens no allowed tag: ${html.slice(i, i + 40)}`);
			continue;
		}
		const name = m[2];
		if (!TAGS.has(name)) out.push(`tag <${name}> is not one markdown-it writes`);
		for (const a of m[3].matchAll(/([a-z-]+)="([^"]*)"/g)) {
			const [, attr, raw] = a;
			const value = decode(raw);
			if (!ATTRS.has(attr) || attr.startsWith('on')) out.push(`attribute ${attr} on <${name}>`);
			if (attr === 'style' && !/^text-align:(left|right|center)$/.test(value)) out.push(`style ${value}`);
			if (attr !== 'href' && attr !== 'src') continue;
			// eslint-disable-next-line no-control-regex
			if (/(javascript|vbscript|data|livescript):/i.test(value.replace(/[\s\0-\x1f\u00ad\u200b\ufeff]/g, '')) && !/^(https?|mailto):/i.test(value))
				out.push(`${attr} ${value}`);
			const url = new URL(value, PAGE);
			if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) out.push(`${attr} resolves to ${url.protocol}`);
			if (attr === 'src' && !(url.origin === 'https://credo.test' && url.pathname.startsWith(BASE) && value.startsWith(BASE)))
				out.push(`image from ${value}`);
			if (attr === 'href' && url.origin === 'https://credo.test' && !value.startsWith('#') && !url.pathname.startsWith('/learn/'))
				out.push(`link to ${value}`);
		}
	}
	return out;
}

describe('untrusted Markdown (OWASP XSS filter evasion)', () => {
	it('reads the fixture', () => expect(payloads.length).toBeGreaterThan(70));

	for (const [i, p] of all.entries())
		it(`payload ${i + 1}: ${JSON.stringify(p).slice(0, 70)}`, () => {
			const bodies = [
				`Before ${p} after.\n\n${p}\n\n> ${p}\n\n| a |\n|---|\n| ${p} |`,
				`[a link](${p})`,
				`[a link](<${p}>)`,
				`[a link](${p} "title")`,
				`[a link][r]\n\n[r]: ${p}`,
				`<${p}>`,
				`![alt text](${p})`,
				`![alt text](<${p}>)`,
				`![alt text][r]\n\n[r]: ${p}`,
				`[![alt](${p})](${p})`
			];
			for (const body of bodies) {
				const { html } = renderMarkdown(body, { imageBase: BASE });
				expect(problems(html), `${body}\n→ ${html}`).toEqual([]);
			}
		});

	it('the scanner finds what it must (it can fail)', () => {
		expect(problems('<p><a href="javascript:alert(1)">x</a></p>')).not.toEqual([]);
		expect(problems('<p><a href="jav&#x09;ascript:alert(1)">x</a></p>')).not.toEqual([]);
		expect(problems('<p><img src="https://evil.test/x.png" alt=""></p>')).not.toEqual([]);
		expect(problems('<p><img src="/modules/m1/files/a.png" onerror="x()"></p>')).not.toEqual([]);
		expect(problems('<p><script>alert(1)</script></p>')).not.toEqual([]);
		expect(problems('<svg/onload=alert(1)>')).not.toEqual([]);
		expect(problems('<p><a href="/admin">x</a></p>')).not.toEqual([]);
	});
});

describe('what untrusted Markdown may still do', () => {
	const r = (body: string) => renderMarkdown(body, { imageBase: BASE });
	it('keeps web, mail, module-page and anchor links', () => {
		expect(r('[w](https://example.org/a?b=1)').html).toContain('<a href="https://example.org/a?b=1" rel="noopener noreferrer">w</a>');
		expect(r('[w](HTTP://example.org)').html).toContain('href="HTTP://example.org" rel="noopener noreferrer"');
		expect(r('[m](mailto:someone@example.org)').html).toContain('href="mailto:someone@example.org"');
		expect(r('[l](/learn/jus-diversion#scope)').html).toContain('href="/learn/jus-diversion#scope"');
		expect(r('[s](#scope)').html).toContain('href="#scope"');
	});
	it('shows a refused link as its text, and says why', () => {
		expect(r('[click](javascript:alert(1))')).toEqual({
			html: '<p>[click](javascript:alert(1))</p>\n',
			refused: [{ url: 'javascript:alert(1)', reason: 'scheme' }]
		});
		expect(r('[admin](/admin/people)')).toEqual({
			html: '<p>admin</p>\n',
			refused: [{ url: '/admin/people', reason: 'link-target', line: 1 }]
		});
		for (const href of ['/learn/../admin', '/learn/%2e%2e/admin', '//evil.test/x', 'ftp://x.test/', 'relative/page', 'file:///etc/passwd'])
			expect(r(`[x](${href})`).html, href).not.toContain('<a ');
	});
	it('shows images from the module uploads only; any other as its alt text', () => {
		expect(r('![A chart](/modules/m1/files/chart.png)').html).toBe('<p><img src="/modules/m1/files/chart.png" alt="A chart"></p>\n');
		expect(r('![A *chart*](https://example.org/chart.png)').html).toBe('<p>A chart</p>\n');
		expect(r('![x](/modules/m2/files/chart.png)').html).toBe('<p>x</p>\n');
		expect(r('![x](/modules/m1/files/)').html).toBe('<p>x</p>\n');
		expect(r('![x](/modules/m1/files/../../m2/files/a.png)').html).not.toContain('<img');
		expect(renderMarkdown('![x](/modules/m1/files/a.png)').html).toBe('<p>x</p>\n'); // no imageBase: no image
	});
	it('safeUrl: the allowlist on its own', () => {
		for (const u of ['https://a.test/', 'http://a.test', 'MAILTO:a@b.test', '/learn/x', '#a']) expect(safeUrl(u), u).toBe(true);
		for (const u of ['javascript:x', 'JAVASCRIPT:x', 'jav%09ascript:x', 'vbscript:x', 'data:image/png;base64,AA', 'java\0script:x', ' https://a.test', '/a\\b', '//a.test', 'x:y', 'relative'])
			expect(safeUrl(u), u).toBe(false);
	});
	it('caches per content hash and options', () => {
		const a = renderModule('hash-untrusted-1', '![x](/f/a.png)', undefined, { imageBase: '/f/' });
		const b = renderModule('hash-untrusted-1', '![x](/f/a.png)', undefined, { imageBase: '/g/' });
		expect(a).toContain('<img');
		expect(b).not.toContain('<img');
	});
});

describe('content/ modules under the same hardening', () => {
	// The hardening changes a rendering only by refusing a link or an image; no refusal means the HTML is exactly what
	// markdown-it wrote before it (checked once by hand for all 17 modules: byte-identical).
	const { content } = loadContent(path.resolve('content'));
	it.each(content.modules.map((m) => [m.id, m] as const))('%s renders with nothing refused', (_id, m) => {
		const { html, refused } = renderMarkdown(m.body, { title: m.title });
		expect(refused).toEqual([]);
		expect(problems(html)).toEqual([]);
		expect(html).toBe(renderModule(m.hash, m.body, m.title));
	});
});
