import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import {
	historyChecker,
	key,
	mayRecordCertificates,
	planHistory,
	recordableProviders,
	type ChunkState,
	type HistoryRefs
} from './history-rows';

const J = 'jur-1';
const HEADER = 'provider_code,programme_code,national_worker_id,licence_number,issued_on,expires_on,certificate_number';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

const refs = (over: Partial<HistoryRefs> = {}): HistoryRefs => ({
	jurisdictionId: J,
	today: '2026-12-06',
	providers: new Map([
		['SWTI', 'org-swti'],
		['UNI', 'org-uni']
	]),
	programmes: new Map([
		[key('org-swti', 'CP-101'), { id: 'prog-cp', jurisdictionId: J, validityMonths: 36 }],
		[key('org-swti', 'OLD'), { id: 'prog-old', jurisdictionId: J, validityMonths: null }],
		[key('org-uni', 'ELSEWHERE'), { id: 'prog-far', jurisdictionId: 'jur-2', validityMonths: null }]
	]),
	mayRecord: null,
	...over
});

const state = (over: Partial<ChunkState> = {}): ChunkState => ({
	byNwid: new Map([
		['N-1', 'worker-1'],
		['N-2', 'worker-2']
	]),
	byLicence: new Map([
		['L-1', 'worker-1'],
		['L-2', 'worker-2']
	]),
	names: new Map([
		['worker-1', 'Ama Mensah'],
		['worker-2', 'Kofi Boateng']
	]),
	recorded: new Map(),
	maxSequence: new Map(),
	...over
});

const codes = (text: string, r = refs(), s = state()) =>
	planHistory(text, r, s).problems.map((p) => [p.line, p.column, p.code, p.params ?? {}]);

