// The certificate as a one-page A4 landscape PDF, drawn with pdfkit. All fixed wording comes in through `labels`
// and dates through `formatDate`, so the caller chooses the language. Text is real text in embedded (subset)
// DejaVu Sans, so it can be searched, copied and read by screen readers and pdftotext.
//
// Everything is placed at fixed positions with an explicit width and height: pdfkit only starts a new page when a
// text run has no height limit, so bounding every run is what keeps the certificate on one page whatever the input.
// Long names shrink, long titles wrap and then end in an ellipsis, and a long competency list ends in "+N more".
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificateLabels {
	/** "Certificate of completion" */
	title: string;
	/** "This certifies that" */
	certifies: string;
	/** "has completed the programme" */
	completed: string;
	/** "Competencies covered" */
	competencies: string;
	/** "Issued" */
	issued: string;
	/** "Valid until" */
	expires: string;
	/** "No expiry date" */
	noExpiry: string;
	/** "Issued by" */
	provider: string;
	/** "Verification code" */
	code: string;
	/** "Check this certificate at" */
	verifyAt: string;
	/** "REVOKED" */
	revoked: string;
	/** "+12 more", closing a competency list that does not fit */
	more: (count: number) => string;
}

export interface CertificatePdfInput {
	holderName: string;
	programmeTitle: string;
	/** e.g. "Recognised for 30 CPD points by the National Council", or null for none */
	recognitionLine: string | null;
	/** for a certificate recorded from the provider's records: "Recorded from X's records, no. N" */
	sourceLine?: string | null;
	competencies: { id: string; title: string }[];
	issuedOn: Date;
	expiresOn: Date | null;
	providerName: string;
	/** the display form, `XXXX-XXXX-XXXX-XXXX-C` (see ./code.ts) */
	code: string;
	verifyUrl: string;
	status?: 'revoked' | null;
	labels: CertificateLabels;
	/** formats issue and expiry dates in the caller's locale */
	formatDate: (d: Date) => string;
}

// ---- Fonts -------------------------------------------------------------------------------------------------------

interface Fonts {
	regular: Buffer;
	bold: Buffer;
}
let fonts: Fonts | null = null;

/**
 * The directory of the DejaVu TrueType files. This module is bundled into build/ for production, so a path relative
 * to this source file would be wrong there; Node's resolution from wherever the module ends up finds node_modules
 * (which is present at runtime) in both cases. The working directory is the fallback.
 */
function fontDir(): string {
	const candidates: string[] = [];
	try {
		const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
		candidates.push(join(dirname(pkg), 'ttf'));
	} catch {
		// not resolvable from here; try the working directory
	}
	candidates.push(join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf'));
	const dir = candidates.find((d) => existsSync(join(d, 'DejaVuSans.ttf')));
	if (!dir) throw new Error(`DejaVu fonts not found (looked in ${candidates.join(', ')})`);
	return dir;
}

/** The font files, read once per process (about 1 MB together; pdfkit embeds only the glyphs used). Also used by
 *  the personal-data summary (privacy/my-data.ts). */
export function loadFonts(): Fonts {
	if (!fonts) {
		const dir = fontDir();
		fonts = {
			regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
			bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf'))
		};
	}
	return fonts;
}

type FontName = 'regular' | 'bold';

function newDocument(info: PDFKit.DocumentInfo): PDFKit.PDFDocument {
	const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, compress: true, info, displayTitle: true });
	const f = loadFonts();
	doc.registerFont('regular', f.regular);
	doc.registerFont('bold', f.bold);
	return doc;
}

function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

// ---- QR code -----------------------------------------------------------------------------------------------------

export interface QrMatrix {
	/** modules per side, quiet zone not included */
	size: number;
	isDark: (row: number, col: number) => boolean;
}

/** The QR code of a URL (error correction M, which survives a crease or a smudge on a printed page). */
export function qrMatrix(url: string): QrMatrix {
	const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
	return { size: modules.size, isDark: (row, col) => modules.data[row * modules.size + col] === 1 };
}

