// A module written in the browser is a form (front-matter fields, the question bank, the Markdown body); what is stored
// is the module file exactly in the content/ format (content/FORMAT.md). composeModule writes the file from the form;
// formOf reads any text back into a form, never throwing (a broken file gives empty fields). Numbers stay the strings
// typed in the form: a number that parses is written as a YAML number, anything else as the string typed, so the check
// (check.ts) says so beside the field. Pure functions.
import { Document, isMap, parseDocument, Scalar, type YAMLSeq } from 'yaml';
import { splitFrontMatter } from '../content/load.ts';

import type { QuestionForm } from '../../module-question.ts';

export type { QuestionForm };
export type QuestionType = QuestionForm['type'];

export interface ModuleForm {
	id: string;
	/** a semantic version like 1.0.0 (content/ requires it; nothing derives it) */
	version: string;
	title: string;
	track: string;
	level: string;
	competencies: string[];
	credits: string;
	creditCategory: string;
	minutes: string;
	/** the owning provider organisation's slug */
	provider: string;
	sources: { ref: string; note: string }[];
	passMark: string;
	draw: string;
	attemptsPerDay: string;
	questions: QuestionForm[];
	/** the Markdown body: line 1 is the line after the closing `---` */
	body: string;
}

/** A form with nothing in it (what a broken file reads as). */
export function emptyForm(): ModuleForm {
	return {
		id: '',
		version: '',
		title: '',
		track: '',
		level: '',
		competencies: [],
		credits: '',
		creditCategory: '',
		minutes: '',
		provider: '',
		sources: [],
		passMark: '',
		draw: '',
		attemptsPerDay: '',
		questions: [],
		body: ''
	};
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "30" → 30, " 0.5 " → 0.5; anything else stays the string typed (the check reports it). */
function numberOrText(typed: string): number | string {
	const t = typed.trim();
	return NUMBER.test(t) ? Number(t) : typed;
}

function quoted(value: string): Scalar {
	const s = new Scalar(value);
	s.type = Scalar.QUOTE_DOUBLE;
	return s;
}

/** Question ids as typed; an empty one becomes the first free q1, q2 … */
function questionIds(questions: QuestionForm[]): string[] {
	const taken = new Set(questions.map((q) => q.id.trim()).filter(Boolean));
	let n = 0;
	return questions.map((q) => {
		if (q.id.trim()) return q.id;
		let id: string;
		do id = `q${++n}`;
		while (taken.has(id));
		taken.add(id);
		return id;
	});
}

/**
 * The module file in the content/ format: front-matter (keys in the order of content/FORMAT.md, the question bank
 * under `assessment`) between `---` lines, then the body as typed. `review` records the review (`reviewer`,
 * `reviewedOn`): a published version carries it, a draft does not.
 */
export function composeModule(form: ModuleForm, review?: { reviewer: string; reviewedOn: string }): string {
	const ids = questionIds(form.questions);
	const fm: Record<string, unknown> = {
		id: form.id,
		version: form.version,
		title: form.title,
		track: form.track,
		level: form.level,
		competencies: form.competencies,
		credits: numberOrText(form.credits),
		creditCategory: form.creditCategory,
		minutes: numberOrText(form.minutes),
		provider: form.provider,
		...(review ? { reviewer: review.reviewer, reviewedOn: review.reviewedOn } : {}),
		sources: form.sources.map((s) => ({ ref: quoted(s.ref), note: s.note })),
		assessment: {
			passMark: numberOrText(form.passMark),
			draw: numberOrText(form.draw),
			attemptsPerDay: numberOrText(form.attemptsPerDay),
			questions: form.questions.map((q, i) => ({
				id: ids[i],
				type: q.type,
				prompt: q.prompt,
				options: q.options.map((o) => (o.correct ? { text: o.text, correct: true } : { text: o.text })),
				feedback: q.feedback,
				...(q.section.trim() ? { section: q.section } : {})
			}))
		}
	};
	const doc = new Document(fm);
	const competencies = doc.get('competencies', true) as YAMLSeq | undefined;
	if (competencies) competencies.flow = true;
	if (review) {
		// a plain 2026-10-15, as content/ writes it (the check reads it as a date either way)
		const day = doc.get('reviewedOn', true) as Scalar | undefined;
		if (day) day.type = Scalar.PLAIN;
		const reviewer = doc.get('reviewer', true) as Scalar | undefined;
		if (reviewer) reviewer.type = Scalar.QUOTE_DOUBLE;
	}
	const yaml = doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
	return `---\n${yaml}---\n${form.body}`;
}

const text = (v: unknown): string =>
	typeof v === 'string'
		? v
		: typeof v === 'number' || typeof v === 'boolean'
			? String(v)
			: v instanceof Date
				? v.toISOString().slice(0, 10)
				: '';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const record = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * The form of a module file. Tolerant of anything: a file without front-matter is all body; front-matter that does not
 * parse, or a field of the wrong shape, gives empty fields. The review (`reviewer`, `reviewedOn`) is dropped: a draft
 * has none. Keys the form does not know are dropped too.
 */
export function formOf(source: string): ModuleForm {
	const form = emptyForm();
	const split = splitFrontMatter(source);
	if (!split) return { ...form, body: source };
	form.body = split.body;
	let fm: Record<string, unknown> = {};
	try {
		const doc = parseDocument(split.fm, { prettyErrors: false, uniqueKeys: false });
		if (isMap(doc.contents)) fm = record(doc.toJS({ maxAliasCount: 100 }));
	} catch {
		fm = {};
	}
	for (const k of [
		'id',
		'version',
		'title',
		'track',
		'level',
		'credits',
		'creditCategory',
		'minutes',
		'provider'
	] as const)
		form[k] = text(fm[k]);
	form.competencies = typeof fm.competencies === 'string' ? [fm.competencies] : list(fm.competencies).map(text);
	form.sources = list(fm.sources).map((raw) => {
		const s = record(raw);
		return { ref: text(s.ref), note: text(s.note) };
	});
	const a = record(fm.assessment);
	form.passMark = text(a.passMark);
	form.draw = text(a.draw);
	form.attemptsPerDay = text(a.attemptsPerDay);
	form.questions = list(a.questions).map((raw) => {
		const q = record(raw);
		return {
			id: text(q.id),
			type: q.type === 'multiple' ? 'multiple' : 'single',
			prompt: text(q.prompt),
			options: list(q.options).map((o) => ({ text: text(record(o).text), correct: record(o).correct === true })),
			feedback: text(q.feedback),
			section: text(q.section)
		};
	});
	return form;
}
