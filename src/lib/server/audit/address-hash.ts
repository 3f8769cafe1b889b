// A keyed hash of an e-mail address for the audit log (issue 15, item 13): lock events record which address was
// typed without keeping the address itself, so the log holds no address that erasure would have to find. Whoever
// holds the server secret can still answer "were there lock events for this address?" by hashing it again.
//
// The key is derived (HKDF-SHA256, its own label) from the server secret that seals the issuers' signing keys:
// CREDO_KEY_SECRET, else the secret created once in .data/issuer-key-secret (CREDO_KEY_FILE) — the same rule as
// certificates/credentials.ts, so one secret to keep. No $lib imports: scripts/migrate.ts uses this too.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let key: Buffer | null = null;

function serverSecret(env: NodeJS.ProcessEnv = process.env): string {
	if (env.CREDO_KEY_SECRET) return env.CREDO_KEY_SECRET;
	const file = path.resolve(env.CREDO_KEY_FILE ?? '.data/issuer-key-secret');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		try {
			fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
		} catch {
			// another process wrote it first
		}
	}
	return fs.readFileSync(file, 'utf8').trim();
}

/** The HMAC key for `secret` (exported for tests). */
export function addressKey(secret: string): Buffer {
	return Buffer.from(hkdfSync('sha256', secret, 'credo', 'audit address hmac v1', 32));
}

/** HMAC-SHA256 of the address as typed, trimmed and lower-cased, in hex. */
export function addressHash(email: string, withKey: Buffer = (key ??= addressKey(serverSecret()))): string {
	return createHmac('sha256', withKey).update(email.trim().toLowerCase()).digest('hex');
}

/** Audit actions whose `data` once held the typed address under `email` (rewritten by `hashLoggedAddresses`). */
export const ADDRESS_EVENTS = ['login.account_locked', 'login.ip_locked'];
