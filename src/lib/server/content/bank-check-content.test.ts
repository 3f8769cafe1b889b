// content:check refuses each kind of bad bank (fixtures in tests/fixtures/bad-banks/), at the line of the problem,
// and passes every shipped module.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from './load';
import { copyContent, moduleFile } from '../../../../tests/helpers/content';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The problems content:check reports when a reviewed module's bank is replaced by a fixture. */
function problemsWith(fixture: string) {
	const dir = copyContent();
	dirs.push(dir);
	const file = moduleFile(dir, 'jus-diversion');
	const text = fs.readFileSync(file, 'utf8');
	const bank = fs.readFileSync(path.join('tests/fixtures/bad-banks', fixture), 'utf8').replace(/^#.*\n/, '');
	fs.writeFileSync(file, text.replace(/^assessment:\n[\s\S]*?(?=^---$)/m, bank));
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	const lineOf = (q: string) => lines.findIndex((l) => l === `    - id: ${q}`) + 1;
	return { problems: loadContent(dir).problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`), lineOf };
}

describe('content:check and the question bank', () => {
	it('refuses keys that are the longest options, with the probability the strategy passes', () => {
		const { problems } = problemsWith('longest-option.yaml');
		expect(problems).toEqual([
			expect.stringMatching(/^jus-diversion\.md:\d+: "longest option for single.*probability 100\.0 % \(at most 10 %\)/)
		]);
	});

	it('refuses a multiple-choice item with one wrong option, at its line', () => {
		const { problems, lineOf } = problemsWith('one-wrong-option.yaml');
		expect(problems).toEqual([
			`jus-diversion.md:${lineOf('q10')}: question q10: a multiple-choice item needs at least 2 wrong options (has 1)`
		]);
	});

	it('refuses a single-choice item with two distractors, at its line', () => {
		const { problems, lineOf } = problemsWith('too-few-distractors.yaml');
		expect(problems).toEqual([
			`jus-diversion.md:${lineOf('q1')}: question q1: a single-choice item needs at least 3 distractors (has 2)`
		]);
	});

	it('passes every shipped module', () => {
		expect(loadContent().problems).toEqual([]);
	});
});
