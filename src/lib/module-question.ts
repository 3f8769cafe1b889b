// One question of a module's bank as the editor holds it (issue 22): shared by the server's form reading
// (authoring/editor-form.ts, authoring/compose.ts) and the page's question-bank editor, so a question added with
// JavaScript and one added by posting the form start the same.

export interface QuestionForm {
	id: string;
	type: 'single' | 'multiple';
	prompt: string;
	options: { text: string; correct: boolean }[];
	feedback: string;
	/** the slug of the body heading where the idea is taught, or '' */
	section: string;
}

/** A new question: single choice, two empty options. */
export function emptyQuestion(): QuestionForm {
	return {
		id: '',
		type: 'single',
		prompt: '',
		options: [
			{ text: '', correct: false },
			{ text: '', correct: false }
		],
		feedback: '',
		section: ''
	};
}
