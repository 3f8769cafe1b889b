// The `certificates` CSV: certificates a provider issued before Credo or outside it, one a row, recorded from the
// provider's own records. Pure: the caller loads the jurisdiction's providers and programmes once (HistoryRefs) and,
// for each chunk of the file, the workers, recorded certificates and sequences its rows name (ChunkState).
// Records are evidence: a certificate number already recorded for a provider is never rewritten by a later file — the
// same row again is unchanged, a row that says something else about it is refused.
import type { RowProblem } from '$lib/import-problems';
import { isDay, type CalendarDay } from '$lib/calendar-day';
import { administers, hasRole, rolesOf } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { readCsv, type CsvRecord } from '../imports/csv-read';
import { FirstLines } from '../imports/first-lines';
import type { ImportColumn, Plan, PreviewRow } from '../imports/types';
import { expiryFor } from './eligibility';

export const HISTORY_COLUMNS: readonly ImportColumn[] = [
	{ name: 'provider_code', required: true, example: 'SWTI' },
	{ name: 'programme_code', required: true, example: 'CP-101' },
	{ name: 'national_worker_id', example: 'DR-W-004211' },
	{ name: 'licence_number', example: 'SW-2021-0311' },
	{ name: 'issued_on', required: true, example: '2019-06-14' },
	{ name: 'expires_on', example: '' },
	{ name: 'certificate_number', required: true, example: 'SWTI-2019-0042' }
];
export const HISTORY_MAX_ROWS = 300_000;
export const NUMBER_MAX = 64;
const ID_MAX = 64;

/** A key of several values (codes and numbers hold no control characters). */
export const key = (...parts: string[]) => parts.join('\u001f');

export interface ProgrammeRef {
	id: string;
	jurisdictionId: string;
	validityMonths: number | null;
}

export interface HistoryRefs {
	jurisdictionId: string;
	/** today in the jurisdiction: a certificate issued later is refused */
	today: CalendarDay;
	/** the jurisdiction's organisations: code → id */
	providers: Map<string, string>;
	/** their programmes, by key(provider id, programme code) */
	programmes: Map<string, ProgrammeRef>;
	/** the organisations whose certificates the uploader may record; null: every one */
	mayRecord: Set<string> | null;
}

/** A row whose cells are sound and whose provider and programme exist. */
export interface HistoryRow {
	line: number;
	providerCode: string;
	providerId: string;
	programmeCode: string;
	programme: ProgrammeRef;
	nwid: string | null;
	licence: string | null;
	issuedOn: CalendarDay;
	/** as the file gives it; null: the programme's validity decides */
	expiresGiven: CalendarDay | null;
	number: string;
}

export interface Recorded {
	programmeId: string;
	workerId: string;
	issuedOn: CalendarDay;
	expiresOn: CalendarDay | null;
}

/** What the records say about the rows of one chunk. */
export interface ChunkState {
	/** this jurisdiction's workers by the identifiers the chunk names */
	byNwid: Map<string, string>;
	byLicence: Map<string, string>;
	/** each of those workers' name */
	names: Map<string, string>;
	/** certificates already recorded, by key(provider id, certificate number) */
	recorded: Map<string, Recorded>;
	/** the highest sequence held, by key(programme id, worker id) */
	maxSequence: Map<string, number>;
}

export interface HistoryOp {
	line: number;
	providerId: string;
	providerCode: string;
	programmeId: string;
	workerId: string;
	number: string;
	issuedOn: CalendarDay;
	expiresOn: CalendarDay | null;
	sequence: number;
}

/** Whose certificates this person may record in the jurisdiction: every provider's (null) for an administrator or
 *  a regulator of it; else the providers of the jurisdiction they are a member of (possibly none). */
export function recordableProviders(user: SessionUser, jurisdictionId: string): Set<string> | null {
	if (administers(user, jurisdictionId) || hasRole(user, 'REGULATOR', { jurisdictionId })) return null;
	const own = rolesOf(user, 'PROVIDER').filter((m) => m.organisationId && m.orgJurisdictionId === jurisdictionId);
	return new Set(own.map((m) => m.organisationId!));
}

export function mayRecordCertificates(user: SessionUser, jurisdictionId: string): boolean {
	const providers = recordableProviders(user, jurisdictionId);
	return providers === null || providers.size > 0;
}

type Bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) => void;
const problemsOf =
	(problems: RowProblem[], line: number): Bad =>
	(column, code, params) =>
		problems.push({ line, column, code, ...(params ? { params } : {}) });

/** The cell checks of a file, chunk by chunk (a duplicate number is found across chunks). Answers the sound rows;
 *  the others' problems go to `problems`. */
