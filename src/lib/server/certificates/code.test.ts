import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, formatVerificationCode, newVerificationCode, parseVerificationCode } from './code';

const DATA_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('verification codes', () => {
	it('are 16 Crockford data symbols and a check symbol, and round-trip through the display form', () => {
		for (let i = 0; i < 200; i++) {
			const code = newVerificationCode();
			expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}[0-9A-HJKMNP-TV-Z*~$=U]$/);
			expect(code).toHaveLength(CODE_LENGTH);
			const shown = formatVerificationCode(code);
			expect(shown).toMatch(/^[^-]{4}-[^-]{4}-[^-]{4}-[^-]{4}-[^-]$/);
			expect(shown.replace(/-/g, '')).toBe(code);
			expect(parseVerificationCode(shown)).toEqual({ ok: true, code });
			expect(parseVerificationCode(code)).toEqual({ ok: true, code });
			expect(formatVerificationCode(shown)).toBe(shown);
		}
	});

	it('normalises case, spaces, hyphens and the I/L/O look-alikes', () => {
		// Find a code that contains a 1 and a 0 so the look-alike substitutions have something to stand for.
		let code = newVerificationCode();
		while (!/1/.test(code.slice(0, 16)) || !/0/.test(code.slice(0, 16))) code = newVerificationCode();
		const shown = formatVerificationCode(code);
		const ok = { ok: true, code };
		expect(parseVerificationCode(shown.toLowerCase())).toEqual(ok);
		expect(parseVerificationCode(`  ${shown}  `)).toEqual(ok);
		expect(parseVerificationCode(shown.replace(/-/g, ' '))).toEqual(ok);
		expect(parseVerificationCode(code.split('').join(' - '))).toEqual(ok);
		expect(parseVerificationCode(shown.replace(/-/g, '\u2011'))).toEqual(ok); // non-breaking hyphen from a PDF copy
		expect(parseVerificationCode(shown.replace(/1/g, 'I').replace(/0/g, 'O'))).toEqual(ok);
		expect(parseVerificationCode(shown.replace(/1/g, 'l').replace(/0/g, 'o'))).toEqual(ok);
		expect(parseVerificationCode(shown.replace(/1/g, 'L').replace(/0/g, 'o').toLowerCase())).toEqual(ok);
	});

	it('tells a malformed code from a mistyped one', () => {
		const code = newVerificationCode();
		const fmt = { ok: false, reason: 'format' };
		expect(parseVerificationCode('')).toEqual(fmt);
		expect(parseVerificationCode(code.slice(0, 16))).toEqual(fmt); // too short
		expect(parseVerificationCode(code + '0')).toEqual(fmt); // too long
		expect(parseVerificationCode('U' + code.slice(1))).toEqual(fmt); // U is only a check symbol
		expect(parseVerificationCode('*' + code.slice(1))).toEqual(fmt);
		expect(parseVerificationCode(code.slice(0, 16) + '#')).toEqual(fmt);
		expect(parseVerificationCode(code.slice(0, 5) + '_' + code.slice(6))).toEqual(fmt);
		expect(parseVerificationCode(code.slice(0, 5) + 'é' + code.slice(6))).toEqual(fmt);
		// Well-formed, wrong check symbol.
		const wrongCheck = [...DATA_ALPHABET, '*', '~', '$', '=', 'U'].find((c) => c !== code[16])!;
		expect(parseVerificationCode(code.slice(0, 16) + wrongCheck)).toEqual({ ok: false, reason: 'check' });
	});

	it('does not repeat in 10,000 codes', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 10_000; i++) seen.add(newVerificationCode());
		expect(seen.size).toBe(10_000);
	});

	it('uses every data symbol in every position (the random bits reach the whole alphabet)', () => {
		const perPosition = Array.from({ length: 16 }, () => new Set<string>());
		for (let i = 0; i < 3_000; i++) [...newVerificationCode().slice(0, 16)].forEach((c, j) => perPosition[j].add(c));
		for (const s of perPosition) expect(s.size).toBe(32);
	});

	it('rejects every single substitution and every adjacent transposition of one code', () => {
		const code = newVerificationCode();
		let substitutions = 0;
		for (let i = 0; i < 16; i++) {
			for (const c of DATA_ALPHABET) {
				if (c === code[i]) continue;
				const typo = code.slice(0, i) + c + code.slice(i + 1);
				expect(parseVerificationCode(typo), typo).toEqual({ ok: false, reason: 'check' });
				substitutions++;
			}
		}
		expect(substitutions).toBe(16 * 31);
		// All 16 neighbouring pairs of the 17 characters, the last data symbol and the check symbol included. A swap
		// that moves a check-only symbol (*~$=U) into the data is a format error; anything else must fail the check.
		let transpositions = 0;
		for (let i = 0; i < 16; i++) {
			if (code[i] === code[i + 1]) continue;
			const typo = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
			const reason = DATA_ALPHABET.includes(typo[15]) ? 'check' : 'format';
			expect(parseVerificationCode(typo), typo).toEqual({ ok: false, reason });
			transpositions++;
		}
		expect(transpositions).toBeGreaterThan(0);
	});

	it('catches substitutions and transpositions across many codes (sampled)', () => {
		// 200 codes, one substitution per position (a different replacement symbol for each code) and every transposition.
		for (let k = 0; k < 200; k++) {
			const code = newVerificationCode();
			for (let i = 0; i < 16; i++) {
				const alt = DATA_ALPHABET[(DATA_ALPHABET.indexOf(code[i]) + 1 + k) % 32];
				if (alt !== code[i]) expect(parseVerificationCode(code.slice(0, i) + alt + code.slice(i + 1)).ok).toBe(false);
				if (i < 15 && code[i] !== code[i + 1]) {
					expect(parseVerificationCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)).ok).toBe(false);
				}
			}
		}
	});
});
