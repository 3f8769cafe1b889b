// The one CSV writer: every export's bytes come from here. Quoting and formula neutralisation are csv-stringify's
// (`escape_formulas`, the OWASP advice): a text cell starting with = + - @ tab or CR, or their full-width forms, gets
// a leading `'` so a spreadsheet shows it as text, while the stored value stays as typed. Only strings are
// neutralised: a number passed as a number (a negative total) stays a number, so pass numbers as numbers.
// Files look as they always have: a header row, `\n` line endings, no BOM, UTF-8.
//
// The body is a web ReadableStream driven by `pull`: a row source is read (and so the database queried) only when
// the client has taken what was sent, so a slow reader holds the export back instead of making the server buffer.
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';

/** A cell: text (neutralised), a number (written as is) or nothing (an empty cell). */
export type Cell = string | number | null;

/** An export: its header and its rows, in memory (a small report) or produced page by page (a table). */
export interface CsvTable {
	columns: readonly string[];
	rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

export function csvStream(table: CsvTable): ReadableStream<Uint8Array> {
	// Readable.from asks the row source for more only when the stringifier has room, and pipeline passes an error or
	// a cancel along the chain (ending the source's generator, whose `finally` runs)
	const csv = pipeline(
		Readable.from(table.rows),
		stringify({ header: true, columns: [...table.columns], escape_formulas: true }),
		() => {} // errors surface through the iterator below
	);
	const chunks = csv[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await chunks.next();
			if (done) controller.close();
			else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
		},
		async cancel() {
			await chunks.return?.();
		}
	});
}

/** The download: a filename of letters, digits, dots, dashes and underscores only (it goes into a header). */
export function csvResponse(filename: string, table: CsvTable): Response {
	return new Response(csvStream(table), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
			'Cache-Control': 'no-store'
		}
	});
}

/** Rows of a table read in pages of `take` in key order (`after` is the last row of the page before), so each round
 *  trip is an index range scan and only one page is held at a time. */
export async function* keysetPages<T>(
	load: (after: T | undefined, take: number) => Promise<T[]>,
	take = 2000
): AsyncGenerator<T[]> {
	let after: T | undefined;
	for (;;) {
		const page = await load(after, take);
		if (page.length) yield page;
		if (page.length < take) return;
		after = page.at(-1);
	}
}
