import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatVerificationCode, newVerificationCode } from './code';
import { qrMatrix, renderCertificatePdf, renderPlainPdfFloor, type CertificatePdfInput } from './pdf';
import { toDate } from '$lib/calendar-day';

const dir = mkdtempSync(join(tmpdir(), 'credo-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const code = formatVerificationCode(newVerificationCode());
const competencies = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: `C.${i + 1}`, title: `Competency number ${i + 1} in the framework` }));

const input = (over: Partial<CertificatePdfInput> = {}): CertificatePdfInput => ({
	holderName: 'Amélie Nguyễn-Ødegård Çelik',
	programmeTitle: "Protection de l'enfance : formation de cinq jours",
	recognitionLine: 'Recognised for 30 CPD points by the Council for Social Service Professions',
	competencies: [
		{ id: 'CARE.REFORM_VISION', title: 'Care reform vision and strategy' },
		{ id: 'CARE.FAMILY_ASSESSMENT', title: 'Family strengthening assessment' },
		{ id: 'CORE.ETHICS', title: 'Ethics, values and professional conduct' }
	],
	issuedOn: toDate('2025-03-14'),
	expiresOn: toDate('2028-03-14'),
	providerName: 'Institut national du travail social',
	code,
	verifyUrl: `https://credo.example.org/verify/${code.replace(/-/g, '')}`,
	status: null,
	labels: {
		title: 'Certificate of completion',
		certifies: 'This certifies that',
		completed: 'has completed the programme',
		competencies: 'Competencies covered',
		issued: 'Issued',
		expires: 'Valid until',
		noExpiry: 'No expiry date',
		provider: 'Issued by',
		code: 'Verification code',
		verifyAt: 'Check this certificate at',
		revoked: 'REVOKED',
		more: (n) => `+${n} more`
	},
	formatDate: (d) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d),
	...over
});

let n = 0;
function save(pdf: Buffer): string {
	const file = join(dir, `c${++n}.pdf`);
	writeFileSync(file, pdf);
	return file;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
	Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

describe('certificate PDF', () => {
	it('holds the holder, programme, provider, code, URL and competencies as real text', async () => {
		const pdf = await renderCertificatePdf(input());
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const file = save(pdf);
		const t = text(file);
		for (const s of [
			'Amélie Nguyễn-Ødegård Çelik',
			"Protection de l'enfance : formation de cinq jours",
			'Institut national du travail social',
			code,
			input().verifyUrl,
			'Care reform vision and strategy',
			'Family strengthening assessment',
			'14 March 2025',
			'14 March 2028'
		])
			expect(t).toContain(s);
		expect(t).not.toContain('REVOKED');
		expect(pages(file)).toBe(1);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		expect(info).toMatch(/^Title:\s+Certificate of completion: Amélie Nguyễn-Ødegård Çelik$/m);
		expect(info).toMatch(/^Author:\s+Institut national du travail social$/m);
		expect(info).toMatch(/^Subject:\s+Protection de l'enfance/m);
	});

	it('stays on one page with 40 competencies and says how many it left out', async () => {
		const file = save(await renderCertificatePdf(input({ competencies: competencies(40) })));
		expect(pages(file)).toBe(1);
		const t = text(file);
		expect(t).toContain('Competency number 1 in the framework');
		const more = /\+(\d+) more/.exec(t);
		expect(more).not.toBeNull();
		const shown = [...t.matchAll(/Competency number (\d+) in/g)].length;
		expect(shown + Number(more![1])).toBe(40);
		expect(shown).toBeLessThanOrEqual(12);
	});

	it('stays on one page with absurdly long inputs', async () => {
		const long = 'Wolfeschlegelsteinhausenbergerdorff '.repeat(8);
		const file = save(
			await renderCertificatePdf(
				input({
					holderName: long,
					programmeTitle: long,
					recognitionLine: long,
					providerName: long,
					competencies: Array.from({ length: 30 }, (_, i) => ({ id: `${i}`, title: long })),
					verifyUrl: `https://credo.example.org/verify/${'X'.repeat(120)}`
				})
			)
		);
		expect(pages(file)).toBe(1);
	});

	it('prints "No expiry date" without an expiry, and REVOKED when revoked', async () => {
		const t = text(save(await renderCertificatePdf(input({ expiresOn: null, status: 'revoked', competencies: [] }))));
		expect(t).toContain('No expiry date');
		expect(t).toContain('REVOKED');
	});

	it('builds the QR code the renderer draws from the verify URL', () => {
		const m = qrMatrix(input().verifyUrl);
		expect(m.size).toBeGreaterThan(20);
		// The three finder patterns: dark 7×7 corners with a light ring and a dark 3×3 centre.
		for (const [r, c] of [
			[0, 0],
			[0, m.size - 7],
			[m.size - 7, 0]
		]) {
			expect(m.isDark(r, c) && m.isDark(r + 6, c + 6) && m.isDark(r + 3, c + 3)).toBe(true);
			expect(m.isDark(r + 1, c + 1)).toBe(false);
		}
	});

	it('renders the benchmark floor with the same fonts and QR code', async () => {
		const file = save(await renderPlainPdfFloor(input()));
		expect(pages(file)).toBe(1);
		const t = text(file);
		expect(t).toContain('Amélie Nguyễn-Ødegård Çelik');
		expect(t).toContain(code);
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
		expect(fonts).toContain('DejaVuSans-Bold');
	});

	it('renders 50 certificates (timing printed, not asserted)', async () => {
		const base = input({ competencies: competencies(8) });
		let t0 = performance.now();
		for (let i = 0; i < 50; i++) await renderCertificatePdf({ ...base, holderName: `${base.holderName} ${i}` });
		const full = performance.now() - t0;
		t0 = performance.now();
		for (let i = 0; i < 50; i++) await renderPlainPdfFloor({ ...base, holderName: `${base.holderName} ${i}` });
		const floor = performance.now() - t0;
		console.log(
			`50 certificates: ${full.toFixed(0)} ms (${(full / 50).toFixed(1)} ms each); ` +
				`floor: ${floor.toFixed(0)} ms (${(floor / 50).toFixed(1)} ms each)`
		);
	});
});
