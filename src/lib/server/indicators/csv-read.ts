// Reading an uploaded CSV for an import: the header is checked against the known columns (a misspelt column is a
// problem, not silently ignored) and every record keeps the line it started on, for the row report.
import { parse } from 'csv-parse/sync';
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
	let parsed: { record: string[]; info: { lines: number } }[];
	try {
		parsed = parse(text, {
			bom: true,
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true,
			info: true,
			max_record_size: 100_000
		}) as unknown as typeof parsed;
	} catch (e) {
		const detail = (e as Error).message.split('\n')[0].slice(0, 200);
		return {
			records: [],
			problems: [{ line: (e as { lines?: number }).lines ?? 1, column: '', code: 'csv', params: { detail } }],
			header: []
		};
	}
	const [head, ...body] = parsed;
	const header = (head?.record ?? []).map((h) => h.toLowerCase());
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
	if (!problems.length && !body.length) problems.push({ line: 1, column: '', code: 'empty' });
	if (body.length > maxRows) problems.push({ line: 1, column: '', code: 'too_many_rows', params: { max: maxRows } });
	if (problems.length) return { records: [], problems, header };
	// the line a record starts on: where it ends, less the line breaks inside its quoted cells
	const records = body.map(({ record, info }) => ({
		line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
		cells: Object.fromEntries(
			columns.map((c) => [c.name, header.includes(c.name) ? (record[header.indexOf(c.name)] ?? '') : ''])
		)
	}));
	return { records, problems, header };
}
