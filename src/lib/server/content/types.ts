/** A name or description in another language: `title_fr`, `description_fr` beside the English `title`, `description`. */
export type Translations = { [key: `${'title' | 'description'}_${string}`]: string | undefined };

export interface Track extends Translations {
	id: string;
	prefix: string;
	title: string;
	description: string;
	sources: string[];
}

export interface Level extends Translations {
	id: string;
	rank: number;
	title: string;
	description: string;
	sources: string[];
}

export interface CreditCategory extends Translations {
	id: string;
	title: string;
}

export interface Competency extends Translations {
	id: string;
	track: string;
	title: string;
	description: string;
	knowledge: string[];
	skills: string[];
	values: string[];
	levels: string[];
	sources: string[];
}

export interface Option {
	id: string; // "<question id>.<index>", stable within a module version
	text: string;
	correct: boolean;
}

export interface Question {
	id: string;
	type: 'single' | 'multiple';
	prompt: string;
	options: Option[];
	/** the idea to revisit, shown after a failed attempt without saying which options were keyed */
	feedback: string;
	/** the slug of the module's heading where the idea is taught (the result page links to it) */
	section?: string;
}

export interface Assessment {
	passMark: number;
	draw: number;
	attemptsPerDay: number;
	questions: Question[];
}

export interface Module {
	id: string;
	version: string;
	title: string;
	track: string;
	level: string;
	competencies: string[];
	credits: number;
	creditCategory: string;
	minutes: number;
	provider: string;
	reviewer: string | null;
	reviewedOn: string | null;
	sources: { ref: string; note: string }[];
	assessment: Assessment;
	body: string;
	words: number;
	file: string;
	/** sha-256 of the file: the module version learners are credited against */
	hash: string;
	/** a module without a recorded review is a draft */
	draft: boolean;
	/** the file line the Markdown body starts on */
	bodyLine: number;
	/** a module written in the browser: its published version number (authoring/published.ts) */
	authored?: { number: number };
}

export interface FrameworkInfo extends Translations {
	title: string;
	version: string;
	publisher: string;
	creator: string;
	language: string;
	lastChangeDateTime: string;
	description: string;
}

/** A seed document citations point into: "002:247" cites document "002". */
export interface SourceDocument extends Translations {
	id: string;
	title: string;
}

export interface Framework {
	info: FrameworkInfo;
	tracks: Track[];
	levels: Level[];
	categories: CreditCategory[];
	competencies: Competency[];
	documents: SourceDocument[];
}

export interface Content {
	framework: Framework;
	modules: Module[];
}

export interface Problem {
	file: string;
	line: number;
	message: string;
	/** when the YAML parser found it: its error code (problem-messages.ts says any of them in the reader's words) */
	yamlCode?: string;
}
