import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMultipart, readMultipart } from './multipart';

function posted(form: FormData) {
	return new Request('http://localhost/x', { method: 'POST', body: form });
}

describe('a multipart form read as a stream', () => {
	it('waits for the parser many times on a large file and leaves no listener behind', async () => {
		const warnings: string[] = [];
		const onWarning = (w: Error) => warnings.push(w.name);
		process.on('warning', onWarning);
		try {
			// a 9 MB file arriving in pieces of 64 KiB, as a slow upload does: the parser asks the pump to wait often
			const boundary = 'b0undary';
			const bytes = new TextEncoder().encode(
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
					`Content-Type: text/csv\r\n\r\n${'a,b,c\n'.repeat(1_500_000)}\r\n--${boundary}--\r\n`
			);
			let at = 0;
			const body = new ReadableStream<Uint8Array>({
				pull(c) {
					if (at >= bytes.length) return c.close();
					c.enqueue(bytes.subarray(at, (at += 65_536)));
				}
			});
			const request = new Request('http://localhost/x', {
				method: 'POST',
				body,
				headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
				duplex: 'half'
			} as RequestInit);
			const { form: read, cleanup } = await readMultipart(request);
			expect((read.get('file') as File).size).toBe(9_000_000);
			await cleanup();
			await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
		} finally {
			process.off('warning', onWarning);
		}
		expect(warnings).not.toContain('MaxListenersExceededWarning');
	});

	it('gives the fields as typed and each file backed by a temporary file, removed by cleanup', async () => {
		const form = new FormData();
		form.set('name', 'Amina Élodie 😀');
		form.append('tag', 'a');
		form.append('tag', 'b');
		const csv = 'code,name\n' + 'A1,Ward one\n'.repeat(100_000);
		form.set('file', new File([csv], 'areas é.csv', { type: 'text/csv' }));
		form.set('empty', new File([], ''));
		const request = posted(form);
		expect(isMultipart(request)).toBe(true);
		const { form: read, cleanup } = await readMultipart(request);
		expect(read.get('name')).toBe('Amina Élodie 😀');
		expect(read.getAll('tag')).toEqual(['a', 'b']);
		const file = read.get('file') as File;
		expect(file).toBeInstanceOf(File);
		expect([file.name, file.type, file.size]).toEqual(['areas é.csv', 'text/csv', csv.length]);
		expect(await file.text()).toBe(csv);
		expect((read.get('empty') as File).size).toBe(0);
		const before = fs.readdirSync(process.env.TMPDIR ?? '/tmp').filter((f) => f.startsWith('credo-upload-')).length;
		await cleanup();
		const after = fs.readdirSync(process.env.TMPDIR ?? '/tmp').filter((f) => f.startsWith('credo-upload-')).length;
		expect(before - after).toBe(2);
	});

	it('throws on a body that is not the multipart it claims to be, leaving no file behind', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
			body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nhalf a file'
		});
		await expect(readMultipart(request)).rejects.toThrow();
		expect(isMultipart(new Request('http://localhost/x', { method: 'POST', body: 'a=1' }))).toBe(false);
	});
});
