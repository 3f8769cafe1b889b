import { describe, expect, it } from 'vitest';
import { previewOf } from './run';
import { PIECE_CHARS, textPieces } from './upload-store';
import { uploadedFile } from '../forms/upload';

const file = (part: string | ArrayBuffer) => new File([part], 'x.csv', { type: 'text/csv' });
const formWith = (f: File | null) => {
	const form = new FormData();
	if (f) form.set('file', f);
	return form;
};
async function piecesOf(f: Blob) {
	const pieces: string[] = [];
	for await (const p of textPieces(f)) pieces.push(p);
	return pieces;
}

describe('an uploaded CSV', () => {
	it('is refused beside the file field when missing, empty or over the size limit', () => {
		for (const bad of [null, file(''), file('a,b\n1,2\n'.repeat(200))])
			expect(() => uploadedFile(formWith(bad), 'file', 1000)).toThrow(
				expect.objectContaining({ status: 400, fields: { file: expect.any(String) } })
			);
		const ok = file('code,name\nA,=SUM(1)\n');
		expect(uploadedFile(formWith(ok), 'file', 1000)).toBe(ok);
	});

	it('is refused beside the file field as it is stored when it is not UTF-8 text', async () => {
		for (const bad of [
			file('a\u0000b'),
			file('a\ufffdb'),
			file(new Uint8Array([0xff, 0xfe, 0x41]).buffer as ArrayBuffer),
			// the bad byte far into the file, after whole pieces were read
			new Blob(['x'.repeat(PIECE_CHARS * 2), new Uint8Array([0xc3, 0x28])])
		])
			await expect(piecesOf(bad)).rejects.toMatchObject({ status: 400, fields: { file: expect.any(String) } });
	});

	it('is stored in pieces that join to the file, never splitting a character', async () => {
		const text = 'é'.repeat(PIECE_CHARS - 1) + '😀' + 'code,name\nA,=SUM(1)\n'.repeat(50_000);
		const pieces = await piecesOf(file(text));
		expect(pieces.length).toBeGreaterThan(1);
		expect(pieces.join('')).toBe(text);
		for (const p of pieces) expect(p).not.toMatch(/[\ud800-\udbff]$/);
		expect(await piecesOf(file('a,b\n'))).toEqual(['a,b\n']);
	});
});

describe('the preview of a plan', () => {
	it('counts each action, refused rows once however many problems they have, and fingerprints the rows', async () => {
		const rows = [
			{ line: 2, key: 'A', action: 'add' as const },
			{ line: 3, key: 'B', action: 'change' as const, changes: [{ field: 'name', from: 'b', to: 'B' }] },
			{ line: 4, key: 'C', action: 'unchanged' as const }
		];
		const problems = [
			{ line: 5, column: 'code', code: 'required' as const },
			{ line: 5, column: 'name', code: 'too_long' as const },
			{ line: 6, column: 'code', code: 'duplicate' as const }
		];
		const p = await previewOf({ rows, problems, ops: [] });
		// a refused file shows its refused rows only
		expect(p.counts).toEqual({ add: 0, change: 0, unchanged: 0, refused: 2 });
		expect(p.rows).toEqual([]);
		const ok = await previewOf({ rows, problems: [], ops: [] });
		expect(ok.counts).toEqual({ add: 1, change: 1, unchanged: 1, refused: 0 });
		expect(ok.rows.map((r) => r.key)).toEqual(['A', 'B']);
		const changed = await previewOf({
			rows: [rows[0], { ...rows[1], changes: [{ field: 'name', from: 'b', to: 'C' }] }, rows[2]],
			problems,
			ops: []
		});
		expect(changed.fingerprint).not.toBe(p.fingerprint);
		expect((await previewOf({ rows, problems: [], ops: [] })).fingerprint).toBe(p.fingerprint);
	});
});
