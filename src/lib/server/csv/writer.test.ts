import { describe, expect, it } from 'vitest';
import { FORMULAS, csvRecords } from '../../../../tests/helpers/csv';
import { csvResponse, csvStream, keysetPages, type Cell } from './writer';

const text = (columns: string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>) =>
	new Response(csvStream({ columns, rows })).text();

describe('the CSV writer', () => {
	it('neutralises every text cell that a spreadsheet would read as a formula, and leaves other text as typed', async () => {
		const typed = [...FORMULAS, '\rleading CR', '＝1+1', 'Ama Mensah', 'a - b', "O'Brien"];
		const cells = csvRecords(
			await text(
				['value'],
				typed.map((v) => [v])
			)
		).map((r) => r.value);
		expect(cells).toEqual([
			...[...FORMULAS, '\rleading CR', '＝1+1'].map((f) => `'${f}`),
			'Ama Mensah',
			'a - b',
			"O'Brien"
		]);
	});

	it('writes numbers as numbers (a negative one is not neutralised) and nothing as an empty cell', async () => {
		expect(await text(['a', 'b', 'c', 'd'], [[-2, 0.5, null, '-2']])).toBe("a,b,c,d\n-2,0.5,,'-2\n");
	});

	it('keeps the files as they were: header row, quotes only where needed, \\n line endings, no BOM', async () => {
		const csv = await text(['name', 'note'], [['Nguyễn, A', 'said "hi"\nthen left']]);
		expect(csv).toBe('name,note\n"Nguyễn, A","said ""hi""\nthen left"\n');
		expect(await text(['only', 'header'], [])).toBe('only,header\n');
	});

	it('answers a download that is not cached, with a filename safe to put in a header', async () => {
		const r = csvResponse('vac-N"A T.csv', { columns: ['x'], rows: [[1]] });
		expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(r.headers.get('content-disposition')).toBe('attachment; filename="vac-N_A_T.csv"');
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(await r.text()).toBe('x\n1\n');
	});

	it('reads the row source only as the reader pulls, and stops it when the reader cancels', async () => {
		let produced = 0;
		let stopped = false;
		async function* rows() {
			try {
				for (let i = 0; i < 1_000_000; i++) {
					produced++;
					yield [`row ${i}`, 'x'.repeat(100)];
				}
			} finally {
				stopped = true;
			}
		}
		const reader = csvStream({ columns: ['a', 'b'], rows: rows() }).getReader();
		await reader.read();
		await new Promise((r) => setTimeout(r, 50)); // time for a push-based writer to run ahead
		// a few small buffers' worth (16 KiB of text, 16 rows queued), never the million rows
		expect(produced).toBeLessThan(1000);
		await reader.cancel();
		await new Promise((r) => setTimeout(r, 10));
		expect(stopped).toBe(true);
		expect(produced).toBeLessThan(1000);
	});

	it('a failing row source fails the download instead of ending it early as if complete', async () => {
		async function* rows() {
			yield ['fine'];
			throw new Error('database went away');
		}
		await expect(text(['a'], rows())).rejects.toThrow('database went away');
	});

	it('keyset pages: each round trip starts after the last row of the one before and stops on a short page', async () => {
		const all = Array.from({ length: 5 }, (_, i) => i);
		const calls: (number | undefined)[] = [];
		const pages = [];
		for await (const page of keysetPages(async (after: number | undefined, take) => {
			calls.push(after);
			return all.filter((x) => after === undefined || x > after).slice(0, take);
		}, 2))
			pages.push(page);
		expect(pages).toEqual([[0, 1], [2, 3], [4]]);
		expect(calls).toEqual([undefined, 1, 3]);
	});
});
