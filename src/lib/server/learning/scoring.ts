// Assessment rules as pure functions: drawing questions, reading a submission strictly, scoring it.
import { createHash } from 'node:crypto';
import type { Question } from '../content/types';

/** Draws n question ids, preferring ones not drawn last time so a retry meets new questions. */
export function drawQuestions(pool: Question[], n: number, previous: string[] = [], random = Math.random): string[] {
	const shuffle = <T>(xs: T[]) => {
		const a = [...xs];
		for (let i = a.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[a[i], a[j]] = [a[j], a[i]];
		}
		return a;
	};
	const fresh = shuffle(pool.filter((q) => !previous.includes(q.id)));
	const seen = shuffle(pool.filter((q) => previous.includes(q.id)));
	return [...fresh, ...seen].slice(0, n).map((q) => q.id);
}

/**
 * The order an attempt shows a question's options in: a shuffle seeded by the attempt and the question, so the key's
 * place in the file tells nothing and a reload shows the same order. Returns the options' indexes.
 */
export function optionOrder(seed: string, n: number): number[] {
	const order = Array.from({ length: n }, (_, i) => i);
	let bytes = createHash('sha256').update(seed).digest();
	let at = 0;
	for (let i = n - 1; i > 0; i--) {
		if (at + 4 > bytes.length) [bytes, at] = [createHash('sha256').update(bytes).digest(), 0];
		const j = bytes.readUInt32BE(at) % (i + 1);
		at += 4;
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

export type Answers = Record<string, string[]>;
export type Parsed = { ok: true; answers: Answers } | { ok: false; message: string };

/**
 * Reads fields named "q.<question id>" whose values are option ids. Every drawn question must be answered, none
 * twice, no other question may appear, and each option must belong to its question.
 */
export function parseSubmission(
	entries: [string, unknown][],
	drawn: Question[],
	messages: {
		notDrawn: (id: string) => string;
		unanswered: (n: number) => string;
		twice: (id: string) => string;
		badOption: (id: string) => string;
	}
): Parsed {
	const byId = new Map(drawn.map((q) => [q.id, q]));
	const answers: Answers = {};
	for (const [name, value] of entries) {
		if (!name.startsWith('q.')) continue;
		const qid = name.slice(2);
		const q = byId.get(qid);
		if (!q) return { ok: false, message: messages.notDrawn(qid) };
		if (typeof value !== 'string' || !q.options.some((o) => o.id === value))
			return { ok: false, message: messages.badOption(qid) };
		const list = (answers[qid] ??= []);
		if (list.includes(value) || (q.type === 'single' && list.length))
			return { ok: false, message: messages.twice(qid) };
		list.push(value);
	}
	const missing = drawn.filter((q) => !answers[q.id]?.length).length;
	if (missing) return { ok: false, message: messages.unanswered(missing) };
	return { ok: true, answers };
}

export interface Score {
	correct: number;
	total: number;
	percent: number;
	passed: boolean;
	right: Record<string, boolean>;
}

/** A question is right when exactly its correct options were chosen. */
export function scoreAttempt(drawn: Question[], answers: Answers, passMark: number): Score {
	const right: Record<string, boolean> = {};
	for (const q of drawn) {
		const want = q.options
			.filter((o) => o.correct)
			.map((o) => o.id)
			.sort();
		const got = [...(answers[q.id] ?? [])].sort();
		right[q.id] = want.length === got.length && want.every((id, i) => id === got[i]);
	}
	const correct = Object.values(right).filter(Boolean).length;
	const percent = drawn.length ? Math.round((correct / drawn.length) * 100) : 0;
	return { correct, total: drawn.length, percent, passed: percent >= passMark, right };
}
