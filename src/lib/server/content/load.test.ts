import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, formatProblems } from './load';
import { renderModule, renderCount } from './markdown';
import { spawnSync } from 'node:child_process';
import { copyContent, moduleFile } from '../../../../tests/helpers/content';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A copy of the real content with one file edited; returns the problems as "file:line: message" lines. */
function problemsAfter(edit: (dir: string) => void): string[] {
	const dir = copyContent();
	dirs.push(dir);
	edit(dir);
	return formatProblems(loadContent(dir).problems).split('\n').filter(Boolean);
}

function editModule(id: string, f: (text: string) => string) {
	return (dir: string) => {
		const file = moduleFile(dir, id);
		fs.writeFileSync(file, f(fs.readFileSync(file, 'utf8')));
	};
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('content:check', () => {
	it('the committed content is valid', () => {
		expect(formatProblems(loadContent().problems)).toBe('');
	});

	it('reports an unknown competency at its line', () => {
		const id = 'jus-diversion';
		const text = fs.readFileSync(moduleFile('content', id), 'utf8');
		const p = problemsAfter(editModule(id, (t) => t.replace('competencies: [JUS.DIVERSION,', 'competencies: [JUS.NOPE,')));
		expect(p).toEqual([expect.stringMatching(new RegExp(`jus-diversion\\.md:${lineOf(text, 'competencies:')}: unknown competency id JUS.NOPE`))]);
	});

	it('reports unknown track and level ids', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('track: justice', 'track: space').replace('level: generalist', 'level: wizard')));
		expect(p.some((l) => /:5: unknown track id space/.test(l))).toBe(true);
		expect(p.some((l) => /:6: unknown level id wizard/.test(l))).toBe(true);
	});

	it('reports duplicate ids: modules, competencies, questions', () => {
		const both = problemsAfter((dir) => {
			const file = moduleFile(dir, 'jus-diversion');
			fs.copyFileSync(file, path.join(dir, 'modules/core/jus-diversion.md'));
			const comp = path.join(dir, 'framework/competencies/justice.yaml');
			const text = fs.readFileSync(comp, 'utf8');
			const first = text.slice(text.indexOf('- id:'), text.indexOf('\n- id:', text.indexOf('- id:') + 1) + 1);
			fs.appendFileSync(comp, `\n${first}`);
		});
		expect(both.some((l) => /justice\.yaml:\d+: duplicate competency id JUS\./.test(l))).toBe(true);
		expect(both.some((l) => /jus-diversion\.md:2: duplicate module id jus-diversion/.test(l))).toBe(true);
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('- id: q2', '- id: q1')));
		expect(p.some((l) => /duplicate question id q1/.test(l))).toBe(true);
	});

	it('reports missing required fields', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace(/^title: .*\n/m, '').replace(/^minutes: .*\n/m, '')));
		expect(p.some((l) => /jus-diversion\.md:\d+: missing required field title/.test(l))).toBe(true);
		expect(p.some((l) => /minutes must be a whole number/.test(l))).toBe(true);
	});

	it('reports credits of 0 or less', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('credits: 0.5', 'credits: 0')));
		expect(p).toEqual([expect.stringMatching(/jus-diversion\.md:8: credits must be more than 0/)]);
	});

	it('reports credits above one per notional hour, and minutes its length does not support', () => {
		const more = problemsAfter(editModule('jus-diversion', (t) => t.replace('credits: 0.5', 'credits: 2')));
		expect(more).toEqual([expect.stringMatching(/jus-diversion\.md:8: credits 2 are more than one per notional hour: 30 minutes allow at most 0\.5/)]);
		// 1,187 words at 100 a minute + 5 drawn questions × 2 ≈ 22 minutes; half as much again at most: 33
		const long = problemsAfter(editModule('jus-diversion', (t) => t.replace('minutes: 30', 'minutes: 45')));
		expect(long).toEqual([expect.stringMatching(/jus-diversion\.md:10: minutes 45 are more than its length supports: about 22 \(1187 words.*at most 33/)]);
	});

	it('reports a pass mark outside 0-100', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('passMark: 70', 'passMark: 170')));
		expect(p).toEqual([expect.stringMatching(/passMark must be a percentage from 0 to 100/)]);
	});

	it('reports a question with no correct answer', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => {
			const start = t.indexOf('- id: q1');
			const end = t.indexOf('- id: q2');
			return t.slice(0, start) + t.slice(start, end).replace(/\n\s+correct: true/g, '') + t.slice(end);
		}));
		expect(p).toEqual([expect.stringMatching(/question q1 has no correct answer/)]);
	});

	it('reports a pool smaller than twice the draw', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('draw: 5', 'draw: 7')));
		expect(p).toEqual([expect.stringMatching(/question pool \(12\) must hold at least twice the draw \(14\)/)]);
	});

	it('reports a reviewed module under 600 words, but not a draft', () => {
		// (without the questions' sections, which name headings of the body cut here)
		const short = (t: string) =>
			t.slice(0, t.lastIndexOf('\n---\n') + 5).replace(/^ +section: .*\n/gm, '') + '# Short\n\nToo short.\n';
		const p = problemsAfter(editModule('jus-diversion', short));
		expect(p).toEqual([expect.stringMatching(/a reviewed module needs at least 600 words \(has 3\)/)]);
		expect(problemsAfter(editModule('jus-diversion', (t) => short(t).replace(/^reviewer:.*\n/m, '').replace(/^reviewedOn:.*\n/m, '')))).toEqual([]);
	});

	it('reports a broken internal link at its line', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => `${t}\nSee [nowhere](/learn/no-such-module) and [a missing part](#no-such-heading).\n`));
		const lines = fs.readFileSync(moduleFile('content', 'jus-diversion'), 'utf8').split('\n').length + 1;
		expect(p).toEqual([
			expect.stringMatching(new RegExp(`jus-diversion\\.md:${lines}: broken internal link /learn/no-such-module`)),
			expect.stringMatching(new RegExp(`jus-diversion\\.md:${lines}: broken internal link #no-such-heading`))
		]);
	});

	it('reports YAML syntax errors with their line', () => {
		const p = problemsAfter(editModule('jus-diversion', (t) => t.replace('title: Diversion', 'title: [Diversion')));
		expect(p.length).toBeGreaterThan(0);
		expect(p[0]).toMatch(/jus-diversion\.md:\d+: /);
	});
});

