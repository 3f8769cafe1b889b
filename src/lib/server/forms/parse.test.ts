import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkForm, parseForm } from './parse';
import { fileOf } from './upload';
import { DomainError } from '../errors';

const form = (entries: [string, string | File][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};
const schema = z.object({ name: z.string().min(1, { error: 'Name please' }), tags: z.array(z.string()).min(1) });

describe('reading a form', () => {
	it('reads the fields named as lists whole, every other field as its last value', () => {
		const f = form([
			['name', 'first'],
			['name', 'last'],
			['tags', 'a'],
			['tags', 'b']
		]);
		expect(parseForm(schema, f, ['tags'])).toEqual({ ok: true, data: { name: 'last', tags: ['a', 'b'] } });
		expect(parseForm(schema, f).ok).toBe(false); // without `lists`, tags is one string
	});

	it('checkForm gives the data, or a 400 DomainError with a message per field and nothing else', () => {
		expect(
			checkForm(
				schema,
				form([
					['name', 'x'],
					['tags', 'a']
				]),
				['tags']
			)
		).toEqual({ name: 'x', tags: ['a'] });
		let caught: unknown;
		try {
			checkForm(schema, form([['name', '']]), ['tags']);
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(DomainError);
		const e = caught as DomainError;
		expect(e.status).toBe(400);
		expect(Object.keys(e.fields).sort()).toEqual(['name', 'tags']);
		expect(e.fields.name).toBe('Name please');
	});

	it('checkForm refuses a NUL even when the schema would take it', () => {
		expect(() => checkForm(z.object({ name: z.string() }), form([['name', 'a\u0000b']]))).toThrow(DomainError);
	});

	it('fileOf: the chosen file, or null when none was chosen or the field is text', () => {
		const pdf = new File(['%PDF'], 'a.pdf', { type: 'application/pdf' });
		expect(fileOf(form([['evidence', pdf]]), 'evidence')?.name).toBe('a.pdf');
		expect(fileOf(form([['evidence', new File([], '')]]), 'evidence')).toBeNull();
		expect(fileOf(form([['evidence', 'not a file']]), 'evidence')).toBeNull();
		expect(fileOf(form([]), 'evidence')).toBeNull();
	});
});
