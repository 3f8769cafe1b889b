// Every rule content must satisfy, each reported at the line that breaks it.
import type { Source } from './yaml-source.ts';
import { bankProblems } from './bank-check.ts';
import type { Framework, Module, Problem, Question } from './types.ts';
import { bodyWords, headingSlugs, internalLinks } from './markdown.ts';
import { fromDate, isDay } from '../../calendar-day.ts';

const SEMVER = /^\d+\.\d+\.\d+$/;
const CITATION = /^\d{3}:\d+(-\d+)?$/;
const COMPETENCY_ID = /^[A-Z]+\.[A-Z0-9_]+$/;
export const MIN_WORDS = 600;
/**
 * Notional learning time, estimated from a module's length: reading (and working through its scenario) at 100 words
 * a minute, plus 2 minutes a drawn question. The stated minutes may exceed it by half at most; the proposed credits
 * are at most one per stated hour — the default the regulator's accreditation confirms or changes.
 */
export const NOTIONAL = { wordsPerMinute: 100, minutesPerQuestion: 2, leeway: 1.5, creditsPerHour: 1 };
export const notionalMinutes = (words: number, draw: number) =>
	words / NOTIONAL.wordsPerMinute + NOTIONAL.minutesPerQuestion * draw;
/** The languages Credo offers besides English (project.inlang/settings.json): every framework name needs each one. */
export const CONTENT_LOCALES = ['fr'] as const;
const DOCUMENT_ID = /^\d{3}$/;

type Sources = {
	tracks: Source | null;
	levels: Source | null;
	categories: Source | null;
	competencies: { items: unknown[]; src: Source }[];
	documents?: Source | null;
};

const str = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(str);

