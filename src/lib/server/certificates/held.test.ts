import { describe, expect, it } from 'vitest';
import { heldByProgramme } from './held';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const cert = (
	id: string,
	programmeId: string,
	issued: string,
	expires: string | null,
	revoked: string | null = null
) => ({
	id,
	programmeId,
	issuedOn: d(issued),
	expiresOn: expires ? d(expires) : null,
	revokedOn: revoked ? d(revoked) : null
});

describe('held certificates', () => {
	it('holds a programme through a valid certificate only', () => {
		const held = heldByProgramme(
			[
				cert('valid', 'p1', '2026-01-10', '2027-01-10'),
				cert('expired', 'p2', '2024-01-10', '2025-01-10'),
				cert('revoked', 'p3', '2026-01-10', null, '2026-06-01'),
				cert('tomorrow', 'p4', '2026-12-07', null)
			],
			'2026-12-06'
		);
		// dated tomorrow: issued in a jurisdiction whose day has already turned
		expect([...held.keys()]).toEqual(['p1', 'p4']);
		expect(held.get('p1')?.id).toBe('valid');
	});

	it('keeps the certificate that lasts longest, no expiry first', () => {
		const held = heldByProgramme(
			[
				cert('short', 'p1', '2025-01-10', '2027-01-10'),
				cert('long', 'p1', '2026-01-10', '2028-01-10'),
				cert('a', 'p2', '2026-01-10', '2028-01-10'),
				cert('forever', 'p2', '2025-01-10', null)
			],
			'2026-12-06'
		);
		expect(held.get('p1')?.id).toBe('long');
		expect(held.get('p2')?.id).toBe('forever');
	});

	it('counts the expiry day and the revocation day as in the one definition of valid', () => {
		expect(heldByProgramme([cert('last', 'p1', '2025-01-10', '2026-12-06')], '2026-12-06').size).toBe(1);
		expect(heldByProgramme([cert('gone', 'p1', '2025-01-10', null, '2026-12-06')], '2026-12-06').size).toBe(0);
	});
});
