import { describe, expect, it } from 'vitest';
import fs from 'node:fs';

const load = (l: string) => JSON.parse(fs.readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('translations', () => {
	const en = load('en');
	const fr = load('fr');
	it('every English message has a French translation', () => {
		const missing = Object.keys(en).filter((k) => !(k in fr) || !String(fr[k]).trim());
		expect(missing).toEqual([]);
	});
	it('no French message is left over from a removed English one', () => {
		expect(Object.keys(fr).filter((k) => !(k in en))).toEqual([]);
	});
	it('French messages keep the same placeholders', () => {
		const wrong = Object.keys(en).filter(
			(k) => k !== '$schema' && placeholders(en[k]).join() !== placeholders(fr[k] ?? '').join()
		);
		expect(wrong).toEqual([]);
	});
});
