// What a reviewer reads before approving an authored module (issue 22): the module read from its text, its summary,
// and what changed against the latest published version — field by field, and whether the terms an accreditation rests
// on (authoring/terms.ts) carry over. Pure functions of the texts and the framework.
import { createHash } from 'node:crypto';
import { diffLines } from 'diff';
import { splitFrontMatter } from '../content/load';
import { parseYaml } from '../content/yaml-source';
import { checkModule } from '../content/validate';
import type { Framework, Module, Problem } from '../content/types';
import { termsOf } from './terms';
import { localizeProblem } from './problem-messages';

/** The module a text holds (the content/ file format), or null with the problems that stop it being read (in the
 *  reader's language: problem-messages.ts). */
export function readModuleText(
	id: string,
	text: string,
	framework: Framework
): { module: Module | null; problems: Problem[] } {
	const file = `${id}.md`;
	const split = splitFrontMatter(text);
	if (!split)
		return {
			module: null,
			problems: [{ file, line: 1, message: localizeProblem('a module starts with front-matter between --- lines') }]
		};
	const src = parseYaml(file, split.fm, 2);
	const hash = createHash('sha256').update(text).digest('hex');
	const result = checkModule(src, framework, { body: split.body, bodyLine: split.bodyLine, hash, slug: id });
	const problems = [...src.errors.map((e) => ({ file, ...e })), ...result.problems].map(({ yamlCode, ...p }) => ({
		...p,
		message: localizeProblem(p.message, {}, yamlCode)
	}));
	return { module: result.module, problems };
}

export interface ReviewSummary {
	title: string;
	track: string;
	level: string;
	competencies: string[];
	minutes: number;
	passMark: number;
	questions: number;
	credits: number;
}

export function reviewSummary(mod: Module): ReviewSummary {
	return {
		title: mod.title,
		track: mod.track,
		level: mod.level,
		competencies: [...mod.competencies],
		minutes: mod.minutes,
		passMark: mod.assessment.passMark,
		questions: mod.assessment.questions.length,
		credits: mod.credits
	};
}

export type ChangedField =
	'title' | 'track' | 'level' | 'competencies' | 'minutes' | 'passMark' | 'questions' | 'credits' | 'body';

export interface VersionChanges {
	/** no published version yet: everything is new */
	first: boolean;
	/** the fields that differ from the latest published version, in the summary's order */
	fields: { field: ChangedField; before: string; after: string }[];
	/** the terms (minutes, competencies, pass mark) are those of the latest version: its accreditations carry */
	termsCarry: boolean;
	/** the text's changes line by line, with a little context (empty when the text is the same) */
	body: BodyChange[];
}

/** A run of lines of the text: kept as it was (context), added, removed, or `skipped` unchanged lines not shown. */
export type BodyChange = { kind: 'same' | 'added' | 'removed'; lines: string[] } | { kind: 'skipped'; count: number };

/** Lines of context shown around each change; at most MAX_SHOWN lines in all (a rewrite says the rest is not shown). */
const CONTEXT = 2;
const MAX_SHOWN = 400;

/** The text's changes from `before` to `after`, line by line (jsdiff), unchanged stretches folded to their count. */
export function bodyChanges(before: string, after: string): BodyChange[] {
	if (before.trim() === after.trim()) return [];
	const parts = diffLines(before.trim() + '\n', after.trim() + '\n');
	const out: BodyChange[] = [];
	let shown = 0;
	const push = (c: BodyChange) => {
		const last = out.at(-1);
		if (c.kind === 'skipped' && last?.kind === 'skipped') last.count += c.count;
		else out.push(c);
	};
	parts.forEach((part, i) => {
		const lines = part.value.replace(/\n$/, '').split('\n');
		if (shown >= MAX_SHOWN) return push({ kind: 'skipped', count: lines.length });
		if (part.added || part.removed) {
			const take = lines.slice(0, MAX_SHOWN - shown);
			shown += take.length;
			push({ kind: part.added ? 'added' : 'removed', lines: take });
			if (take.length < lines.length) push({ kind: 'skipped', count: lines.length - take.length });
			return;
		}
		// unchanged: the lines next to a change stay as context, the middle folds
		const head = i > 0 ? lines.slice(0, CONTEXT) : [];
		const tail = i < parts.length - 1 ? lines.slice(Math.max(head.length, lines.length - CONTEXT)) : [];
		const skipped = lines.length - head.length - tail.length;
		if (head.length) push({ kind: 'same', lines: head });
		if (skipped > 0) push({ kind: 'skipped', count: skipped });
		if (tail.length) push({ kind: 'same', lines: tail });
		shown += head.length + tail.length;
	});
	return out;
}

const show = (s: ReviewSummary, field: Exclude<ChangedField, 'body'>): string => {
	const v = s[field];
	return Array.isArray(v) ? [...v].sort().join(', ') : String(v);
};

/** What changed from `before` (the latest published version, or null) to `after` (the draft). */
export function versionChanges(before: Module | null, after: Module): VersionChanges {
	if (!before) return { first: true, fields: [], termsCarry: false, body: [] };
	const [a, b] = [reviewSummary(before), reviewSummary(after)];
	const fields: VersionChanges['fields'] = [];
	for (const field of [
		'title',
		'track',
		'level',
		'competencies',
		'minutes',
		'passMark',
		'questions',
		'credits'
	] as const)
		if (show(a, field) !== show(b, field)) fields.push({ field, before: show(a, field), after: show(b, field) });
	const questionsChanged = JSON.stringify(before.assessment.questions) !== JSON.stringify(after.assessment.questions);
	if (questionsChanged && !fields.some((f) => f.field === 'questions'))
		fields.push({ field: 'questions', before: show(a, 'questions'), after: show(b, 'questions') });
	if (before.body.trim() !== after.body.trim()) fields.push({ field: 'body', before: '', after: '' });
	return {
		first: false,
		fields,
		termsCarry: termsOf(before) === termsOf(after),
		body: bodyChanges(before.body, after.body)
	};
}
