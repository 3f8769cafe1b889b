import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 256;

const common = new Set(
	(dictionary['passwords-common'] as string[]).filter((p) => p.length >= MIN_PASSWORD).map((p) => p.toLowerCase())
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | null;

export function passwordProblem(password: string): PasswordProblem {
	if (password.length < MIN_PASSWORD) return 'too_short';
	if (password.length > MAX_PASSWORD) return 'too_long';
	if (common.has(password.toLowerCase())) return 'common';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

// Verifying against this when the email is unknown keeps the timing of "no such user" and "wrong password" alike.
let dummy: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD) return false;
	if (!passwordHash) {
		dummy ??= hashPassword('credo-timing-equaliser');
		await verify(await dummy, password).catch(() => false);
		return false;
	}
	return verify(passwordHash, password).catch(() => false);
}