describe('certificates file rows (pure)', () => {
	it('plans a sound row as a certificate to add, its expiry computed from the programme validity', () => {
		const plan = planHistory(csv('SWTI,CP-101,N-1,,2020-03-15,,A-1'), refs(), state());
		expect(plan.problems).toEqual([]);
		expect(plan.rows).toEqual([{ line: 2, key: 'SWTI A-1', label: 'Ama Mensah', action: 'add' }]);
		expect(plan.ops).toEqual([
			{
				line: 2,
				providerId: 'org-swti',
				providerCode: 'SWTI',
				programmeId: 'prog-cp',
				workerId: 'worker-1',
				number: 'A-1',
				issuedOn: '2020-03-15',
				expiresOn: '2023-03-14',
				sequence: 1
			}
		]);
	});

	it('keeps the expiry the file gives; a programme without validity gives none', () => {
		const plan = planHistory(
			csv('SWTI,CP-101,N-1,,2020-03-15,2021-01-01,A-1', 'SWTI,OLD,N-1,,2010-01-01,,A-2'),
			refs(),
			state()
		);
		expect(plan.ops.map((o) => o.expiresOn)).toEqual(['2021-01-01', null]);
	});

	it('refuses an unknown provider, a programme it does not have, or one of another jurisdiction', () => {
		expect(
			codes(
				csv('NOPE,CP-101,N-1,,2020-01-01,,A-1', 'SWTI,NOPE,N-1,,2020-01-01,,A-2', 'UNI,ELSEWHERE,N-1,,2020-01-01,,A-3')
			)
		).toEqual([
			[2, 'provider_code', 'unknown_provider', { value: 'NOPE' }],
			[3, 'programme_code', 'unknown_programme', { value: 'NOPE', provider: 'SWTI' }],
			[4, 'programme_code', 'unknown_programme', { value: 'ELSEWHERE', provider: 'UNI' }]
		]);
	});

	it('refuses a row naming no worker, an unknown one, or two different ones', () => {
		expect(
			codes(
				csv(
					'SWTI,CP-101,,,2020-01-01,,A-1',
					'SWTI,CP-101,N-9,,2020-01-01,,A-2',
					'SWTI,CP-101,,L-9,2020-01-01,,A-3',
					'SWTI,CP-101,N-1,L-2,2020-01-01,,A-4'
				)
			)
		).toEqual([
			[2, 'national_worker_id', 'worker_required', {}],
			[3, 'national_worker_id', 'unknown_worker', { value: 'N-9' }],
			[4, 'licence_number', 'unknown_worker', { value: 'L-9' }],
			[5, 'licence_number', 'worker_mismatch', { value: 'L-2' }]
		]);
	});

	it('finds the worker by licence number alone, or by both ids when they agree', () => {
		const plan = planHistory(
			csv('SWTI,CP-101,,L-2,2020-01-01,,A-1', 'SWTI,OLD,N-1,L-1,2020-01-01,,A-2'),
			refs(),
			state()
		);
		expect(plan.problems).toEqual([]);
		expect(plan.ops.map((o) => o.workerId)).toEqual(['worker-2', 'worker-1']);
	});

	it('refuses missing, malformed, future and out-of-order dates, and a long number', () => {
		expect(
			codes(
				csv(
					'SWTI,CP-101,N-1,,,,A-1',
					'SWTI,CP-101,N-1,,2020-02-30,,A-2',
					'SWTI,CP-101,N-1,,2026-12-07,,A-3',
					'SWTI,CP-101,N-1,,2020-05-01,2020-04-30,A-4',
					'SWTI,CP-101,N-1,,2020-05-01,soon,A-5',
					`SWTI,CP-101,N-1,,2020-05-01,,${'9'.repeat(65)}`,
					'SWTI,CP-101,N-1,,2020-05-01,,'
				)
			)
		).toEqual([
			[2, 'issued_on', 'required', {}],
			[3, 'issued_on', 'date', {}],
			[4, 'issued_on', 'future_date', { value: '2026-12-07' }],
			[5, 'expires_on', 'date_order', {}],
			[6, 'expires_on', 'date', {}],
			[7, 'certificate_number', 'too_long', { max: 64 }],
			[8, 'certificate_number', 'required', {}]
		]);
	});

	it('accepts a certificate issued today in the jurisdiction', () => {
		expect(codes(csv('SWTI,CP-101,N-1,,2026-12-06,,A-1'))).toEqual([]);
	});

	it('refuses a number given twice for one provider, naming the first line; other providers may reuse it', () => {
		expect(
			codes(
				csv(
					'SWTI,CP-101,N-1,,2020-01-01,,A-1',
					'SWTI,CP-101,N-2,,2020-01-01,,A-1',
					'UNI,ELSEWHERE,N-1,,2020-01-01,,A-1'
				)
			)
		).toEqual([
			[3, 'certificate_number', 'duplicate', { line: 2 }],
			[4, 'programme_code', 'unknown_programme', { value: 'ELSEWHERE', provider: 'UNI' }]
		]);
	});

	it('finds a duplicate number across the chunks of a big file', () => {
		const check = historyChecker(refs());
		const rec = (line: number, number: string) => ({
			line,
			cells: {
				provider_code: 'SWTI',
				programme_code: 'CP-101',
				national_worker_id: 'N-1',
				licence_number: '',
				issued_on: '2020-01-01',
				expires_on: '',
				certificate_number: number
			}
		});
		const problems: Parameters<typeof check>[1] = [];
		expect(check([rec(2, 'A-1'), rec(3, 'A-2')], problems)).toHaveLength(2);
		expect(check([rec(1002, 'A-3'), rec(1003, 'A-1')], problems)).toHaveLength(1);
		expect(problems.map((p) => [p.line, p.code, p.params])).toEqual([[1003, 'duplicate', { line: 2 }]]);
	});

	it('refuses the rows of providers the uploader is not a member of', () => {
		const mine = refs({ mayRecord: new Set(['org-swti']) });
		expect(codes(csv('SWTI,CP-101,N-1,,2020-01-01,,A-1', 'UNI,ELSEWHERE,N-1,,2020-01-01,,A-2'), mine)).toEqual([
			[3, 'provider_code', 'not_your_provider', { value: 'UNI' }]
		]);
		expect(codes(csv('SWTI,CP-101,N-1,,2020-01-01,,A-1'), refs({ mayRecord: new Set() }))[0][2]).toBe(
			'not_your_provider'
		);
	});

	it('a number already recorded the same way is unchanged (an empty expiry agrees with any recorded one)', () => {
		const recorded = new Map([
			[
				key('org-swti', 'A-1'),
				{
					programmeId: 'prog-cp',
					workerId: 'worker-1',
					issuedOn: '2020-03-15' as const,
					expiresOn: '2022-01-01' as const
				}
			]
		]);
		const plan = planHistory(csv('SWTI,CP-101,N-1,,2020-03-15,,A-1'), refs(), state({ recorded }));
		expect(plan).toEqual({
			rows: [{ line: 2, key: 'SWTI A-1', label: 'Ama Mensah', action: 'unchanged' }],
			problems: [],
			ops: []
		});
		const again = planHistory(csv('SWTI,CP-101,,L-1,2020-03-15,2022-01-01,A-1'), refs(), state({ recorded }));
		expect(again.rows.map((r) => r.action)).toEqual(['unchanged']);
	});

	it('a number already recorded differently is refused, naming what differs', () => {
		const recorded = new Map([
			[
				key('org-swti', 'A-1'),
				{
					programmeId: 'prog-cp',
					workerId: 'worker-1',
					issuedOn: '2020-03-15' as const,
					expiresOn: '2023-03-14' as const
				}
			]
		]);
		const s = state({ recorded });
		expect(codes(csv('SWTI,OLD,N-2,,2020-03-16,2024-01-01,A-1'), refs(), s)).toEqual([
			[
				2,
				'certificate_number',
				'recorded_differently',
				{ value: 'A-1', fields: 'programme_code, national_worker_id, issued_on, expires_on' }
			]
		]);
		expect(codes(csv('SWTI,CP-101,N-1,,2020-03-15,2023-03-15,A-1'), refs(), s)).toEqual([
			[2, 'certificate_number', 'recorded_differently', { value: 'A-1', fields: 'expires_on' }]
		]);
	});

	it('numbers two certificates of one programme for one worker after those held, in file order', () => {
		const s = state({ maxSequence: new Map([[key('prog-cp', 'worker-1'), 2]]) });
		const plan = planHistory(
			csv('SWTI,CP-101,N-1,,2017-01-01,,A-1', 'SWTI,CP-101,N-2,,2017-01-01,,A-2', 'SWTI,CP-101,,L-1,2020-01-01,,A-3'),
			refs(),
			s
		);
		expect(plan.problems).toEqual([]);
		expect(plan.ops.map((o) => [o.number, o.workerId, o.sequence])).toEqual([
			['A-1', 'worker-1', 3],
			['A-2', 'worker-2', 1],
			['A-3', 'worker-1', 4]
		]);
	});
});

