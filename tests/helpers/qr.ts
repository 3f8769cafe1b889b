// Reads the QR code printed on a PDF page: pdftoppm renders it, jsQR decodes the pixels.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function qrFromPdf(pdfFile: string): string | null {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-qr-'));
	execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfFile, path.join(dir, 'page')]);
	const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
	const found = jsQR(
		new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
		png.width,
		png.height
	);
	return found?.data ?? null;
}

export function pdfText(pdfFile: string): string {
	return execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
}
