// One person, one record: which worker record an account is linked to, decided by plain functions. A proven e-mail
// address (verified, or the invitation that reached it) links; a national worker id only proposes a link that a
// jurisdiction admin confirms; possible duplicates are listed, never merged. The database work is in worker-links.ts.

export interface Candidate {
	id: string;
	jurisdictionId: string;
	email: string | null;
	userId: string | null;
}

/** Addresses compare without case or surrounding spaces (imports keep an address as the HR file spelt it). */
export function emailKey(email: string | null | undefined): string | null {
	const key = email?.trim().toLowerCase();
	return key ? key : null;
}

/** A name compares without case, accents or spaces: "José  da Silva" and "jose dasilva" are one key. */
export function nameKey(givenName: string, familyName: string): string | null {
	const key = `${givenName}${familyName}`
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[\s\p{P}]/gu, '')
		.toLowerCase();
	return key ? key : null;
}

/**
 * The record a proven address links to: exactly one unlinked record with that address in the jurisdiction (when the
 * context names one; else in any jurisdiction). Two or more is ambiguous, so nothing is linked and the admin sees
 * them as possible duplicates.
 */
export function recordForAddress(candidates: Candidate[], email: string, jurisdictionId: string | null): string | null {
	const key = emailKey(email);
	const matching = candidates.filter(
		(c) => !c.userId && emailKey(c.email) === key && (!jurisdictionId || c.jurisdictionId === jurisdictionId)
	);
	return matching.length === 1 ? matching[0].id : null;
}

export type InvitationLink =
	{ kind: 'none' } | { kind: 'link'; workerId: string; addressDiffers: boolean; matchedOn: 'invited' | 'account' };

/**
 * An accepted invitation: the invitation proves the invited address, so a record with that address is this person's
 * even when the account has another address (then the audit says so). Failing that, the account's own address when
 * it is verified. No match creates nothing: a second, empty record would take the person's certificates away from
 * the record the indicators count.
 */
export function invitationLink(input: {
	invitedEmail: string;
	account: { email: string; verified: boolean; hasRecord: boolean };
	jurisdictionId: string | null;
	candidates: Candidate[];
}): InvitationLink {
	const { invitedEmail, account, jurisdictionId, candidates } = input;
	if (account.hasRecord) return { kind: 'none' };
	const addressDiffers = emailKey(invitedEmail) !== emailKey(account.email);
	const invited = recordForAddress(candidates, invitedEmail, jurisdictionId);
	if (invited) return { kind: 'link', workerId: invited, addressDiffers, matchedOn: 'invited' };
	if (!addressDiffers || !account.verified) return { kind: 'none' };
	const own = recordForAddress(candidates, account.email, jurisdictionId);
	return own ? { kind: 'link', workerId: own, addressDiffers, matchedOn: 'account' } : { kind: 'none' };
}

export type ProposalCheck =
	'propose' | 'no_match' | 'linked_to_other' | 'yours' | 'has_record' | 'pending' | 'declined';

/** A national worker id typed by a learner: a match proposes a link (never links); every refusal has its reason. */
export function proposalCheck(input: {
	userId: string;
	hasRecord: boolean;
	match: { userId: string | null } | null;
	existing: { status: string } | null;
}): ProposalCheck {
	const { userId, hasRecord, match, existing } = input;
	if (hasRecord) return 'has_record';
	if (!match) return 'no_match';
	if (match.userId === userId) return 'yours';
	if (match.userId) return 'linked_to_other';
	if (existing?.status === 'open') return 'pending';
	if (existing?.status === 'rejected') return 'declined';
	return 'propose';
}

export type ConfirmCheck = 'link' | 'decided' | 'record_taken' | 'account_has_record';

/** An admin confirming a proposal: refused when it was decided, or the record or the account was linked meanwhile. */
export function confirmCheck(input: {
	status: string;
	recordUserId: string | null;
	accountRecordId: string | null;
}): ConfirmCheck {
	if (input.status !== 'open') return 'decided';
	if (input.recordUserId) return 'record_taken';
	if (input.accountRecordId) return 'account_has_record';
	return 'link';
}

export interface DuplicateRow {
	id: string;
	givenName: string;
	familyName: string;
	email: string | null;
}

export interface DuplicateGroup {
	/** what the records share: the same address, the same name, or both (one group, not two) */
	reasons: ('email' | 'name')[];
	ids: string[];
}

/**
 * Collects records sharing an address or a normalised name. Feed it page by page (add), then read the groups of two
 * or more (groups), in first-seen order. Only ids are kept, so a national register fits in memory.
 */
export function duplicateFinder() {
	const byKey = new Map<string, string[]>();
	const put = (key: string, id: string) => {
		const list = byKey.get(key);
		if (list) list.push(id);
		else byKey.set(key, [id]);
	};
	return {
		add(rows: Iterable<DuplicateRow>) {
			for (const row of rows) {
				const e = emailKey(row.email);
				if (e) put(`e:${e}`, row.id);
				const n = nameKey(row.givenName, row.familyName);
				if (n) put(`n:${n}`, row.id);
			}
		},
		groups(): DuplicateGroup[] {
			const bySet = new Map<string, DuplicateGroup>();
			for (const [key, ids] of byKey) {
				if (ids.length < 2) continue;
				const reason = key.startsWith('e:') ? 'email' : 'name';
				const same = bySet.get(ids.join());
				if (same) same.reasons.push(reason);
				else bySet.set(ids.join(), { reasons: [reason], ids });
			}
			return [...bySet.values()];
		}
	};
}
