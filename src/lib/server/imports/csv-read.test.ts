import { describe, expect, it } from 'vitest';
import type { RowProblem } from '$lib/import-problems';
import { readCsv, readCsvChunks } from './csv-read';

const COLUMNS = [{ name: 'code', required: true }, { name: 'name' }];

async function chunks(text: string, maxRows = 100, size = 2) {
	const problems: RowProblem[] = [];
	const got: number[][] = [];
	for await (const { records } of readCsvChunks(text, COLUMNS, maxRows, size, (p) => problems.push(p)))
		got.push(records.map((r) => r.line));
	return { got, problems: problems.map((p) => [p.line, p.code]) };
}

describe('reading an import file in chunks', () => {
	it('hands the records over in chunks, each with the line it starts on, as the whole-file reader reads them', async () => {
		const text = 'code,name\nA,"two\nlines"\nB,b\n\nC,c\nD,d\nE,e';
		expect(await chunks(text)).toEqual({
			got: [[2, 4], [6, 7], [8]],
			problems: []
		});
		expect(readCsv(text, COLUMNS, 100).records.map((r) => r.line)).toEqual([2, 4, 6, 7, 8]);
	});

	it('refuses the file itself as the whole-file reader does: header, empty, too many rows, broken quoting', async () => {
		const whole = (text: string, max = 100) => readCsv(text, COLUMNS, max).problems.map((p) => [p.line, p.code]);
		for (const [text, max] of [
			['name,colour\nx,y', 100],
			['code,name', 100],
			['', 100],
			['code\nA\nB\nC', 2],
			['code,name\nA,"open\nB,b', 100]
		] as const) {
			const read = await chunks(text, max);
			expect(read.problems, text).toEqual(whole(text, max));
			expect(read.problems.length, text).toBeGreaterThan(0);
		}
	});
});

describe('reading an import file in chunks, when it ends early', () => {
	it('a big file with a wrong header is refused at once, the rest never read', async () => {
		const text = `name,colour\n${'x,y\n'.repeat(1_000_000)}`; // 4 MiB: more than the parser takes at a time
		expect(await chunks(text)).toEqual({
			got: [],
			problems: [
				[1, 'missing_columns'],
				[1, 'unknown_columns']
			]
		});
	});

	it('a file that cannot be read is an error, not a problem of the file', async () => {
		async function* failing() {
			yield 'code,name\nA,a\n';
			throw new Error('connection lost');
		}
		await expect(async () => {
			for await (const chunk of readCsvChunks(failing(), COLUMNS, 100, 1, () => {})) void chunk;
		}).rejects.toThrow('connection lost');
	});
});
