// A private copy of content/ that a test may edit, with the app pointed at it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/lib/server/content/load';

export function copyContent(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-content-'));
	fs.cpSync('content', dir, { recursive: true });
	return dir;
}

export function moduleFile(dir: string, id: string): string {
	const track = fs
		.readdirSync(path.join(dir, 'modules'))
		.find((t) => fs.existsSync(path.join(dir, 'modules', t, `${id}.md`)))!;
	return path.join(dir, 'modules', track, `${id}.md`);
}

type Q = { id: string; type: string; options: { text: string; correct?: boolean }[] };

/** The authored questions of a module, for tests that must answer right (or wrong) on purpose. */
export function questionsOf(file: string): Q[] {
	const fm = parse(splitFrontMatter(fs.readFileSync(file, 'utf8'))!.fm) as { assessment: { questions: Q[] } };
	return fm.assessment.questions;
}

/** Form entries answering the drawn questions, all right or all wrong. */
export function answerEntries(file: string, drawn: string[], right: boolean): [string, string][] {
	const qs = questionsOf(file);
	return drawn.flatMap((qid) => {
		const q = qs.find((x) => x.id === qid)!;
		const ids = q.options.map((o, i) => ({ id: `${qid}.${i + 1}`, correct: o.correct === true }));
		const pick = right ? ids.filter((o) => o.correct) : [ids.find((o) => !o.correct)!];
		return pick.map((o) => [`q.${qid}`, o.id] as [string, string]);
	});
}