describe('who may record certificates (pure)', () => {
	const person = (...memberships: Partial<SessionUser['memberships'][number]>[]): SessionUser => ({
		id: 'u',
		email: '',
		name: '',
		emailVerified: true,
		locale: 'en',
		memberships: memberships.map((m, i) => ({
			id: `m${i}`,
			role: 'LEARNER',
			organisationId: null,
			jurisdictionId: null,
			orgJurisdictionId: null,
			...m
		}))
	});

	it('an administrator or a regulator of the jurisdiction records for every provider', () => {
		expect(recordableProviders(person({ role: 'ADMIN' }), J)).toBeNull();
		expect(recordableProviders(person({ role: 'ADMIN', jurisdictionId: J }), J)).toBeNull();
		expect(recordableProviders(person({ role: 'REGULATOR', jurisdictionId: J }), J)).toBeNull();
		expect(
			recordableProviders(person({ role: 'REGULATOR', organisationId: 'org-reg', orgJurisdictionId: J }), J)
		).toBeNull();
	});

	it('a provider member records only for their providers of this jurisdiction', () => {
		const p = person(
			{ role: 'PROVIDER', organisationId: 'org-swti', orgJurisdictionId: J },
			{ role: 'PROVIDER', organisationId: 'org-far', orgJurisdictionId: 'jur-2' }
		);
		expect(recordableProviders(p, J)).toEqual(new Set(['org-swti']));
		expect(mayRecordCertificates(p, J)).toBe(true);
		expect(mayRecordCertificates(p, 'jur-3')).toBe(false);
	});

	it('a person without a role in the jurisdiction may not', () => {
		expect(mayRecordCertificates(person(), J)).toBe(false);
		expect(mayRecordCertificates(person({ role: 'ADMIN', jurisdictionId: 'jur-2' }, { role: 'LEARNER' }), J)).toBe(
			false
		);
		expect(mayRecordCertificates(person({ role: 'REGULATOR', jurisdictionId: 'jur-2' }), J)).toBe(false);
	});
});
