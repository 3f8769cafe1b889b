// A CSV import's row report: each problem has a line (1 = the header), a column and a code; the text is rendered
// in the reader's language when shown (background jobs have no reader).
import { m } from '$lib/paraglide/messages';

export type ProblemCode =
	| 'csv'
	| 'missing_columns'
	| 'unknown_columns'
	| 'too_many_rows'
	| 'empty'
	| 'required'
	| 'too_long'
	| 'date'
	| 'date_order'
	| 'choice'
	| 'boolean'
	| 'email'
	| 'duplicate'
	| 'unknown_area'
	| 'parent_area'
	| 'unknown_organisation'
	| 'whole_number'
	| 'year'
	| 'licence_taken'
	| 'nwid_conflict'
	| 'same_worker'
	| 'register_licence'
	| 'total_too_large'
	| 'unknown_parent'
	| 'area_cycle'
	| 'level_depth'
	| 'unknown_level'
	| 'future_date'
	| 'code_format'
	| 'level_taken'
	| 'not_clearable'
	| 'changed_since_preview'
	| 'unknown_provider'
	| 'unknown_programme'
	| 'worker_required'
	| 'unknown_worker'
	| 'worker_mismatch'
	| 'not_your_provider'
	| 'recorded_differently'
	| 'unexpected';

export interface RowProblem {
	line: number;
	column: string;
	code: ProblemCode;
	params?: Record<string, string | number>;
}

type P = Record<string, string | number>;
const TEXT: Record<ProblemCode, (p: P) => string> = {
	csv: (p) => m.workforce_err_csv({ detail: p.detail ?? '' }),
	missing_columns: (p) => m.workforce_err_missing_columns({ columns: p.columns ?? '' }),
	unknown_columns: (p) => m.workforce_err_unknown_columns({ columns: p.columns ?? '' }),
	too_many_rows: (p) => m.workforce_err_too_many_rows({ max: p.max ?? '' }),
	empty: () => m.workforce_err_empty(),
	required: () => m.workforce_err_required(),
	too_long: (p) => m.workforce_err_too_long({ max: p.max ?? '' }),
	date: () => m.workforce_err_date(),
	date_order: () => m.workforce_err_date_order(),
	choice: (p) => m.workforce_err_choice({ choices: p.choices ?? '' }),
	boolean: () => m.workforce_err_boolean(),
	email: () => m.workforce_err_email(),
	duplicate: (p) => m.workforce_err_duplicate({ line: p.line ?? '' }),
	unknown_area: (p) => m.workforce_err_unknown_area({ value: p.value ?? '' }),
	parent_area: (p) => m.workforce_err_parent_area({ value: p.value ?? '' }),
	unknown_organisation: (p) => m.workforce_err_unknown_organisation({ value: p.value ?? '' }),
	whole_number: (p) => m.workforce_err_whole_number({ min: p.min ?? '', max: p.max ?? '' }),
	year: (p) => m.workforce_err_year({ min: p.min ?? '', max: p.max ?? '' }),
	licence_taken: (p) => m.workforce_err_licence_taken({ value: p.value ?? '' }),
	nwid_conflict: (p) => m.workforce_err_nwid_conflict({ value: p.value ?? '' }),
	same_worker: (p) => m.workforce_err_same_worker({ line: p.line ?? '' }),
	register_licence: (p) => m.workforce_err_register_licence({ value: p.value ?? '' }),
	total_too_large: (p) => m.workforce_err_total_too_large({ max: p.max ?? '' }),
	unknown_parent: (p) => m.workforce_err_unknown_parent({ value: p.value ?? '' }),
	area_cycle: (p) => m.workforce_err_area_cycle({ value: p.value ?? '' }),
	level_depth: (p) => m.workforce_err_level_depth({ value: p.value ?? '', expected: p.expected ?? '' }),
	unknown_level: (p) => m.workforce_err_unknown_level({ value: p.value ?? '', levels: p.levels ?? '' }),
	future_date: (p) => m.workforce_err_future_date({ value: p.value ?? '' }),
	code_format: (p) => m.workforce_err_code_format({ max: p.max ?? '' }),
	level_taken: (p) => m.areas_err_level_taken({ value: p.value ?? '' }),
	not_clearable: () => m.workforce_err_not_clearable(),
	changed_since_preview: () => m.workforce_err_changed_since_preview(),
	unknown_provider: (p) => m.import_problem_unknown_provider({ value: p.value ?? '' }),
	unknown_programme: (p) => m.import_problem_unknown_programme({ value: p.value ?? '', provider: p.provider ?? '' }),
	worker_required: () => m.import_problem_worker_required(),
	unknown_worker: (p) => m.import_problem_unknown_worker({ value: p.value ?? '' }),
	worker_mismatch: (p) => m.import_problem_worker_mismatch({ value: p.value ?? '' }),
	not_your_provider: (p) => m.import_problem_not_your_provider({ value: p.value ?? '' }),
	recorded_differently: (p) => m.import_problem_recorded_differently({ value: p.value ?? '', fields: p.fields ?? '' }),
	unexpected: () => m.workforce_err_unexpected()
};

export function problemMessage(p: RowProblem): string {
	return (TEXT[p.code] ?? TEXT.unexpected)(p.params ?? {});
}
