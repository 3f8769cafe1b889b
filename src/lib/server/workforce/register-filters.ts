// The worker register's search and filters come from the URL (a GET form: a search works without JavaScript and can
// be shared as a link). Pure: reading the query, checking codes against the jurisdiction's lists, and folding names
// so a search ignores case and accents.
import { z } from 'zod';
import { CADRES, SECTORS } from '$lib/workforce-labels';
import { parseForm, type Values } from '../forms/parse';
import { m } from '$lib/paraglide/messages';

export const PAGE_SIZE = 50;
/** 500,000 workers at 50 a page */
export const MAX_PAGE = 10_000;
export const MAX_SEARCH = 100;
/** words of a name search; more are ignored (each must appear in the worker's given or family name) */
export const MAX_TERMS = 5;
const FIELDS = ['jurisdiction', 'q', 'area', 'cadre', 'sector', 'organisation', 'page'] as const;

const typed = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.optional()
		.transform((v) => v ?? '');

const oneOf = <T extends string>(values: readonly T[]) =>
	typed(64).refine((v) => v === '' || (values as readonly string[]).includes(v), { error: () => m.field_choose() });

export const registerQuerySchema = z.object({
	jurisdiction: typed(64),
	q: typed(MAX_SEARCH),
	area: typed(64),
	cadre: oneOf(CADRES),
	sector: oneOf(SECTORS),
	organisation: typed(64),
	page: typed(12)
		.refine((v) => v === '' || (/^\d+$/.test(v) && +v >= 1 && +v <= MAX_PAGE), {
			error: () => m.workers_page_invalid({ max: MAX_PAGE })
		})
		.transform((v) => (v ? Number(v) : 1))
});

export type RegisterQuery = z.output<typeof registerQuerySchema>;

export type QueryResult =
	{ ok: true; query: RegisterQuery; values: Values } | { ok: false; errors: Record<string, string>; values: Values };

/** The query string read by the register's schema; other parameters are ignored. */
export function parseRegisterQuery(params: URLSearchParams): QueryResult {
	const form = new FormData();
	for (const k of FIELDS) {
		const v = params.get(k);
		if (v !== null) form.set(k, v.slice(0, 1000));
	}
	const parsed = parseForm(registerQuerySchema, form);
	const values: Values = {};
	for (const k of FIELDS) values[k] = (params.get(k) ?? '').trim().slice(0, 200);
	return parsed.ok ? { ok: true, query: parsed.data, values } : { ok: false, errors: parsed.errors, values };
}

/** What the search runs on: codes checked and turned into the rows' ids. */
export interface RegisterFilters {
	/** the search as typed (trimmed), or null: a national worker ID or licence number matches exactly */
	q: string | null;
	/** the name search: LIKE patterns of the folded words, every one must match */
	patterns: string[];
	areaId: string | null;
	cadre: string | null;
	sector: string | null;
	organisationId: string | null;
}

export type FilterResult = { ok: true; filters: RegisterFilters } | { ok: false; errors: Record<string, string> };

/** The area and organisation codes named by their rows in this jurisdiction; an unknown code is a field error. */
export function resolveFilters(
	query: RegisterQuery,
	lists: { areas: { id: string; code: string }[]; organisations: { id: string; code: string }[] }
): FilterResult {
	const errors: Record<string, string> = {};
	const area = query.area ? lists.areas.find((a) => a.code === query.area) : null;
	if (query.area && !area) errors.area = m.workers_area_unknown();
	const org = query.organisation ? lists.organisations.find((o) => o.code === query.organisation) : null;
	if (query.organisation && !org) errors.organisation = m.workers_organisation_unknown();
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		filters: {
			q: query.q || null,
			patterns: namePatterns(query.q),
			areaId: area?.id ?? null,
			cadre: query.cadre || null,
			sector: query.sector || null,
			organisationId: org?.id ?? null
		}
	};
}

/** The query string of a search (for the pages of the list and the CSV link): empty fields left out. */
export function registerQueryString(query: RegisterQuery, page = 1): string {
	const q = new URLSearchParams();
	for (const k of FIELDS) {
		const v = k === 'page' ? (page > 1 ? String(page) : '') : query[k];
		if (v) q.set(k, v);
	}
	return q.toString();
}

// Accented Latin letters (either case) → their base letter in lower case, so "Élodie", "elodie" and "ELODIE" are found
// alike. The same pair of strings is given to PostgreSQL's translate() on the names (the `unaccent` extension is not
// installed), so both sides fold by this one table.
const NOT_DECOMPOSED: Record<string, string> = {
	ø: 'o',
	Ø: 'o',
	đ: 'd',
	Đ: 'd',
	ł: 'l',
	Ł: 'l',
	ħ: 'h',
	Ħ: 'h',
	ı: 'i'
};

function foldTable(): { from: string; to: string } {
	let from = '';
	let to = '';
	for (let c = 0xc0; c <= 0x24f; c++) {
		const ch = String.fromCodePoint(c);
		const base = (NOT_DECOMPOSED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();
		if (/^[a-z]$/.test(base) && base !== ch) {
			from += ch;
			to += base;
		}
	}
	return { from, to };
}

export const FOLD = foldTable();
const FOLD_MAP = new Map([...FOLD.from].map((ch, i) => [ch, FOLD.to[i]]));

/** A name as the search compares it: accents folded, lower case. */
export function foldName(s: string): string {
	return [...s.normalize('NFC')]
		.map((ch) => FOLD_MAP.get(ch) ?? ch)
		.join('')
		.toLowerCase();
}

/** The LIKE pattern "contains this word", with LIKE's own characters (% _ \) matched literally. */
export function containsPattern(word: string): string {
	return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The words of a name search, folded, each as a "contains" pattern. */
export function namePatterns(q: string): string[] {
	return foldName(q).split(/\s+/).filter(Boolean).slice(0, MAX_TERMS).map(containsPattern);
}
