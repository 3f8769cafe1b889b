// Framework names in the reader's language: `title_fr` beside `title` in content/framework (content:check makes sure
// every name has one). English, the language the content is written in, is the fallback.
import type { Framework, Translations } from './types';

type Named = { title: string; description?: string } & Translations;

function named<T extends Named>(item: T, locale: string): T {
	if (locale === 'en') return item;
	const title = item[`title_${locale}`];
	const description = item[`description_${locale}`];
	return { ...item, title: title || item.title, ...(item.description !== undefined ? { description: description || item.description } : {}) };
}

/** The framework with every track, level, credit category, competency and source document named in `locale`. */
export function localizeFramework(fw: Framework, locale: string): Framework {
	if (locale === 'en') return fw;
	return {
		...fw,
		info: named(fw.info, locale),
		tracks: fw.tracks.map((t) => named(t, locale)),
		levels: fw.levels.map((l) => named(l, locale)),
		categories: fw.categories.map((c) => named(c, locale)),
		competencies: fw.competencies.map((c) => named(c, locale)),
		documents: fw.documents.map((d) => named(d, locale))
	};
}

/**
 * Citations ("002:247") as the numbered list a reader sees: one entry per seed document, in order of first citation,
 * with the document's title (never the citation itself) and the notes of the citations that point into it.
 */
export function citedDocuments(fw: Framework, refs: { ref: string; note?: string }[]): { id: string; title: string; notes: string[] }[] {
	const out: { id: string; title: string; notes: string[] }[] = [];
	for (const r of refs) {
		const id = r.ref.slice(0, 3);
		let entry = out.find((e) => e.id === id);
		if (!entry) out.push((entry = { id, title: fw.documents.find((d) => d.id === id)?.title ?? id, notes: [] }));
		if (r.note && !entry.notes.includes(r.note)) entry.notes.push(r.note);
	}
	return out;
}
