import { describe, expect, it } from 'vitest';
import fs from 'node:fs';

// A message is a string, or (for plurals) a list of variants whose `match` gives one text per case.
type Message = string | { match: Record<string, string> }[];
const load = (l: string) => JSON.parse(fs.readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, Message>;
const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
// every placeholder a variant message uses in any of its cases (the singular may leave some out)
const placeholders = (s: Message) =>
	typeof s === 'string'
		? names(s).sort()
		: [...new Set(s.flatMap((v) => Object.values(v.match).flatMap(names)))].sort();

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
