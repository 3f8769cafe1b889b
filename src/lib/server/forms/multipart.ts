// Reading a posted multipart form without holding its files in memory: busboy parses the body as it arrives, each file
// is written to a temporary file as it streams in, and the form hands the action a File backed by that file on disk
// (fs.openAsBlob). A national workforce file (27 MiB) read with request.formData() was held three times at once (the
// body, the form's File, its text); read this way the server holds a few buffers of it.
import busboy from 'busboy';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';

/** A form read from a multipart body, and the temporary files to remove once the action has answered. */
export interface SpooledForm {
	form: FormData;
	cleanup: () => Promise<void>;
}

export function isMultipart(request: Request): boolean {
	return (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** Reads a multipart body; throws when it is not one (the caller answers with an empty form). */
export async function readMultipart(request: Request): Promise<SpooledForm> {
	const paths: string[] = [];
	const cleanup = async () => {
		await Promise.all(paths.map((p) => fs.promises.rm(p, { force: true })));
	};
	if (!request.body) throw new Error('no body');
	const headers = Object.fromEntries(request.headers);
	const parser = busboy({ headers, defParamCharset: 'utf8', limits: { files: 20, fields: 1000 } });
	const entries: Promise<[string, string | File]>[] = [];
	parser.on('field', (name, value) => entries.push(Promise.resolve([name, value])));
	parser.on('file', (name, stream, info) => {
		const file = path.join(os.tmpdir(), `credo-upload-${randomUUID()}`);
		paths.push(file);
		entries.push(
			pipeline(stream, fs.createWriteStream(file)).then(async () => {
				const blob = await fs.openAsBlob(file, { type: info.mimeType });
				return [name, new File([blob], info.filename ?? '', { type: info.mimeType })];
			})
		);
	});
	// The body is pumped into the parser by hand: when the parser fails part-way (a malformed part header), the rest
	// of the body is still read and dropped, so the answer is not overtaken by a connection reset (found by the fuzz
	// tests: a 270 kB form with a control character in a field name reset the connection twice in a row).
	const reader = (request.body as WebStream<Uint8Array>).getReader();
	const source = new PassThrough();
	const pump = (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (source.destroyed) continue; // the parser failed: drop the rest
			if (!source.write(value)) await drainedOrClosed(source); // an error closes it too
		}
		if (!source.destroyed) source.end();
	})();
	try {
		await pipeline(source, parser).finally(() => pump.catch(() => {}));
		await pump;
		const form = new FormData();
		for (const [name, value] of await Promise.all(entries)) form.append(name, value);
		return { form, cleanup };
	} catch (e) {
		await pump.catch(() => {});
		await Promise.allSettled(entries);
		await cleanup();
		throw e;
	}
}

/** Waits until `stream` drains or closes, leaving no listener behind (a 27 MiB upload waits thousands of times). */
async function drainedOrClosed(stream: PassThrough) {
	const done = new AbortController();
	const settled = (p: Promise<unknown>) => p.catch(() => {});
	await Promise.race([
		settled(once(stream, 'drain', { signal: done.signal })),
		settled(once(stream, 'close', { signal: done.signal }))
	]);
	done.abort();
}