describe('npm run content:check', () => {
	it('exits non-zero and prints file:line: message for a broken folder, zero for a valid one', () => {
		const dir = copyContent();
		dirs.push(dir);
		const file = moduleFile(dir, 'jus-diversion');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('credits: 0.5', 'credits: -1'));
		const bad = spawnSync('npx', ['tsx', 'scripts/content-check.ts', '--dir', dir], { encoding: 'utf8' });
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/jus-diversion\.md:8: credits must be more than 0 \(got -1\)/);
		const good = spawnSync('npx', ['tsx', 'scripts/content-check.ts'], { encoding: 'utf8' });
		expect(good.status, good.stderr).toBe(0);
	});
});

describe('rendering', () => {
	it('renders each module version once, whatever the number of requests', () => {
		const before = renderCount();
		const a = renderModule('hash-once', '## Once');
		expect(renderModule('hash-once', '## Once')).toBe(a);
		expect(renderCount()).toBe(before + 1);
	});

	it('shows raw HTML in a module as text, never as markup', () => {
		const html = renderModule('test-hash-html', '# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n');
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('gives headings anchors and wraps tables', () => {
		const html = renderModule('test-hash-table', '## Who does what\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
		expect(html).toContain('<h3 id="who-does-what"');
		expect(html).toMatch(/<div class="table-wrap" role="region" tabindex="0" aria-label="a, b"><table>/);
	});
});
