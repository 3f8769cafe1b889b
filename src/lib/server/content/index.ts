// The content the app serves: loaded and checked once per process. A problem stops the app from starting, so a
// broken file never reaches learners.
import { loadContent, formatProblems } from './load';
import { localizeFramework } from './localize';
import { getLocale } from '$lib/paraglide/runtime';
import type { Content, Framework, Module } from './types';

let cached: Content | null = null;
let files: Content | null = null;
let authored: Module[] = [];
const localized = new Map<string, Framework>();

export class ContentError extends Error {}

/** content/ and the latest published version of each module written in the browser (authoring/published.ts). */
export function getContent(): Content {
	if (!cached) {
		if (!files) {
			const { content, problems } = loadContent();
			if (problems.length) throw new ContentError(`content/ has ${problems.length} problem(s):\n${formatProblems(problems)}`);
			files = content;
			localized.clear();
		}
		const ids = new Set(files.modules.map((m) => m.id));
		cached = { framework: files.framework, modules: [...files.modules, ...authored.filter((m) => !ids.has(m.id))] };
	}
	return cached;
}

/** The modules of content/ only (read-only in the browser; a provider may copy one into a draft). */
export function contentModules(): Module[] {
	getContent();
	return files!.modules;
}

/** Called by authoring/published.ts when the published versions it serves change. */
export function setAuthoredModules(modules: Module[]): void {
	authored = modules;
	cached = null;
}

/**
 * The framework as the reader sees it: every track, level, credit category, competency and source document named in
 * the reader's language (English where a name has no translation). getContent() stays English: credentials, the
 * CASE package and anything stored use that.
 */
export function localFramework(locale: string = getLocale()): Framework {
	const { framework } = getContent();
	let fw = localized.get(locale);
	if (!fw) localized.set(locale, (fw = localizeFramework(framework, locale)));
	return fw;
}

/** Reads content/ again (CONTENT_DIR): for tests and for operators who deploy new content without a restart. */
export function reloadContent(): Content {
	cached = null;
	files = null;
	return getContent();
}

export function findModule(id: string): Module | undefined {
	return getContent().modules.find((m) => m.id === id);
}

export function competencyMap() {
	return new Map(getContent().framework.competencies.map((c) => [c.id, c]));
}

/** The competencies as a picker lists them (`CompetencyPicker`): by track, in the framework's order; `only` keeps
 *  those ids (a placement's own competencies). */
export function competencyOptions(only?: readonly string[]) {
	const { tracks, competencies } = localFramework();
	const trackTitle = new Map(tracks.map((t) => [t.id, t.title]));
	return competencies
		.filter((c) => !only || only.includes(c.id))
		.map((c) => ({ id: c.id, title: c.title, group: trackTitle.get(c.track) ?? '' }));
}

export { citedDocuments } from './localize';
export type { Content, Module } from './types';
