// The content the app serves: loaded and checked once per process. A problem stops the app from starting, so a
// broken file never reaches learners.
import { loadContent, formatProblems } from './load';
import type { Content, Module } from './types';

let cached: Content | null = null;

export class ContentError extends Error {}

export function getContent(): Content {
	if (!cached) {
		const { content, problems } = loadContent();
		if (problems.length) throw new ContentError(`content/ has ${problems.length} problem(s):\n${formatProblems(problems)}`);
		cached = content;
	}
	return cached;
}

/** Reads content/ again (CONTENT_DIR): for tests and for operators who deploy new content without a restart. */
export function reloadContent(): Content {
	cached = null;
	return getContent();
}

export function findModule(id: string): Module | undefined {
	return getContent().modules.find((m) => m.id === id);
}

export function competencyMap() {
	return new Map(getContent().framework.competencies.map((c) => [c.id, c]));
}

export type { Content, Module } from './types';
