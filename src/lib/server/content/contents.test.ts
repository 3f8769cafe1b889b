import { describe, expect, it } from 'vitest';
import { findModule } from '../content';
import { moduleContents, renderModule } from './markdown';

describe('module contents', () => {
	const body = '# Caring well\n\nIntro.\n\n## First `step`\n\nText.\n\n### A detail\n\n## First step\n\n## Last *words*\n';

	it('lists the sections with the anchors the rendered body carries', () => {
		const contents = moduleContents('test-contents', body, 'Caring well');
		expect(contents).toEqual([
			{ id: 'first-step', text: 'First step' },
			{ id: 'first-step-1', text: 'First step' },
			{ id: 'last-words', text: 'Last words' }
		]);
		const html = renderModule('test-contents', body, 'Caring well');
		for (const c of contents) expect(html).toContain(`<h3 id="${c.id}"`);
	});

	it('takes the shallowest level with two headings or more (a title kept in the body is not a section)', () => {
		const kept = '# Other title\n\n## One\n\n## Two\n';
		expect(moduleContents('test-contents-2', kept, 'Caring well').map((c) => c.id)).toEqual(['one', 'two']);
		expect(moduleContents('test-contents-3', 'Just text.\n', 'Caring well')).toEqual([]);
	});

	it('lists the sections of a shipped module', () => {
		const mod = findModule('care-gatekeeping')!;
		const contents = moduleContents(mod.hash, mod.body, mod.title);
		expect(contents.length).toBeGreaterThanOrEqual(4);
		expect(contents[0]).toEqual({ id: 'what-gatekeeping-is', text: 'What gatekeeping is' });
	});
});