export function checkFramework(fw: Framework, s: Sources): Problem[] {
	const problems: Problem[] = [];
	const at = (src: Source | null, p: (string | number)[], message: string) => src && problems.push({ file: src.file, line: src.line(p), message });
	const dup = (src: Source | null, ids: unknown[], what: string) => {
		const seen = new Set<unknown>();
		ids.forEach((id, i) => {
			if (seen.has(id)) at(src, [i, 'id'], `duplicate ${what} id ${String(id)}`);
			seen.add(id);
		});
	};
	fw.tracks.forEach((t, i) => {
		for (const k of ['id', 'prefix', 'title'] as const) if (!str(t?.[k])) at(s.tracks, [i], `track: missing required field ${k}`);
	});
	dup(s.tracks, fw.tracks.map((t) => t?.id), 'track');
	const levelSrc = s.levels;
	(levelSrc ? (levelSrc.doc.toJS() as Framework['levels']) : []).forEach((l, i) => {
		for (const k of ['id', 'title'] as const) if (!str(l?.[k])) at(levelSrc, [i], `level: missing required field ${k}`);
		if (!Number.isInteger(l?.rank)) at(levelSrc, [i, 'rank'], 'level: rank must be a whole number (the ladder order)');
	});
	dup(levelSrc, fw.levels.map((l) => l?.id), 'level');
	fw.categories.forEach((c, i) => { if (!str(c?.id) || !str(c?.title)) at(s.categories, [i], 'credit category: id and title are required'); });
	(fw.documents ?? []).forEach((d, i) => {
		if (typeof d?.id !== 'string' || !DOCUMENT_ID.test(d.id)) at(s.documents ?? null, [i], 'source document: id must be the seed number in quotes, like "002"');
		if (!str(d?.title)) at(s.documents ?? null, [i], 'source document: missing required field title');
	});
	dup(s.documents ?? null, (fw.documents ?? []).map((d) => d?.id), 'source document');
	// every name in every language the app offers (English is the fallback only for languages added later)
	const translated = (src: Source | null, items: unknown[], what: string, keys: ('title' | 'description')[]) =>
		items.forEach((raw, i) => {
			const item = raw as Record<string, unknown>;
			for (const k of keys)
				for (const locale of CONTENT_LOCALES)
					if (str(item?.[k]) && !str(item?.[`${k}_${locale}`])) at(src, [i, k], `${what} ${String(item?.id)}: missing ${k}_${locale} (the ${k} in ${locale})`);
		});
	translated(s.tracks, fw.tracks, 'track', ['title', 'description']);
	translated(levelSrc, levelSrc ? (levelSrc.doc.toJS() as unknown[]) : [], 'level', ['title', 'description']);
	translated(s.categories, fw.categories, 'credit category', ['title']);
	translated(s.documents ?? null, fw.documents ?? [], 'source document', ['title']);
	for (const { items, src } of s.competencies) translated(src, items, 'competency', ['title', 'description']);
	// a citation names a known seed document
	const documentIds = new Set((fw.documents ?? []).map((d) => d?.id));
	const cites = (src: Source | null, items: unknown[]) =>
		items.forEach((raw, i) => {
			const refs = (raw as { sources?: unknown })?.sources;
			if (Array.isArray(refs)) refs.forEach((r, j) => { if (CITATION.test(String(r)) && !documentIds.has(String(r).slice(0, 3))) at(src, [i, 'sources', j], `source ${r} cites seed document ${String(r).slice(0, 3)}, which framework/sources.yaml does not list`); });
		});
	cites(s.tracks, fw.tracks);
	cites(levelSrc, levelSrc ? (levelSrc.doc.toJS() as unknown[]) : []);
	for (const { items, src } of s.competencies) cites(src, items);

	const trackIds = new Map(fw.tracks.map((t) => [t.id, t.prefix]));
	const levelIds = new Set(fw.levels.map((l) => l.id));
	const seen = new Map<string, string>();
	for (const { items, src } of s.competencies) {
		items.forEach((raw, i) => {
			const c = raw as Framework['competencies'][number];
			for (const k of ['id', 'track', 'title', 'description'] as const) if (!str(c?.[k])) at(src, [i], `competency: missing required field ${k}`);
			for (const k of ['knowledge', 'skills', 'values', 'levels', 'sources'] as const) if (!strList(c?.[k])) at(src, [i, k], `competency ${c?.id}: ${k} must be a non-empty list`);
			if (str(c?.id)) {
				if (!COMPETENCY_ID.test(c.id)) at(src, [i, 'id'], `competency id ${c.id} must look like TRACK.NAME_IN_CAPITALS`);
				if (seen.has(c.id)) at(src, [i, 'id'], `duplicate competency id ${c.id} (first in ${seen.get(c.id)})`);
				seen.set(c.id, src.file);
			}
			if (str(c?.track)) {
				if (!trackIds.has(c.track)) at(src, [i, 'track'], `unknown track id ${c.track}`);
				else if (str(c?.id) && !c.id.startsWith(`${trackIds.get(c.track)}.`)) at(src, [i, 'id'], `competency id ${c.id} must start with ${trackIds.get(c.track)}.`);
			}
			if (Array.isArray(c?.levels)) c.levels.forEach((l, j) => { if (!levelIds.has(l)) at(src, [i, 'levels', j], `unknown level id ${l}`); });
			if (Array.isArray(c?.sources)) c.sources.forEach((r, j) => { if (!CITATION.test(String(r))) at(src, [i, 'sources', j], `source ${r} must be a seed citation like 000:170`); });
		});
	}
	return problems;
}

