import { describe, expect, it } from 'vitest';
import {
	MAX_PAGE,
	containsPattern,
	foldName,
	namePatterns,
	parseRegisterQuery,
	registerQueryString,
	resolveFilters,
	type RegisterQuery
} from './register-filters';

const parse = (q: string) => parseRegisterQuery(new URLSearchParams(q));
const ok = (q: string): RegisterQuery => {
	const r = parse(q);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.query;
};
const lists = {
	areas: [
		{ id: 'area-1', code: 'NR' },
		{ id: 'area-2', code: 'NR-LK' }
	],
	organisations: [{ id: 'org-1', code: 'swd' }]
};

describe('reading the register search from the URL', () => {
	it('an empty query is the whole jurisdiction, page 1', () => {
		expect(ok('')).toEqual({
			jurisdiction: '',
			q: '',
			area: '',
			cadre: '',
			sector: '',
			organisation: '',
			page: 1
		});
	});

	it('keeps the search, filters and page, trimmed', () => {
		expect(ok('q=%20Ama%20&area=NR&cadre=PROF_SW&sector=GOVERNMENTAL&organisation=swd&page=3&jurisdiction=DR')).toEqual(
			{
				jurisdiction: 'DR',
				q: 'Ama',
				area: 'NR',
				cadre: 'PROF_SW',
				sector: 'GOVERNMENTAL',
				organisation: 'swd',
				page: 3
			}
		);
	});

	it('refuses a cadre or sector that is not one of the codes, with a message for that field', () => {
		const r = parse('cadre=WIZARD&sector=gov');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['cadre', 'sector']);
		expect(r.values.cadre).toBe('WIZARD');
	});

	it('refuses a page that is not a whole number from 1 to the last possible page', () => {
		for (const page of ['0', '-1', '1.5', 'abc', String(MAX_PAGE + 1), '1e3']) {
			const r = parse(`page=${encodeURIComponent(page)}`);
			expect(r.ok, page).toBe(false);
			if (!r.ok) expect(Object.keys(r.errors)).toEqual(['page']);
		}
		expect(ok(`page=${MAX_PAGE}`).page).toBe(MAX_PAGE);
	});

	it('refuses a search over 100 characters and a NUL character, never passing them on', () => {
		const long = parse(`q=${'a'.repeat(101)}`);
		expect(long.ok).toBe(false);
		const nul = parse('q=a%00b');
		expect(nul.ok).toBe(false);
		if (!nul.ok) expect(Object.keys(nul.errors)).toEqual(['q']);
	});

	it('ignores parameters it does not know', () => {
		expect(ok('foo=bar&page=2').page).toBe(2);
	});
});

describe('checking the codes against the jurisdiction', () => {
	it('turns the area and organisation codes into their rows', () => {
		const r = resolveFilters(ok('area=NR-LK&organisation=swd&cadre=PROF_SW&q=Ama%20Mensah'), lists);
		expect(r).toEqual({
			ok: true,
			filters: {
				q: 'Ama Mensah',
				patterns: ['%ama%', '%mensah%'],
				areaId: 'area-2',
				cadre: 'PROF_SW',
				sector: null,
				organisationId: 'org-1'
			}
		});
	});

	it('an unknown area or organisation is a message beside its field', () => {
		const r = resolveFilters(ok('area=XX&organisation=nobody'), lists);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['area', 'organisation']);
	});

	it('no search means no name condition', () => {
		const r = resolveFilters(ok(''), lists);
		expect(r.ok && r.filters).toMatchObject({ q: null, patterns: [], areaId: null, organisationId: null });
	});
});

describe('names compared without case or accents', () => {
	it('folds accented letters of either case to their base letter', () => {
		expect(foldName('Élodie Nkurunziza-Ñúñez')).toBe('elodie nkurunziza-nunez');
		expect(foldName('ØSTERGÅRD Łukasz Đorđe')).toBe('ostergard lukasz dorde');
		// a decomposed "é" (e + combining accent) folds like the composed one
		expect(foldName('Ame\u0301lie')).toBe('amelie');
	});

	it('matches LIKE wildcards literally', () => {
		expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
	});

	it('splits the search into at most five words, each a "contains" pattern', () => {
		expect(namePatterns('  Ama   MENSAH ')).toEqual(['%ama%', '%mensah%']);
		expect(namePatterns('a b c d e f g')).toHaveLength(5);
		expect(namePatterns('   ')).toEqual([]);
	});
});

describe('the query string of a search', () => {
	it('leaves out empty fields and page 1, so links stay short', () => {
		const q = ok('jurisdiction=DR&q=Ama&cadre=PROF_SW');
		expect(registerQueryString(q)).toBe('jurisdiction=DR&q=Ama&cadre=PROF_SW');
		expect(registerQueryString(q, 2)).toBe('jurisdiction=DR&q=Ama&cadre=PROF_SW&page=2');
		// read back, it is the same search
		expect(ok(registerQueryString(q, 2))).toEqual({ ...q, page: 2 });
	});
});
