// Reading an uploaded CSV for an import: the header is checked against the known columns (a misspelt column is a
// problem, not silently ignored) and every record keeps the line it started on, for the row report.
import { parse, type Options } from 'csv-parse/sync';
import type { RowProblem } from '$lib/import-problems';

export interface CsvRecord {
	line: number;
	cells: Record<string, string>;
}

export function readCsv(
	text: string,
	columns: { name: string; required?: boolean }[],
	maxRows: number
): { records: CsvRecord[]; problems: RowProblem[]; header: string[] } {
	// each record becomes { line, cells } as it is parsed (no per-record parser info kept: a national file has
	// 200,000 records); the header row is kept aside
	let header: string[] = [];
	let records: CsvRecord[];
	let index: number[] = [];
	try {
		records = parse(text, {
			bom: true,
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true,
			max_record_size: 100_000,
			// csv-parse's types expect a record back; any value is allowed (and kept as it is)
			on_record: ((record: string[], context: { lines: number; records: number }) => {
				if (context.records === 1) {
					header = record.map((h) => h.toLowerCase());
					index = columns.map((c) => header.indexOf(c.name));
					return null;
				}
				// the line a record starts on: where it ends, less the line breaks inside its quoted cells
				let breaks = 0;
				for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
				const cells: Record<string, string> = {};
				for (let i = 0; i < columns.length; i++) cells[columns[i].name] = index[i] < 0 ? '' : (record[index[i]] ?? '');
				return { line: context.lines - breaks, cells };
			}) as unknown as Options['on_record']
		}) as unknown as CsvRecord[];
	} catch (e) {
		const detail = (e as Error).message.split('\n')[0].slice(0, 200);
		return {
			records: [],
			problems: [{ line: (e as { lines?: number }).lines ?? 1, column: '', code: 'csv', params: { detail } }],
			header: []
		};
	}
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
	if (!problems.length && !records.length) problems.push({ line: 1, column: '', code: 'empty' });
	if (records.length > maxRows) problems.push({ line: 1, column: '', code: 'too_many_rows', params: { max: maxRows } });
	if (problems.length) return { records: [], problems, header };
	return { records, problems, header };
}
