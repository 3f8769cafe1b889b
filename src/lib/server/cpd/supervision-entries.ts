// Supervision as CPD (issue 18): a confirmed supervision session is not a row of cpd_entries; compliance-data.ts reads
// each one into the ledger it gives the rule, and the rule counts it only where it gives the type a rate.

/** The id of a derived entry: `session-<uuid>` (received) or `instruction-<uuid>` (field instruction given). */
export const DERIVED_ID = /^(session|instruction)-([0-9a-f-]{36})$/i;

/**
 * A confirmed supervision session as the ledger entry the rule reads: its minutes once, however many functions or
 * attendees it had. Received supervision is practice; field instruction given is supervision (content areas).
 */
export function supervisionEntry(x: { id: string; date: string; minutes: number; kind: 'received' | 'given' }) {
	const received = x.kind === 'received';
	return {
		id: `${received ? 'session' : 'instruction'}-${x.id}`,
		credits: 0,
		category: received ? 'practice' : 'supervision',
		activityType: received ? 'supervision-received' : 'field-instruction',
		hours: x.minutes / 60,
		source: 'SUPERVISION' as const,
		status: 'RECORDED' as const,
		moduleId: null,
		providerOrgId: null,
		disallowed: false
	};
}