export function checkModule(src: Source, fw: Framework, x: { body: string; bodyLine: number; hash: string; slug: string }): { module: Module | null; problems: Problem[] } {
	const problems: Problem[] = [];
	const fm = (src.doc.toJS() ?? {}) as Record<string, unknown>;
	const at = (p: (string | number)[], message: string) => problems.push({ file: src.file, line: src.line(p), message });
	for (const k of ['id', 'version', 'title', 'track', 'level', 'creditCategory', 'provider'])
		if (!str(fm[k])) at([k], `missing required field ${k}`);
	if (str(fm.id) && fm.id !== x.slug) at(['id'], `id ${fm.id} must equal the file name (${x.slug})`);
	if (str(fm.version) && !SEMVER.test(fm.version)) at(['version'], `version ${fm.version} must be a semantic version like 1.0.0`);
	if (str(fm.track) && !fw.tracks.some((t) => t.id === fm.track)) at(['track'], `unknown track id ${fm.track}`);
	if (str(fm.level) && !fw.levels.some((l) => l.id === fm.level)) at(['level'], `unknown level id ${fm.level}`);
	if (str(fm.creditCategory) && !fw.categories.some((c) => c.id === fm.creditCategory)) at(['creditCategory'], `unknown credit category ${fm.creditCategory}`);
	if (!strList(fm.competencies)) at(['competencies'], 'competencies must be a non-empty list of competency ids');
	else fm.competencies.forEach((c, i) => { if (!fw.competencies.some((k) => k.id === c)) at(['competencies', i], `unknown competency id ${c}`); });
	if (typeof fm.credits !== 'number') at(['credits'], 'missing required field credits (a number)');
	else if (!(fm.credits > 0)) at(['credits'], `credits must be more than 0 (got ${fm.credits})`);
	if (!Number.isInteger(fm.minutes) || (fm.minutes as number) <= 0) at(['minutes'], 'minutes must be a whole number above 0');
	const reviewedOn = fm.reviewedOn instanceof Date ? fromDate(fm.reviewedOn) : fm.reviewedOn; // YAML reads 2026-10-15 as a Date
	if (str(fm.reviewer) !== (reviewedOn != null)) at([str(fm.reviewer) ? 'reviewer' : 'reviewedOn'], 'a review needs both reviewer and reviewedOn (leave both out for a draft)');
	if (reviewedOn != null && (typeof reviewedOn !== 'string' || !isDay(reviewedOn))) at(['reviewedOn'], 'reviewedOn must be a date like 2026-10-15');
	const sources = Array.isArray(fm.sources) ? fm.sources as { ref?: unknown; note?: unknown }[] : [];
	if (!sources.length) at(['sources'], 'sources must list the seed facts the module rests on');
	sources.forEach((s, i) => {
		if (!CITATION.test(String(s?.ref ?? ''))) at(['sources', i], 'each source needs ref (a seed citation like 000:170) and note');
		else if (!str(s?.note)) at(['sources', i], 'each source needs a note saying what it supports');
		else if (fw.documents && !fw.documents.some((d) => d?.id === String(s.ref).slice(0, 3))) at(['sources', i], `source ${String(s.ref)} cites seed document ${String(s.ref).slice(0, 3)}, which framework/sources.yaml does not list`);
	});
	const assessment = checkAssessment(fm.assessment, at);
	const slugs = headingSlugs(x.body);
	assessment?.questions.forEach((q, i) => {
		if (q.section && !slugs.has(q.section)) at(['assessment', 'questions', i, 'section'], `question ${q.id}: section ${q.section} is not a heading of this module`);
	});
	const draft = !(str(fm.reviewer) && reviewedOn);
	const words = bodyWords(x.body);
	if (assessment && Number.isInteger(fm.minutes) && typeof fm.credits === 'number') {
		const estimate = notionalMinutes(words, assessment.draw);
		const most = Math.ceil(estimate * NOTIONAL.leeway);
		// a draft is still being written, and a reviewed module too short is told so below
		if (!draft && words >= MIN_WORDS && (fm.minutes as number) > most) at(['minutes'], `minutes ${fm.minutes} are more than its length supports: about ${Math.round(estimate)} (${words} words at ${NOTIONAL.wordsPerMinute} a minute, ${NOTIONAL.minutesPerQuestion} a drawn question), at most ${most}`);
		const credits = Math.floor(((fm.minutes as number) / 60) * NOTIONAL.creditsPerHour * 100) / 100;
		if (fm.credits > credits) at(['credits'], `credits ${fm.credits} are more than one per notional hour: ${fm.minutes} minutes allow at most ${credits}`);
	}
	if (!draft && words < MIN_WORDS) problems.push({ file: src.file, line: x.bodyLine, message: `a reviewed module needs at least ${MIN_WORDS} words (has ${words})` });
	// a reviewed module's bank must not be passable without the knowledge (bank-check.ts)
	if (!draft && assessment && !problems.length)
		for (const b of bankProblems(assessment)) at(['assessment', 'questions', ...(b.question === undefined ? [] : [b.question])], b.message);
	if (problems.length) return { module: null, problems };
	return {
		problems,
		module: {
			id: fm.id as string, version: fm.version as string, title: fm.title as string, track: fm.track as string,
			level: fm.level as string, competencies: fm.competencies as string[], credits: fm.credits as number,
			creditCategory: fm.creditCategory as string, minutes: fm.minutes as number, provider: fm.provider as string,
			reviewer: draft ? null : (fm.reviewer as string), reviewedOn: draft ? null : (reviewedOn as string),
			sources: sources as Module['sources'], assessment: assessment!, body: x.body, words, file: src.file,
			hash: x.hash, draft, bodyLine: x.bodyLine
		}
	};
}

