// The editor page's form, field by field: the posted fields (named as checkDraft names them — `title`,
// `sources.2.ref`, `questions.0.options.1.text` …) read back into a ModuleForm, the buttons that add or remove a
// question, an option or a source (they work without JavaScript: the page posts and comes back with one more row),
// and the problems sorted into what shows beside a field, at a body line, or at the top. Pure: no database.
import type { ModuleForm, QuestionForm as Question } from './compose';
import type { DraftProblem } from './check';
import { emptyQuestion } from '$lib/module-question';

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** How many rows `prefix.N.…` the form holds (the highest N seen, plus one). */
function rows(form: FormData, prefix: string): number {
	let n = 0;
	const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,3})\\.`);
	for (const key of form.keys()) {
		const hit = re.exec(key);
		if (hit) n = Math.max(n, Number(hit[1]) + 1);
	}
	return n;
}

/** The ModuleForm the editor posted. The id and the provider are the draft's own (`fixed`), never taken from the post. */
export function formFromFields(form: FormData, fixed: { id: string; provider: string }): ModuleForm {
	const questions: Question[] = [];
	for (let i = 0; i < rows(form, 'questions'); i++) {
		const q = `questions.${i}`;
		const options = [];
		for (let j = 0; j < rows(form, `${q}.options`); j++)
			options.push({
				text: text(form, `${q}.options.${j}.text`),
				correct: form.get(`${q}.options.${j}.correct`) === 'on'
			});
		questions.push({
			id: text(form, `${q}.id`),
			type: text(form, `${q}.type`) === 'multiple' ? 'multiple' : 'single',
			prompt: text(form, `${q}.prompt`),
			options,
			feedback: text(form, `${q}.feedback`),
			section: text(form, `${q}.section`)
		});
	}
	const sources = [];
	for (let i = 0; i < rows(form, 'sources'); i++)
		sources.push({ ref: text(form, `sources.${i}.ref`), note: text(form, `sources.${i}.note`) });
	return {
		...fixed,
		version: text(form, 'version'),
		title: text(form, 'title'),
		track: text(form, 'track'),
		level: text(form, 'level'),
		competencies: form.getAll('competencies').filter((c): c is string => typeof c === 'string' && c !== ''),
		credits: text(form, 'credits'),
		creditCategory: text(form, 'creditCategory'),
		minutes: text(form, 'minutes'),
		sources,
		passMark: text(form, 'passMark'),
		draw: text(form, 'draw'),
		attemptsPerDay: text(form, 'attemptsPerDay'),
		questions,
		body: text(form, 'body').replace(/\r\n/g, '\n')
	};
}

/**
 * A button of the form (`op`): `addQuestion`, `removeQuestion:2`, `addOption:1`, `removeOption:1:3`, `addSource`,
 * `removeSource:0`. Anything else (or an index out of range) changes nothing.
 */
export function applyOp(form: ModuleForm, op: string): ModuleForm {
	const [name, a, b] = op.split(':');
	const i = Number(a);
	const j = Number(b);
	const questions = form.questions.map((q) => ({ ...q, options: [...q.options] }));
	const sources = [...form.sources];
	const q = Number.isInteger(i) ? questions[i] : undefined;
	if (name === 'addQuestion') questions.push(emptyQuestion());
	else if (name === 'removeQuestion' && q) questions.splice(i, 1);
	else if (name === 'addOption' && q) q.options.push({ text: '', correct: false });
	else if (name === 'removeOption' && q && Number.isInteger(j) && q.options[j]) q.options.splice(j, 1);
	else if (name === 'addSource') sources.push({ ref: '', note: '' });
	else if (name === 'removeSource' && Number.isInteger(i) && sources[i]) sources.splice(i, 1);
	return { ...form, questions, sources };
}

/** The form a new module starts from: what the person chose on the first page, the rest for them to fill in. */
export function startingForm(start: { id: string; title: string; track: string; provider: string }): ModuleForm {
	return {
		...start,
		version: '1.0.0',
		level: '',
		competencies: [],
		credits: '',
		creditCategory: '',
		minutes: '',
		sources: [{ ref: '', note: '' }],
		passMark: '70',
		draw: '',
		attemptsPerDay: '3',
		questions: [emptyQuestion()],
		body: `# ${start.title}\n\n## \n`
	};
}

/** `<id>-copy`, or `<id>-copy-2`, `-3` … the first one not taken. */
export function copyId(id: string, taken: (candidate: string) => boolean): string {
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? `${id}-copy` : `${id}-copy-${n}`;
		if (!taken(candidate)) return candidate;
	}
}

/**
 * The problems sorted for the page: the first message per field (beside it), every body problem at its line (a lint
 * mark), and the rest (a problem of the file as a whole) for the summary at the top. A field the form does not show
 * as such (`questions.1.options.0`) is given to its nearest shown parent (`questions.1.options`).
 */
export function sortProblems(problems: DraftProblem[], shown: (field: string) => boolean) {
	const fields: Record<string, string> = {};
	const lines: { line: number; message: string }[] = [];
	const general: string[] = [];
	for (const p of problems) {
		if (p.bodyLine !== null) lines.push({ line: p.bodyLine, message: p.message });
		else if (p.field !== null) {
			let field: string | null = p.field;
			while (field && !shown(field)) field = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : null;
			if (field && !(field in fields)) fields[field] = p.message;
			else if (field) fields[field] += ` ${p.message}`;
			else general.push(p.message);
		} else general.push(p.message);
	}
	return { fields, lines, general };
}

/** The fields the editor shows a message beside (any other path is given to its parent). */
export function shownField(field: string): boolean {
	if (
		/^(title|track|level|competencies|credits|creditCategory|minutes|sources|passMark|draw|attemptsPerDay|questions|body)$/.test(
			field
		)
	)
		return true;
	if (/^sources\.\d+\.(ref|note)$/.test(field)) return true;
	return /^questions\.\d+(\.(prompt|options|feedback|section|type))?$/.test(field);
}
