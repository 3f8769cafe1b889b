// Certificate verification codes: 80 random bits written as 16 Crockford base32 characters, followed by one
// Crockford mod-37 check character. The check character catches every single mistyped character and every swap of
// two neighbouring characters (37 is prime and larger than any digit difference, and 32 and 31 are not multiples of
// it), so a verifier can tell "you mistyped it" from "no such certificate" without touching the database.
//
// Canonical form (stored in the database, put in URLs): 17 characters, upper case, no separators.
// Display form (printed on the certificate, shown on screen): four groups of four data characters and the check
// character on its own, separated by hyphens — `7K3M-Q9XD-2HVB-T6RP-W`. Keeping the check character apart makes the
// 16 data characters read as even blocks of four.
//
// The check character is one of 37 symbols: the 32 data symbols, then `*~$=U` for values 32–36 (per Crockford), so
// about one code in seven ends in one of those. They are safe in a URL path, but callers should still
// encodeURIComponent the code when building a URL.
import { randomBytes } from 'node:crypto';

/** The 32 Crockford base32 data symbols: digits and upper-case letters without I, L, O and U. */
const DATA_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 37 check symbols: the data symbols, then the five extra symbols for check values 32–36. */
const CHECK_ALPHABET = DATA_ALPHABET + '*~$=U';

const DATA_LENGTH = 16; // 16 × 5 bits = 80 bits
export const CODE_LENGTH = DATA_LENGTH + 1;

/** Value of each data symbol, for decoding. */
const DATA_VALUE = new Map([...DATA_ALPHABET].map((c, i) => [c, i]));

/** The mod-37 check symbol of a string of data symbols, read as one big-endian base-32 number. */
function checkSymbol(data: string): string {
	let n = 0n;
	for (const c of data) n = n * 32n + BigInt(DATA_VALUE.get(c)!);
	return CHECK_ALPHABET[Number(n % 37n)];
}

/** A fresh code in canonical form (17 characters, no hyphens): 80 bits from the CSPRNG plus the check symbol. */
export function newVerificationCode(): string {
	const bytes = randomBytes((DATA_LENGTH * 5) / 8);
	// Read the 10 bytes as an 80-bit number and peel off 5 bits at a time, most significant first.
	let n = BigInt('0x' + bytes.toString('hex'));
	const digits: string[] = [];
	for (let i = 0; i < DATA_LENGTH; i++) {
		digits.push(DATA_ALPHABET[Number(n & 31n)]);
		n >>= 5n;
	}
	const data = digits.reverse().join('');
	return data + checkSymbol(data);
}

export type ParsedVerificationCode = { ok: true; code: string } | { ok: false; reason: 'format' | 'check' };

/**
 * Reads a code as a person typed or pasted it. Trims, upper-cases, drops whitespace and hyphens (including the
 * typographic hyphens and dashes a copy from a PDF or word processor can bring), and reads I and L as 1 and O as 0,
 * as Crockford prescribes. `format` means it cannot be a code at all (wrong length or symbol); `check` means it looks
 * like a code but the check symbol does not match, i.e. it was mistyped.
 */
export function parseVerificationCode(input: string): ParsedVerificationCode {
	const s = input
		.trim()
		.toUpperCase()
		.replace(/[\s\-\u2010-\u2015\u2212]/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	if (s.length !== CODE_LENGTH) return { ok: false, reason: 'format' };
	const data = s.slice(0, DATA_LENGTH);
	const check = s[DATA_LENGTH];
	for (const c of data) if (!DATA_VALUE.has(c)) return { ok: false, reason: 'format' };
	if (!CHECK_ALPHABET.includes(check)) return { ok: false, reason: 'format' };
	if (checkSymbol(data) !== check) return { ok: false, reason: 'check' };
	return { ok: true, code: s };
}

/** The display form `XXXX-XXXX-XXXX-XXXX-C` of a canonical code (any separators in the input are ignored). */
export function formatVerificationCode(code: string): string {
	const s = code.replace(/-/g, '');
	const groups = s.slice(0, DATA_LENGTH).match(/.{1,4}/g) ?? [];
	return [...groups, s.slice(DATA_LENGTH)].filter(Boolean).join('-');
}
