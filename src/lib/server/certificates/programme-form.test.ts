import { describe, expect, it } from 'vitest';
import { readProgrammeForm } from './programmes';
import { getContent } from '../content';

function form(fields: Record<string, string | string[]>) {
	const f = new FormData();
	for (const [k, v] of Object.entries({ code: 'OUT-1', title: 'Induction (in person)', ...fields }))
		for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
	return f;
}

describe('a programme delivered outside Credo', () => {
	it('needs no module or event, but states its contact hours', () => {
		const ok = readProgrammeForm(form({ deliveredOutside: 'on', contactHours: '37.5', childProtection: 'on' }));
		expect(ok.ok && ok.data).toMatchObject({ deliveredOutside: true, contactHours: 37.5, modules: [] });
		const noHours = readProgrammeForm(form({ deliveredOutside: 'on' }));
		expect(noHours.ok ? {} : noHours.errors).toHaveProperty('contactHours');
	});

	it('cannot also ask for what is earned in Credo (modules, an event, hours)', () => {
		const module = getContent().modules.find((x) => !x.draft)!.id;
		const extras: Record<string, string>[] = [
			{ modules: module },
			{ requiresEvent: 'on' },
			{ minPracticumHours: '10' }
		];
		for (const extra of extras) {
			const r = readProgrammeForm(form({ deliveredOutside: 'on', contactHours: '12', ...extra }));
			expect(r.ok ? {} : r.errors, JSON.stringify(extra)).toHaveProperty('deliveredOutside');
		}
	});

	it('a programme delivered in Credo still needs something to earn', () => {
		const r = readProgrammeForm(form({ contactHours: '12' }));
		expect(r.ok ? {} : r.errors).toHaveProperty('modules');
	});
});
