import { describe, expect, it } from 'vitest';
import { previewOf, uploadedCsv } from './run';

describe('an uploaded CSV', () => {
	it('is refused beside the file field when missing, empty, over the size limit or not text', async () => {
		const file = (part: string | ArrayBuffer) => new File([part], 'x.csv', { type: 'text/csv' });
		for (const bad of [
			null,
			file(''),
			file('a,b\n1,2\n'.repeat(200)),
			file('a\u0000b'),
			file(new Uint8Array([0xff, 0xfe, 0x41]).buffer as ArrayBuffer)
		])
			await expect(uploadedCsv(bad, 1000)).rejects.toMatchObject({ status: 400, fields: { file: expect.any(String) } });
		expect(await uploadedCsv(file('code,name\nA,=SUM(1)\n'), 1000)).toBe('code,name\nA,=SUM(1)\n');
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
