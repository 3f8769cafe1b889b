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

/** The outcome of reading a file against the records, collected whole (small files, tests): rows, problems (any
 *  problem refuses the whole file) and the operations `apply` writes (only for rows to add or change). */
export interface Plan<Op> {
	rows: PreviewRow[];
	problems: RowProblem[];
	ops: Op[];
}

/**
 * Where a kind's `plan` reports as it reads: each row's outcome, each problem, each operation to write. The runner
 * keeps only what the preview shows (counts, a fingerprint, the first rows), so a national file is never held whole.
 * While previewing, operations are dropped; while committing, they are written (inside the commit's transaction)
 * when the kind calls `flush`, and at the end.
 */
export interface PlanOut<Op> {
	row(row: PreviewRow): void;
	op(op: Op): void;
	problem(problem: RowProblem): void;
	/** a problem was reported: the file is refused, and nothing more needs planning (problems are still welcome) */
	readonly refused: boolean;
	/** the operations reported so far may be written now (kinds that read a big file in chunks call it per chunk) */
	flush(): Promise<void>;
}

/** An uploaded file as a kind reads it: whole (a small file), or piece by piece (a big one, never held whole). */
export interface ImportInput {
	text(): Promise<string>;
	pieces(): AsyncIterable<string>;
}

/** A file already in memory (tests, small files). */
export function textInput(text: string): ImportInput {
	return {
		text: async () => text,
		async *pieces() {
			yield text;
		}
	};
}

/** A PlanOut that keeps everything: for kinds that plan a small file whole, and for tests. */
export function collector<Op>(): PlanOut<Op> & { plan: Plan<Op> } {
	const plan: Plan<Op> = { rows: [], problems: [], ops: [] };
	return {
		plan,
		row: (r) => void plan.rows.push(r),
		op: (o) => void plan.ops.push(o),
		problem: (p) => void plan.problems.push(p),
		get refused() {
			return plan.problems.length > 0;
		},
		flush: async () => {}
	};
}

/** Who uploaded the file: a kind whose rows depend on the person (a provider may record only its own
 *  programmes' certificates) reads their roles from it. */
export interface ImportBy {
	userId: string;
}

/** Runs a kind's plan and answers it whole (tests, small files). */
export async function collectPlan<Op>(
	kind: ImportKind<Op>,
	tx: Tx,
	jurisdictionId: string,
	text: string,
	by: ImportBy = { userId: '00000000-0000-0000-0000-000000000000' }
) {
	const out = collector<Op>();
	await kind.plan(tx, jurisdictionId, textInput(text), out, by);
	return out.plan;
}

/** For a kind that plans its (small) file whole: reports the plan's rows, problems and operations. */
export function reported<Op>(planWhole: (tx: Tx, jurisdictionId: string, text: string) => Promise<Plan<Op>>) {
	return async (tx: Tx, jurisdictionId: string, input: ImportInput, out: PlanOut<Op>) => {
		const plan = await planWhole(tx, jurisdictionId, await input.text());
		for (const p of plan.problems) out.problem(p);
		for (const r of plan.rows) out.row(r);
		for (const o of plan.ops) out.op(o);
	};
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
	/** Reads the file and compares it with the records as they are seen through tx, reporting to `out` as it goes.
	 *  Writes nothing itself (while committing, the runner writes what it reports, through `apply`). */
	plan(tx: Tx, jurisdictionId: string, input: ImportInput, out: PlanOut<Op>, by: ImportBy): Promise<void>;
	/**
	 * Writes operations within tx (the runner's transaction, holding the kind's per-jurisdiction lock), in batches,
	 * calling `progress(done)` as it goes (done: of these ops). Called once per `flush` with what was reported since,
	 * and once at the end. Writes its own audit detail if it wants; the runner records the import.
	 */
	apply(
		tx: Tx,
		jurisdictionId: string,
		ops: Op[],
		ctx: { actorId: string; jobId: string; progress(done: number): Promise<void> }
	): Promise<void>;
}
