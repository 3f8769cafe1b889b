import { describe, expect, it } from 'vitest';
import {
	confirmCheck,
	duplicateFinder,
	emailKey,
	invitationLink,
	nameKey,
	proposalCheck,
	recordForAddress,
	type Candidate
} from './linking';

const J = 'j-1';
const record = (id: string, email: string | null, extra: Partial<Candidate> = {}): Candidate => ({
	id,
	jurisdictionId: J,
	email,
	userId: null,
	...extra
});

describe('matching keys', () => {
	it('addresses compare without case or surrounding spaces; an empty one matches nothing', () => {
		expect(emailKey(' Amina.Diallo@Gov.Example ')).toBe('amina.diallo@gov.example');
		expect(emailKey('')).toBeNull();
		expect(emailKey(null)).toBeNull();
	});

	it('names compare without case, accents, spaces or punctuation', () => {
		expect(nameKey('José', 'da  Silva')).toBe(nameKey('jose', 'DaSilva'));
		expect(nameKey('Zoë', "N'Diaye")).toBe(nameKey('Zoe', 'NDiaye'));
		expect(nameKey('Ana', 'Lee')).not.toBe(nameKey('Ana', 'Leo'));
		expect(nameKey(' ', '')).toBeNull();
	});
});

describe('a proven address links exactly one record', () => {
	it('links the one unlinked record of the jurisdiction with that address, whatever its case', () => {
		expect(recordForAddress([record('a', 'AMINA@x.org')], 'amina@x.org', J)).toBe('a');
	});

	it('links nothing when two records share the address (the admin sees them as duplicates)', () => {
		expect(recordForAddress([record('a', 'a@x.org'), record('b', 'A@x.org')], 'a@x.org', J)).toBeNull();
	});

	it('ignores records already linked and records of another jurisdiction, unless no jurisdiction is given', () => {
		const list = [record('a', 'a@x.org', { userId: 'u-9' }), record('b', 'a@x.org', { jurisdictionId: 'j-2' })];
		expect(recordForAddress(list, 'a@x.org', J)).toBeNull();
		expect(recordForAddress(list, 'a@x.org', null)).toBe('b');
	});
});

describe('an accepted invitation', () => {
	const account = { email: 'me@home.org', verified: true, hasRecord: false };

	it('links the record of the invited address even when the account has another, and says the address differs', () => {
		expect(
			invitationLink({
				invitedEmail: 'me@work.org',
				account,
				jurisdictionId: J,
				candidates: [record('w', 'me@work.org')]
			})
		).toEqual({ kind: 'link', workerId: 'w', addressDiffers: true, matchedOn: 'invited' });
	});

	it("falls back to the account's own verified address, never to an unverified one", () => {
		const candidates = [record('h', 'me@home.org')];
		expect(invitationLink({ invitedEmail: 'me@work.org', account, jurisdictionId: J, candidates })).toMatchObject({
			kind: 'link',
			workerId: 'h',
			matchedOn: 'account'
		});
		expect(
			invitationLink({
				invitedEmail: 'me@work.org',
				account: { ...account, verified: false },
				jurisdictionId: J,
				candidates
			})
		).toEqual({ kind: 'none' });
	});

	it('links nothing when the account already has a record, or nothing matches (no empty second record)', () => {
		const candidates = [record('w', 'me@work.org')];
		expect(
			invitationLink({
				invitedEmail: 'me@work.org',
				account: { ...account, hasRecord: true },
				jurisdictionId: J,
				candidates
			})
		).toEqual({ kind: 'none' });
		expect(invitationLink({ invitedEmail: 'x@y.org', account, jurisdictionId: J, candidates })).toEqual({
			kind: 'none'
		});
	});
});

describe('a national worker id proposes, an admin confirms', () => {
	const base = { userId: 'u-1', hasRecord: false, match: { userId: null }, existing: null };

	it('a free matching record is proposed; no match, a record of someone else, or one of yours is not', () => {
		expect(proposalCheck(base)).toBe('propose');
		expect(proposalCheck({ ...base, match: null })).toBe('no_match');
		expect(proposalCheck({ ...base, match: { userId: 'u-2' } })).toBe('linked_to_other');
		expect(proposalCheck({ ...base, match: { userId: 'u-1' } })).toBe('yours');
		expect(proposalCheck({ ...base, hasRecord: true })).toBe('has_record');
	});

	it('a proposal waiting or declined is not made twice', () => {
		expect(proposalCheck({ ...base, existing: { status: 'open' } })).toBe('pending');
		expect(proposalCheck({ ...base, existing: { status: 'rejected' } })).toBe('declined');
	});

	it('confirming is refused once decided, or when the record or the account was linked meanwhile', () => {
		const open = { status: 'open', recordUserId: null, accountRecordId: null };
		expect(confirmCheck(open)).toBe('link');
		expect(confirmCheck({ ...open, status: 'rejected' })).toBe('decided');
		expect(confirmCheck({ ...open, recordUserId: 'u-2' })).toBe('record_taken');
		expect(confirmCheck({ ...open, accountRecordId: 'w-2' })).toBe('account_has_record');
	});
});

describe('possible duplicates', () => {
	it('groups records sharing an address or a normalised name, fed page by page; singles are not listed', () => {
		const finder = duplicateFinder();
		finder.add([
			{ id: '1', givenName: 'José', familyName: 'Da Silva', email: 'jose@x.org' },
			{ id: '2', givenName: 'Ana', familyName: 'Lee', email: 'JOSE@x.org' }
		]);
		finder.add([
			{ id: '3', givenName: 'jose', familyName: 'dasilva', email: null },
			{ id: '4', givenName: 'Ben', familyName: 'Okoro', email: 'ben@x.org' }
		]);
		finder.add([{ id: '5', givenName: 'Ben', familyName: 'Okoro', email: 'BEN@x.org' }]);
		expect(finder.groups()).toEqual([
			{ reasons: ['email'], ids: ['1', '2'] },
			{ reasons: ['name'], ids: ['1', '3'] },
			{ reasons: ['email', 'name'], ids: ['4', '5'] } // one group, not the same pair twice
		]);
	});
});