function checkAssessment(raw: unknown, at: (p: (string | number)[], m: string) => void): Module['assessment'] | null {
	const a = (raw ?? {}) as Record<string, unknown>;
	if (typeof raw !== 'object' || raw === null) return at(['assessment'], 'missing required field assessment'), null;
	const p = (k: string) => ['assessment', k];
	if (typeof a.passMark !== 'number' || a.passMark < 0 || a.passMark > 100) at(p('passMark'), 'passMark must be a percentage from 0 to 100');
	if (!Number.isInteger(a.draw) || (a.draw as number) < 5) at(p('draw'), 'draw must be a whole number of at least 5');
	if (!Number.isInteger(a.attemptsPerDay) || (a.attemptsPerDay as number) < 1) at(p('attemptsPerDay'), 'attemptsPerDay must be a whole number of at least 1');
	const pool = Array.isArray(a.questions) ? (a.questions as Record<string, unknown>[]) : [];
	if (Number.isInteger(a.draw) && pool.length < 2 * (a.draw as number)) at(p('questions'), `the question pool (${pool.length}) must hold at least twice the draw (${2 * (a.draw as number)})`);
	const ids = new Set<string>();
	const questions: Question[] = pool.map((q, i) => {
		const qp = (...k: (string | number)[]) => ['assessment', 'questions', i, ...k];
		const id = String(q?.id ?? '');
		if (!str(q?.id)) at(qp(), 'question: missing required field id');
		else if (ids.has(id)) at(qp('id'), `duplicate question id ${id}`);
		ids.add(id);
		if (q?.type !== 'single' && q?.type !== 'multiple') at(qp('type'), 'question type must be single or multiple');
		if (!str(q?.prompt)) at(qp(), `question ${id}: missing required field prompt`);
		if (!str(q?.feedback)) at(qp(), `question ${id}: missing required field feedback`);
		const options = Array.isArray(q?.options) ? (q.options as { text?: unknown; correct?: unknown }[]) : [];
		if (options.length < 2) at(qp('options'), `question ${id}: needs at least two options`);
		options.forEach((o, j) => { if (!str(o?.text)) at(qp('options', j), `question ${id}: option without text`); });
		const correct = options.filter((o) => o?.correct === true).length;
		if (!correct) at(qp(), `question ${id} has no correct answer`);
		else if (q?.type === 'single' && correct > 1) at(qp('type'), `question ${id} is single-answer but marks ${correct} options correct`);
		if (q?.section !== undefined && !str(q.section)) at(qp('section'), `question ${id}: section must be the slug of a heading of this module`);
		return {
			id, type: q?.type as Question['type'], prompt: String(q?.prompt ?? ''), feedback: String(q?.feedback ?? ''),
			...(str(q?.section) ? { section: q.section } : {}),
			options: options.map((o, j) => ({ id: `${id}.${j + 1}`, text: String(o?.text ?? ''), correct: o?.correct === true }))
		};
	});
	return { passMark: a.passMark as number, draw: a.draw as number, attemptsPerDay: a.attemptsPerDay as number, questions };
}

/** Links inside module bodies: /learn/<id> must name a module, #anchor a heading of the same module. */
export function checkLinks(modules: Module[], ids: Set<string>): Problem[] {
	const problems: Problem[] = [];
	for (const m of modules) {
		const anchors = headingSlugs(m.body);
		for (const link of internalLinks(m.body)) {
			const [target, anchor] = link.href.replace(/^\/learn\//, '').split('#');
			const broken = link.href.startsWith('#') ? !anchors.has(link.href.slice(1)) : !ids.has(target) || (anchor !== undefined && target === m.id && !anchors.has(anchor));
			if (broken) problems.push({ file: m.file, line: m.bodyLine + link.line - 1, message: `broken internal link ${link.href}` });
		}
	}
	return problems;
}