export function historyChecker(refs: HistoryRefs) {
	const firstNumber = new FirstLines();
	return (records: CsvRecord[], problems: RowProblem[]): HistoryRow[] => {
		const rows: HistoryRow[] = [];
		for (const { line, cells } of records) {
			const before = problems.length;
			const bad = problemsOf(problems, line);
			const { provider_code: providerCode, programme_code: programmeCode, certificate_number: number } = cells;
			const providerId = refs.providers.get(providerCode);
			if (!providerCode) bad('provider_code', 'required');
			else if (!providerId) bad('provider_code', 'unknown_provider', { value: providerCode.slice(0, 64) });
			else if (refs.mayRecord && !refs.mayRecord.has(providerId))
				bad('provider_code', 'not_your_provider', { value: providerCode });
			// a provider's programmes are looked at only for a provider the person may record for
			const mine = !!providerId && (!refs.mayRecord || refs.mayRecord.has(providerId));
			const programme = mine ? refs.programmes.get(key(providerId, programmeCode)) : undefined;
			if (!programmeCode) bad('programme_code', 'required');
			else if (mine && programme?.jurisdictionId !== refs.jurisdictionId)
				bad('programme_code', 'unknown_programme', { value: programmeCode.slice(0, 64), provider: providerCode });
			const [nwid, licence] = [cells.national_worker_id || null, cells.licence_number || null];
			if (!nwid && !licence) bad('national_worker_id', 'worker_required');
			if (nwid && nwid.length > ID_MAX) bad('national_worker_id', 'too_long', { max: ID_MAX });
			if (licence && licence.length > ID_MAX) bad('licence_number', 'too_long', { max: ID_MAX });
			const { issued_on: issuedOn, expires_on: expiresOn } = cells;
			if (!issuedOn) bad('issued_on', 'required');
			else if (!isDay(issuedOn)) bad('issued_on', 'date');
			else if (issuedOn > refs.today) bad('issued_on', 'future_date', { value: issuedOn });
			if (expiresOn && !isDay(expiresOn)) bad('expires_on', 'date');
			else if (expiresOn && isDay(issuedOn) && expiresOn < issuedOn) bad('expires_on', 'date_order');
			if (!number) bad('certificate_number', 'required');
			else if (number.length > NUMBER_MAX) bad('certificate_number', 'too_long', { max: NUMBER_MAX });
			const first = providerCode && number ? firstNumber.claim(key(providerCode, number), line) : undefined;
			if (first) bad('certificate_number', 'duplicate', { line: first });
			if (problems.length > before) continue;
			rows.push({
				line,
				providerCode,
				providerId: providerId!,
				programmeCode,
				programme: programme!,
				nwid,
				licence,
				issuedOn: issuedOn as CalendarDay,
				expiresGiven: (expiresOn || null) as CalendarDay | null,
				number
			});
		}
		return rows;
	};
}

/** The columns on which a row and the certificate recorded under its number disagree (an empty expiry in the file
 *  says nothing: the recorded one stands, even if the programme's validity has changed since). */
function differences(r: HistoryRow, workerId: string, was: Recorded, idColumn: string): string[] {
	const fields: [boolean, string][] = [
		[was.programmeId !== r.programme.id, 'programme_code'],
		[was.workerId !== workerId, idColumn],
		[was.issuedOn !== r.issuedOn, 'issued_on'],
		[!!r.expiresGiven && was.expiresOn !== r.expiresGiven, 'expires_on']
	];
	return fields.filter(([differs]) => differs).map(([, column]) => column);
}

/** The worker a row names (its problems, when an id given names no worker, or the two name different ones). */
function workerOf(r: HistoryRow, state: ChunkState, bad: Bad): string | undefined {
	const byNwid = r.nwid ? state.byNwid.get(r.nwid) : undefined;
	const byLicence = r.licence ? state.byLicence.get(r.licence) : undefined;
	if (r.nwid && !byNwid) bad('national_worker_id', 'unknown_worker', { value: r.nwid });
	if (r.licence && !byLicence) bad('licence_number', 'unknown_worker', { value: r.licence });
	if (byNwid && byLicence && byNwid !== byLicence) bad('licence_number', 'worker_mismatch', { value: r.licence! });
	return byNwid ?? byLicence;
}

/**
 * One chunk's sound rows against the records: each row is a certificate to add (with the next sequence of its
 * programme for its worker, in file order) or one already recorded the same way (unchanged); else its problems.
 */
export function planChunk(rows: HistoryRow[], state: ChunkState, problems: RowProblem[]) {
	const preview: PreviewRow[] = [];
	const ops: HistoryOp[] = [];
	const taken = new Map<string, number>();
	for (const r of rows) {
		const [bad, before] = [problemsOf(problems, r.line), problems.length];
		const workerId = workerOf(r, state, bad);
		if (!workerId || problems.length > before) continue;
		const row = { line: r.line, key: `${r.providerCode} ${r.number}`, label: state.names.get(workerId) };
		const was = state.recorded.get(key(r.providerId, r.number));
		if (was) {
			const fields = differences(r, workerId, was, r.nwid ? 'national_worker_id' : 'licence_number');
			if (fields.length)
				bad('certificate_number', 'recorded_differently', { value: r.number, fields: fields.join(', ') });
			else preview.push({ ...row, action: 'unchanged' });
			continue;
		}
		const pair = key(r.programme.id, workerId);
		const sequence = (taken.get(pair) ?? state.maxSequence.get(pair) ?? 0) + 1;
		taken.set(pair, sequence);
		preview.push({ ...row, action: 'add' });
		ops.push({
			line: r.line,
			providerId: r.providerId,
			providerCode: r.providerCode,
			programmeId: r.programme.id,
			workerId,
			number: r.number,
			issuedOn: r.issuedOn,
			expiresOn: r.expiresGiven ?? expiryFor(r.issuedOn, r.programme.validityMonths),
			sequence
		});
	}
	return { rows: preview, ops };
}

/** A whole (small) file planned at once (tests; the import reads in chunks: history-import.ts). */
export function planHistory(text: string, refs: HistoryRefs, state: ChunkState): Plan<HistoryOp> {
	const { records, problems } = readCsv(text, HISTORY_COLUMNS, HISTORY_MAX_ROWS);
	const { rows, ops } = planChunk(historyChecker(refs)(records, problems), state, problems);
	problems.sort((a, b) => a.line - b.line);
	return { rows, problems, ops: problems.length ? [] : ops };
}