/**
 * Draws the QR code as vector rectangles, one per horizontal run of dark modules, filled in a single operation (so
 * no hairline seams between modules). Vector rather than an embedded PNG: sharp at any zoom or print resolution,
 * smaller than an image, and no PNG encode/decode per certificate. The caller leaves the quiet zone clear.
 */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, side: number): void {
	const m = qrMatrix(url);
	const unit = side / m.size;
	for (let row = 0; row < m.size; row++) {
		let col = 0;
		while (col < m.size) {
			if (!m.isDark(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < m.size && m.isDark(row, col)) col++;
			doc.rect(x + start * unit, y + row * unit, (col - start) * unit, unit);
		}
	}
	doc.fillColor('#000000').fill();
}

// ---- Text helpers ------------------------------------------------------------------------------------------------

interface TextStyle {
	font: FontName;
	size: number;
	width: number;
	color?: string;
	align?: 'left' | 'center' | 'right';
	/** lines before the text is cut with an ellipsis; 1 unless told */
	maxLines?: number;
	characterSpacing?: number;
}

function lineHeight(doc: PDFKit.PDFDocument, s: TextStyle): number {
	return doc.font(s.font).fontSize(s.size).currentLineHeight(true);
}

/** Height `text` takes in style `s`, capped at its line limit. */
function measure(doc: PDFKit.PDFDocument, text: string, s: TextStyle): number {
	const lh = lineHeight(doc, s);
	const h = doc.heightOfString(text, { width: s.width, characterSpacing: s.characterSpacing });
	return Math.min(h, lh * (s.maxLines ?? 1));
}

/** Writes `text` in a box that can never grow past its line limit (and so never adds a page); returns its height. */
function put(doc: PDFKit.PDFDocument, text: string, x: number, y: number, s: TextStyle): number {
	const h = measure(doc, text, s);
	const lh = lineHeight(doc, s);
	doc.fillColor(s.color ?? INK).text(text, x, y, {
		width: s.width,
		// Half a line of slack: enough for rounding, too little for one more line.
		height: lh * (s.maxLines ?? 1) + lh / 2,
		ellipsis: true,
		align: s.align ?? 'left',
		characterSpacing: s.characterSpacing,
		lineBreak: true
	});
	return h;
}

/** The largest size up to `max` (and down to `min`) at which `text` fits on one line of `width`. */
function fitSize(
	doc: PDFKit.PDFDocument,
	text: string,
	font: FontName,
	max: number,
	min: number,
	width: number
): number {
	const w = doc.font(font).fontSize(max).widthOfString(text);
	return w <= width ? max : Math.max(min, Math.floor(((max * width) / w) * 10) / 10);
}

// ---- Layout ------------------------------------------------------------------------------------------------------

// A4 landscape in points, and the grid everything hangs on.
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const LEFT = 64;
const RIGHT = PAGE_W - 64;
const WIDTH = RIGHT - LEFT;
const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const ACCENT = '#1f3a5f';
const RED = '#b00020';

// Bottom-right corner: QR code, verification code and URL.
const QR_SIDE = 96;
const CORNER_W = 210;
const CORNER_X = RIGHT - CORNER_W;
const QR_Y = 368;
// Bottom row on the left: issued, valid until, issued by.
const FOOT_Y = 478;
// The competency list lives between the top section and the bottom row, left of the corner.
const LIST_BOTTOM = FOOT_Y - 22;
const LIST_W = CORNER_X - 24 - LEFT;
const MAX_COMPETENCIES = 12;

function drawBorder(doc: PDFKit.PDFDocument): void {
	doc
		.lineWidth(1.2)
		.strokeColor(ACCENT)
		.rect(24, 24, PAGE_W - 48, PAGE_H - 48)
		.stroke();
	doc
		.lineWidth(0.4)
		.strokeColor(ACCENT)
		.rect(30, 30, PAGE_W - 60, PAGE_H - 60)
		.stroke();
}

/**
 * Lays the competencies out in two columns between `top` and LIST_BOTTOM: at most MAX_COMPETENCIES, each up to two
 * lines, and if not all fit, fewer of them followed by "+N more". Tries the longest list that fits.
 */
function drawCompetencies(doc: PDFKit.PDFDocument, input: CertificatePdfInput, top: number): void {
	const items = input.competencies.map((c) => c.title);
	if (!items.length) return;
	const headingH = put(doc, input.labels.competencies, LEFT, top, {
		font: 'bold',
		size: 10,
		width: LIST_W,
		color: ACCENT
	});
	const listTop = top + headingH + 6;
	const gap = 18;
	const colW = (LIST_W - gap) / 2;
	const bullet = 10;
	const style: TextStyle = { font: 'regular', size: 9.5, width: colW - bullet, maxLines: 2 };
	const spacing = 3;

	// Positions for `entries`, or null if they do not fit in the two columns. The first column takes half the entries
	// (rounded up) so short lists read as two even columns, or more than half if the second would overflow.
	const place = (entries: string[]): { x: number; y: number }[] | null => {
		const heights = entries.map((e) => measure(doc, e, style));
		for (let split = Math.ceil(entries.length / 2); split <= entries.length; split++) {
			const at: { x: number; y: number }[] = [];
			let fits = true;
			for (const [col, from, to] of [
				[0, 0, split],
				[1, split, entries.length]
			]) {
				let y = listTop;
				for (let i = from; i < to; i++) {
					if (y + heights[i] > LIST_BOTTOM) fits = false;
					at.push({ x: LEFT + col * (colW + gap), y });
					y += heights[i] + spacing;
				}
			}
			if (fits) return at;
		}
		return null;
	};

	for (let shown = Math.min(items.length, MAX_COMPETENCIES); shown >= 0; shown--) {
		const hidden = items.length - shown;
		const entries = items.slice(0, shown);
		const at = place(hidden ? [...entries, input.labels.more(hidden)] : entries);
		if (!at) continue;
		entries.forEach((e, i) => {
			doc.font('regular').fontSize(style.size).fillColor(MUTED).text('•', at[i].x, at[i].y, { lineBreak: false });
			put(doc, e, at[i].x + bullet, at[i].y, style);
		});
		if (hidden)
			put(doc, input.labels.more(hidden), at[shown].x + bullet, at[shown].y, { ...style, color: MUTED, maxLines: 1 });
		return;
	}
}

/** Issued, valid until and issued by, as label-over-value blocks along the bottom left. */
function drawFooter(doc: PDFKit.PDFDocument, input: CertificatePdfInput): void {
	const { labels } = input;
	doc
		.lineWidth(0.4)
		.strokeColor('#b8b8b8')
		.moveTo(LEFT, FOOT_Y - 10)
		.lineTo(CORNER_X - 24, FOOT_Y - 10)
		.stroke();
	const blocks: [string, string, number][] = [
		[labels.issued, input.formatDate(input.issuedOn), 130],
		[labels.expires, input.expiresOn ? input.formatDate(input.expiresOn) : labels.noExpiry, 130],
		[labels.provider, input.providerName, LIST_W - 260]
	];
	let x = LEFT;
	for (const [label, value, w] of blocks) {
		const h = put(doc, label, x, FOOT_Y, { font: 'regular', size: 8.5, width: w - 12, color: MUTED });
		put(doc, value, x, FOOT_Y + h + 2, { font: 'bold', size: 11, width: w - 12, maxLines: 2 });
		x += w;
	}
}

/** QR code, verification code and URL, centred in the bottom-right corner. */
function drawCorner(doc: PDFKit.PDFDocument, input: CertificatePdfInput): void {
	const { labels } = input;
	drawQr(doc, input.verifyUrl, CORNER_X + (CORNER_W - QR_SIDE) / 2, QR_Y, QR_SIDE);
	// Below the QR code, at least four modules clear of it (its quiet zone).
	let y = QR_Y + QR_SIDE + 14;
	const centred = { width: CORNER_W, align: 'center' as const };
	y += put(doc, labels.code, CORNER_X, y, { ...centred, font: 'regular', size: 8, color: MUTED });
	y += put(doc, input.code, CORNER_X, y + 1, { ...centred, font: 'bold', size: 12 }) + 5;
	y += put(doc, labels.verifyAt, CORNER_X, y, { ...centred, font: 'regular', size: 7.5, color: MUTED });
	// The URL on one line if it can be, shrinking to 6 pt before it wraps.
	const size = fitSize(doc, input.verifyUrl, 'regular', 8, 6, CORNER_W);
	put(doc, input.verifyUrl, CORNER_X, y + 1, { ...centred, font: 'regular', size, maxLines: 2 });
}

/** Red "REVOKED" above the title and faintly across the page. */
function drawRevoked(doc: PDFKit.PDFDocument, label: string): void {
	doc.save();
	doc.rotate(-24, { origin: [PAGE_W / 2, PAGE_H / 2] }).fillOpacity(0.12);
	const size = fitSize(doc, label, 'bold', 120, 40, PAGE_W * 0.8);
	doc.font('bold').fontSize(size).fillColor(RED);
	doc.text(label, 0, PAGE_H / 2 - size * 0.6, { width: PAGE_W, align: 'center', lineBreak: false });
	doc.restore();
	put(doc, label, LEFT, 44, { font: 'bold', size: 12, width: WIDTH, align: 'center', color: RED, characterSpacing: 3 });
}

function metadata(input: CertificatePdfInput): PDFKit.DocumentInfo {
	return {
		Title: `${input.labels.title}: ${input.holderName}`,
		Author: input.providerName,
		Subject: input.programmeTitle,
		// The code in the metadata too, so a file found on a disk can be traced back to its certificate.
		Keywords: input.code
	};
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
	const doc = newDocument(metadata(input));
	const { labels } = input;
	drawBorder(doc);

	// Top section, centred and flowing down: title, holder, programme, recognition.
	let y = 66;
	y += put(doc, labels.title.toUpperCase(), LEFT, y, {
		font: 'bold',
		size: 20,
		width: WIDTH,
		align: 'center',
		color: ACCENT,
		characterSpacing: 2
	});
	doc
		.lineWidth(0.8)
		.strokeColor(ACCENT)
		.moveTo(PAGE_W / 2 - 40, y + 8)
		.lineTo(PAGE_W / 2 + 40, y + 8)
		.stroke();
	y += 26;
	y +=
		put(doc, labels.certifies, LEFT, y, { font: 'regular', size: 12, width: WIDTH, align: 'center', color: MUTED }) + 8;
	const nameSize = fitSize(doc, input.holderName, 'bold', 30, 20, WIDTH);
	y +=
		put(doc, input.holderName, LEFT, y, { font: 'bold', size: nameSize, width: WIDTH, align: 'center', maxLines: 2 }) +
		8;
	y +=
		put(doc, labels.completed, LEFT, y, { font: 'regular', size: 12, width: WIDTH, align: 'center', color: MUTED }) + 6;
	y += put(doc, input.programmeTitle, LEFT, y, { font: 'bold', size: 17, width: WIDTH, align: 'center', maxLines: 2 });
	if (input.recognitionLine) {
		y += 6;
		y += put(doc, input.recognitionLine, LEFT, y, {
			font: 'regular',
			size: 10.5,
			width: WIDTH,
			align: 'center',
			color: MUTED,
			maxLines: 2
		});
	}
	if (input.sourceLine) {
		y += 4;
		y += put(doc, input.sourceLine, LEFT, y, {
			font: 'regular',
			size: 10.5,
			width: WIDTH,
			align: 'center',
			color: MUTED,
			maxLines: 2
		});
	}

	drawCompetencies(doc, input, Math.max(y + 26, 268));
	drawFooter(doc, input);
	drawCorner(doc, input);
	if (input.status === 'revoked') drawRevoked(doc, labels.revoked);
	return toBuffer(doc);
}

/**
 * The benchmark floor: pdfkit writing one page with the same fonts and the same vector QR code, plus three lines of
 * text. The difference between this and renderCertificatePdf is the cost of the certificate's own layout.
 */
export async function renderPlainPdfFloor(input: CertificatePdfInput): Promise<Buffer> {
	const doc = newDocument(metadata(input));
	put(doc, input.holderName, LEFT, 80, { font: 'bold', size: 24, width: WIDTH });
	put(doc, input.programmeTitle, LEFT, 120, { font: 'regular', size: 14, width: WIDTH });
	put(doc, input.code, LEFT, 150, { font: 'bold', size: 12, width: WIDTH });
	drawQr(doc, input.verifyUrl, CORNER_X + (CORNER_W - QR_SIDE) / 2, QR_Y, QR_SIDE);
	return toBuffer(doc);
}
