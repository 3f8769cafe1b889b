import { describe, expect, it } from 'vitest';
import { bodyChanges } from './review';

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`);

describe('what changed in the text, for the reviewer', () => {
	it('is nothing when only the surrounding blank lines differ', () => {
		expect(bodyChanges('\nA\nB\n', 'A\nB')).toEqual([]);
	});

	it('shows the changed line removed and added, two lines of context each side, the rest folded to its count', () => {
		const before = lines(20);
		const after = [...before];
		after[9] = 'line 10, rewritten';
		expect(bodyChanges(before.join('\n'), after.join('\n'))).toEqual([
			{ kind: 'skipped', count: 7 },
			{ kind: 'same', lines: ['line 8', 'line 9'] },
			{ kind: 'removed', lines: ['line 10'] },
			{ kind: 'added', lines: ['line 10, rewritten'] },
			{ kind: 'same', lines: ['line 11', 'line 12'] },
			{ kind: 'skipped', count: 8 }
		]);
	});

	it('a paragraph added at the end shows with its context', () => {
		const before = lines(5);
		const out = bodyChanges(before.join('\n'), [...before, '', 'A closing thought.'].join('\n'));
		expect(out).toEqual([
			{ kind: 'skipped', count: 3 },
			{ kind: 'same', lines: ['line 4', 'line 5'] },
			{ kind: 'added', lines: ['', 'A closing thought.'] }
		]);
	});

	it('a whole rewrite shows at most 400 lines and says how many more it did not', () => {
		const out = bodyChanges(lines(300, 'old').join('\n'), lines(300, 'new').join('\n'));
		const shown = out.flatMap((c) => (c.kind === 'skipped' ? [] : c.lines)).length;
		expect(shown).toBe(400);
		expect(out.filter((c) => c.kind === 'skipped').reduce((n, c) => n + (c.kind === 'skipped' ? c.count : 0), 0)).toBe(
			200
		);
	});
});
