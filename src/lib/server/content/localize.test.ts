import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, formatProblems } from './load';
import { citedDocuments, localizeFramework } from './localize';
import { copyContent } from '../../../../tests/helpers/content';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const { framework } = loadContent().content;

function problemsAfter(rel: string, edit: (text: string) => string): string[] {
	const dir = copyContent();
	dirs.push(dir);
	const file = path.join(dir, rel);
	fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
	return formatProblems(loadContent(dir).problems).split('\n').filter(Boolean);
}

describe('framework names in the reader language', () => {
	it('names every track, level, category and competency in French', () => {
		const fr = localizeFramework(framework, 'fr');
		expect(fr.tracks.find((t) => t.id === 'care-reform')?.title).toBe('Réforme de la prise en charge');
		expect(fr.levels.find((l) => l.id === 'manager')?.title).toBe('Cadre de direction');
		expect(fr.categories.find((c) => c.id === 'child-protection')?.title).toBe("Protection de l'enfance");
		expect(fr.competencies.find((c) => c.id === 'CORE.CASE_MANAGEMENT')?.title).toBe('Gestion de cas');
		expect(fr.tracks.find((t) => t.id === 'core')?.description).toMatch(/travailleurs des services sociaux/);
		expect(fr.competencies.find((c) => c.id === 'CORE.CASE_MANAGEMENT')?.description).toMatch(/^Mène un dossier selon un processus documenté/);
		// every competency described in French, none left as its English description
		const described = new Map(framework.competencies.map((c) => [c.id, c.description]));
		expect(fr.competencies.filter((c) => !c.description || c.description === described.get(c.id)).map((c) => c.id)).toEqual([]);
		expect(fr.info.title).toBe('Référentiel de compétences Credo pour le personnel des services sociaux');
		// every name differs from the English one unless the word is the same in both languages (Justice)
		const en = new Map([...framework.tracks, ...framework.levels, ...framework.categories, ...framework.competencies].map((x) => [x.id, x.title]));
		const same = [...fr.tracks, ...fr.levels, ...fr.categories, ...fr.competencies].filter((x) => en.get(x.id) === x.title);
		expect(same.map((x) => x.id)).toEqual(['justice']);
	});

	it('keeps English in English and falls back to English where a name has no translation', () => {
		expect(localizeFramework(framework, 'en')).toBe(framework);
		const { title_fr: _, ...untranslated } = framework.competencies[0];
		const fw = { ...framework, competencies: [untranslated, ...framework.competencies.slice(1)] };
		expect(localizeFramework(fw, 'fr').competencies[0].title).toBe(framework.competencies[0].title);
		// a language the content has no names for at all reads English
		expect(localizeFramework(framework, 'de').tracks.map((t) => t.title)).toEqual(framework.tracks.map((t) => t.title));
	});

	it('leaves the canonical framework untouched (credentials and CASE stay English)', () => {
		localizeFramework(framework, 'fr');
		expect(framework.tracks.find((t) => t.id === 'care-reform')?.title).toBe('Care reform');
	});

	it('lists cited sources as one numbered entry per seed document, by title', () => {
		const docs = citedDocuments(localizeFramework(framework, 'fr'), [
			{ ref: '002:247', note: 'a' },
			{ ref: '000:170', note: 'b' },
			{ ref: '002:259', note: 'c' }
		]);
		expect(docs.map((d) => d.id)).toEqual(['002', '000']);
		expect(docs[0].title).toMatch(/^Lignes directrices pour renforcer le personnel des services sociaux/);
		expect(docs[0].notes).toEqual(['a', 'c']);
		expect(citedDocuments(framework, [{ ref: '001:25' }])[0].title).toBe("The Role of the Social Service Workforce in Children's Care and Care Reform");
	});
});

describe('content:check and translations', () => {
	it('fails when a French name is missing, at its line', () => {
		const p = problemsAfter('framework/competencies/core.yaml', (t) => t.replace(/^ {2}title_fr: "Gestion de cas"\n/m, ''));
		expect(p).toEqual([expect.stringMatching(/core\.yaml:\d+: competency CORE\.CASE_MANAGEMENT: missing title_fr/)]);
		const d = problemsAfter('framework/competencies/core.yaml', (t) => t.replace(/^ {2}description_fr: "Mène un dossier.*\n/m, ''));
		expect(d).toEqual([expect.stringMatching(/core\.yaml:\d+: competency CORE\.CASE_MANAGEMENT: missing description_fr/)]);
		const q = problemsAfter('framework/tracks.yaml', (t) => t.replace(/^ {2}title_fr: Justice\n/m, ''));
		expect(q).toEqual([expect.stringMatching(/tracks\.yaml:\d+: track justice: missing title_fr/)]);
		const r = problemsAfter('framework/credit-categories.yaml', (t) => t.replace(/^ {2}title_fr: Supervision et encadrement\n/m, ''));
		expect(r).toEqual([expect.stringMatching(/credit-categories\.yaml:\d+: credit category supervision: missing title_fr/)]);
		const s = problemsAfter('framework/levels.yaml', (t) => t.replace(/^ {2}title_fr: Généraliste\n/m, ''));
		expect(s).toEqual([expect.stringMatching(/levels\.yaml:\d+: level generalist: missing title_fr/)]);
		const i = problemsAfter('framework/framework.yaml', (t) => t.replace(/^title_fr: .*\n/m, ''));
		expect(i).toEqual([expect.stringMatching(/framework\.yaml:2: missing title_fr/)]);
	});

	it('fails when a citation names a seed document sources.yaml does not list', () => {
		const p = problemsAfter('framework/sources.yaml', (t) => t.replace(/- id: "004"[\s\S]*$/, ''));
		expect(p.length).toBeGreaterThan(0);
		expect(p.every((l) => /cites seed document 004, which framework\/sources\.yaml does not list/.test(l))).toBe(true);
	});
});
