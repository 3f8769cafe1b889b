import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
	it('hashes with argon2id and verifies', async () => {
		const h = await hashPassword('a long enough passphrase');
		expect(h.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(h, 'a long enough passphrase')).toBe(true);
		expect(await verifyPassword(h, 'a long enough passphrasE')).toBe(false);
	});

	it('refuses short, overlong and common passwords', () => {
		expect(passwordProblem('short')).toBe('too_short');
		expect(passwordProblem('x'.repeat(257))).toBe('too_long');
		expect(passwordProblem('1234567890')).toBe('common');
		expect(passwordProblem('Password123')).toBe('common');
		expect(passwordProblem('tea kettle under the mango tree')).toBeNull();
	});

	it('an unknown user never verifies', async () => {
		expect(await verifyPassword(null, 'anything at all')).toBe(false);
	});
});
