// Reading an uploaded CSV for an import: the header is checked against the known columns (a misspelt column is a
// problem, not silently ignored) and every record keeps the line it started on, for the row report. Two drivers of
// one parser setup: `readCsv` reads a small file whole; `readCsvChunks` hands a big one over in chunks as it is
// parsed, so a national file (200,000 rows) is never held as records all at once.
import { parse as parseSync } from 'csv-parse/sync';
import { parse, type Options } from 'csv-parse';
import type { RowProblem } from '$lib/import-problems';

export interface CsvRecord {
	line: number;
	cells: Record<string, string>;
}

type Columns = readonly { name: string; required?: boolean }[];

/** csv-parse's options for every import; `onRecord` receives each record (the header included) with its context. */
function options(onRecord: (record: string[], context: { lines: number; records: number }) => unknown): Options {
	return {
		bom: true,
		skip_empty_lines: true,
		relax_column_count: true,
		trim: true,
		max_record_size: 100_000,
		// csv-parse's types expect a record back; any value is allowed (and kept as it is)
		on_record: onRecord as unknown as Options['on_record']
	};
}

/** Turns parsed records into { line, cells }, the header row kept aside. */
function recordReader(columns: Columns) {
	const state = { header: [] as string[] };
	let index: number[] = [];
	const onRecord = (record: string[], context: { lines: number; records: number }): CsvRecord | null => {
		if (context.records === 1) {
			state.header = record.map((h) => h.toLowerCase());
			index = columns.map((c) => state.header.indexOf(c.name));
			return null;
		}
		// the line a record starts on: where it ends, less the line breaks inside its quoted cells
		let breaks = 0;
		for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
		const cells: Record<string, string> = {};
		for (let i = 0; i < columns.length; i++) cells[columns[i].name] = index[i] < 0 ? '' : (record[index[i]] ?? '');
		return { line: context.lines - breaks, cells };
	};
	return { state, onRecord };
}

function headerProblems(header: string[], columns: Columns): RowProblem[] {
	const known = new Set(columns.map((c) => c.name));
	const missing = columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
	const unknown = header.filter((h) => !known.has(h));
	const problems: RowProblem[] = [];
	if (missing.length)
		problems.push({
			line: 1,
			column: missing.join(', '),
			code: 'missing_columns',
			params: { columns: missing.join(', ') }
		});
	if (unknown.length)
		problems.push({
			line: 1,
			column: unknown.join(', '),
			code: 'unknown_columns',
			params: { columns: unknown.join(', ') }
		});
	return problems;
}

const csvProblem = (e: unknown): RowProblem => ({
	line: (e as { lines?: number }).lines ?? 1,
	column: '',
	code: 'csv',
	params: { detail: (e as Error).message.split('\n')[0].slice(0, 200) }
});
const tooMany = (maxRows: number): RowProblem => ({
	line: 1,
	column: '',
	code: 'too_many_rows',
	params: { max: maxRows }
});

/** A small file, whole. Any problem of the file itself (header, CSV syntax, size) comes back with no records. */
export function readCsv(
	text: string,
	columns: Columns,
	maxRows: number
): { records: CsvRecord[]; problems: RowProblem[]; header: string[] } {
	const { state, onRecord } = recordReader(columns);
	let records: CsvRecord[];
	try {
		records = parseSync(text, options(onRecord)) as unknown as CsvRecord[];
	} catch (e) {
		return { records: [], problems: [csvProblem(e)], header: [] };
	}
	const problems = headerProblems(state.header, columns);
	if (!problems.length && !records.length) problems.push({ line: 1, column: '', code: 'empty' });
	if (records.length > maxRows) problems.push(tooMany(maxRows));
	return { records: problems.length ? [] : records, problems, header: state.header };
}

/**
 * A big file in chunks of `size` records, as it is parsed. `header` is known once the first chunk arrives. A problem
 * of the file itself (header, CSV syntax, too many rows, empty) is handed to `problem` and ends the reading; chunks
 * already handed over stay valid.
 */
export async function* readCsvChunks(
	input: string | AsyncIterable<string>,
	columns: Columns,
	maxRows: number,
	size: number,
	problem: (p: RowProblem) => void
): AsyncGenerator<{ records: CsvRecord[]; header: string[] }> {
	const { state, onRecord } = recordReader(columns);
	const parser = parse(options(onRecord));
	// the text goes in by pieces, as fast as the parser takes them
	const PIECE = 1 << 20;
	async function* piecesOf(text: string) {
		for (let i = 0; i < text.length; i += PIECE) yield text.slice(i, i + PIECE);
	}
	let readError: unknown;
	const feeding = (async () => {
		for await (const piece of typeof input === 'string' ? piecesOf(input) : input) {
			if (parser.destroyed) return;
			// wait until the parser takes more, or is closed (the reading ended early: a problem of the file)
			if (!parser.write(piece))
				await new Promise<void>((resolve) => {
					const go = () => {
						parser.off('drain', go);
						parser.off('close', go);
						resolve();
					};
					parser.on('drain', go);
					parser.on('close', go);
				});
		}
		parser.end();
	})().catch((e) => {
		// the file could not be read (not a problem of the file): ends the parser, thrown by the loop below
		readError = e;
		parser.destroy();
	});
	let chunk: CsvRecord[] = [];
	let count = 0;
	let checked = false;
	try {
		for await (const record of parser as AsyncIterable<CsvRecord>) {
			if (!checked) {
				checked = true;
				const bad = headerProblems(state.header, columns);
				if (bad.length) return bad.forEach(problem);
			}
			if (++count > maxRows) return problem(tooMany(maxRows));
			chunk.push(record);
			if (chunk.length === size) {
				yield { records: chunk, header: state.header };
				chunk = [];
			}
		}
	} catch (e) {
		if (readError) throw readError;
		return problem(csvProblem(e)); // a parse error (csv-parse's message and line)
	} finally {
		parser.destroy();
		await feeding;
	}
	if (readError) throw readError;
	if (!checked) {
		// no record: a header alone, or nothing at all
		const bad = headerProblems(state.header, columns);
		return (bad.length ? bad : [{ line: 1, column: '', code: 'empty' as const }]).forEach(problem);
	}
	if (chunk.length) yield { records: chunk, header: state.header };
}
