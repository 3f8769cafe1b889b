// What an import kind is: how a file of one kind (areas, organisations, child population, workforce) becomes a
// preview and then a change. Each domain defines its kind and registers it with `registerImport` (imports/run.ts);
// the runner does the rest the same way for every kind: the background job, the stored preview, the confirmation,
// the all-or-nothing commit under a per-jurisdiction lock, the progress bar and the audit entry.
//
// The commit plans the file again inside its own transaction and refuses when the plan differs from the preview the
// person confirmed (someone changed the records meanwhile): what was confirmed is exactly what is written.
import type { Tx } from '../db';
import type { SessionUser } from '../auth/session';
import type { RowProblem } from '$lib/import-problems';

/** What committing a row would do to the record it names. */
export type RowAction = 'add' | 'change' | 'unchanged';

/** One field a row changes, shown as old → new (null: empty). Values as people read them (codes and names). */
export interface FieldChange {
	field: string;
	from: string | null;
	to: string | null;
}

export interface PreviewRow {
	/** the file's line (1 = the header) */
	line: number;
	/** the row's key as written in the file (an area code, an organisation code, a national worker id, …) */
	key: string;
	/** a name to show beside the key, when there is one */
	label?: string;
	action: RowAction;
	/** for 'change': every field that changes */
	changes?: FieldChange[];
}

/** The outcome of reading a file against the records: rows, problems (any problem refuses the whole file) and the
 *  operations `apply` writes (only for rows to add or change). `Op` must survive JSON (it is not stored, but keep it
 *  plain data). */
export interface Plan<Op> {
	rows: PreviewRow[];
	problems: RowProblem[];
	ops: Op[];
}

export interface ImportColumn {
	name: string;
	required?: boolean;
	/** the values the column may hold, shown on the upload page */
	values?: readonly string[];
	example: string;
}

export interface ImportKind<Op = unknown> {
	/** 'areas' | 'organisations' | 'population' | 'workforce' */
	kind: string;
	/** may this person import this kind into this jurisdiction? (checked at upload, at confirmation and on the page) */
	allowed(user: SessionUser, jurisdictionId: string): boolean;
	columns: readonly ImportColumn[];
	maxRows: number;
	/** Reads the file and compares it with the records as they are seen through tx. Writes nothing. */
	plan(tx: Tx, jurisdictionId: string, text: string): Promise<Plan<Op>>;
	/**
	 * Writes the operations within tx (the runner's transaction, holding the kind's per-jurisdiction lock), in batches,
	 * calling `progress(done)` as it goes. Writes its own audit detail if it wants; the runner records the import.
	 */
	apply(
		tx: Tx,
		jurisdictionId: string,
		ops: Op[],
		ctx: { actorId: string; jobId: string; progress(done: number): Promise<void> }
	): Promise<void>;
}
