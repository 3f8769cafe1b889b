// Recognition decisions take effect from the day the regulator gives: the certified spans the indicators read move
// from exactly that day, a day that cannot be is refused beside its field with nothing changed, and a provider's edit
// that sends a programme back for confirmation never trips the history's trigger.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { decideRecognition, recognitionDecisionSchema, updateProgramme, type ProgrammeInput } from './programmes';
import { recognitionDayRefusal } from './recognition-periods';
import { jurisdictionToday } from '../licensing/licences';
import { newVerificationCode } from './code';
import { DomainError } from '../errors';
import { addDays, toDate, type CalendarDay } from '$lib/calendar-day';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

/** A recognised programme (from `from`), a worker holding its certificate issued on `issued`, and today there. */
async function world(from: (today: CalendarDay) => CalendarDay, issued: (today: CalendarDay) => CalendarDay) {
	const j = await makeJurisdiction();
	const today = await jurisdictionToday(j.id);
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const providerAdmin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: provider.id,
			code: `P-${j.code}`,
			title: 'Child protection induction',
			competencies: [],
			requiresEvent: true,
			childProtection: true,
			governmentRecognised: true,
			createdById: providerAdmin.id,
			recognitionStatus: 'CONFIRMED',
			recognitionFrom: toDate(from(today))
		}
	});
	const worker = await db.workerProfile.create({
		data: { jurisdictionId: j.id, givenName: 'Ama', familyName: 'Owusu' }
	});
	await db.certificate.create({
		data: {
			jurisdictionId: j.id,
			programmeId: programme.id,
			workerId: worker.id,
			holderName: 'Ama Owusu',
			sequence: 1,
			code: newVerificationCode(),
			issuedOn: toDate(issued(today)),
			competencies: [],
			evidence: { modules: [] },
			credential: {}
		}
	});
	return { j, today, provider, providerAdmin, regulator, programme, worker };
}

type World = Awaited<ReturnType<typeof world>>;

/** The worker's aggregate certified days, as PostgreSQL writes the multirange ("{[2026-01-01,2026-06-01)}"). */
async function certified(w: World) {
	const [row] = await db.$queryRaw<{ span: string }[]>`
		select certified_aggregate::text as span from worker_profiles where id = ${w.worker.id}::uuid`;
	return row.span;
}

/** Everything a refused decision must leave as it was. */
async function state(w: World) {
	const p = await db.programme.findUniqueOrThrow({ where: { id: w.programme.id } });
	const periods = await db.programmeRecognitionPeriod.findMany({
		where: { programmeId: w.programme.id },
		orderBy: { fromOn: 'asc' },
		select: { fromOn: true, toOn: true }
	});
	const audits = await db.auditEvent.count({ where: { subjectId: w.programme.id } });
	return { status: p.recognitionStatus, from: p.recognitionFrom, periods, audits, span: await certified(w) };
}

const decide = (w: World, input: Record<string, string>) =>
	decideRecognition(w.regulator, recognitionDecisionSchema.parse({ programmeId: w.programme.id, ...input }));

async function refusal(p: Promise<unknown>) {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(DomainError);
	return (e as DomainError).fields;
}

describe('the day a recognition decision takes effect', () => {
	it('a withdrawal moves the certified span to end exactly the day before it: a later and an earlier day', async () => {
		for (const back of [10, 50]) {
			const w = await world(
				(t) => addDays(t, -100),
				(t) => addDays(t, -90)
			);
			expect(await certified(w)).toBe(`{[${addDays(w.today, -90)},)}`);
			const withdrawnFrom = addDays(w.today, -back);
			await decide(w, { decision: 'withdraw', note: 'Reference not a government recognition', withdrawnFrom });
			// counted up to the day before the withdrawal took effect, not a day more or less
			expect(await certified(w)).toBe(`{[${addDays(w.today, -90)},${withdrawnFrom})}`);
			const after = await state(w);
			expect(after.status).toBe('WITHDRAWN');
			expect(after.periods).toEqual([
				{ fromOn: toDate(addDays(w.today, -100)), toOn: toDate(addDays(withdrawnFrom, -1)) }
			]);
			const event = await db.auditEvent.findFirstOrThrow({
				where: { subjectId: w.programme.id, action: 'programme.recognition_withdraw' }
			});
			expect(event.data).toEqual({ from: withdrawnFrom });
		}
	});

	it('a confirmation counts the certificate from the day given, and an empty day means today', async () => {
		const w = await world(
			(t) => addDays(t, -100),
			(t) => addDays(t, -90)
		);
		await decide(w, { decision: 'withdraw', note: 'Suspended pending review', withdrawnFrom: addDays(w.today, -60) });
		await db.programme.update({ where: { id: w.programme.id }, data: { recognitionStatus: 'REQUESTED' } });
		// recognised again from the day the withdrawal took effect: continuous, and that day kept (not turned into today)
		await decide(w, { decision: 'confirm', recognisedFrom: addDays(w.today, -60) });
		expect(await certified(w)).toBe(`{[${addDays(w.today, -90)},)}`);
		expect((await state(w)).from).toEqual(toDate(addDays(w.today, -60)));

		const v = await world(
			(t) => addDays(t, -100),
			(t) => addDays(t, -90)
		);
		await decide(v, { decision: 'withdraw', note: 'Reference expired', withdrawnFrom: addDays(v.today, -30) });
		await db.programme.update({ where: { id: v.programme.id }, data: { recognitionStatus: 'REQUESTED' } });
		await decide(v, { decision: 'confirm', recognisedFrom: '' });
		expect(await certified(v)).toBe(`{[${addDays(v.today, -90)},${addDays(v.today, -30)}),[${v.today},)}`);
	});

	it('each impossible day is refused beside its field, and nothing changes', async () => {
		const w = await world(
			(t) => addDays(t, -100),
			(t) => addDays(t, -90)
		);
		const before = await state(w);
		const tomorrow = addDays(w.today, 1);
		expect(await refusal(decide(w, { decision: 'withdraw', note: 'x', withdrawnFrom: tomorrow }))).toEqual({
			withdrawnFrom: 'The date cannot be in the future.'
		});
		// on (or before) the day the recognition began: it would have held for no day
		for (const d of [addDays(w.today, -100), addDays(w.today, -200)]) {
			const fields = await refusal(decide(w, { decision: 'withdraw', note: 'x', withdrawnFrom: d }));
			expect(Object.keys(fields)).toEqual(['withdrawnFrom']);
			expect(fields.withdrawnFrom).toMatch(/began on .*from .* at the earliest/);
		}
		expect(await state(w)).toEqual(before);

		await decide(w, { decision: 'withdraw', note: 'x', withdrawnFrom: addDays(w.today, -20) });
		await db.programme.update({ where: { id: w.programme.id }, data: { recognitionStatus: 'REQUESTED' } });
		const withdrawn = await state(w);
		// a new recognition cannot overlap the one that ended the day before the withdrawal, nor start tomorrow
		for (const d of [addDays(w.today, -21), addDays(w.today, -95)]) {
			const fields = await refusal(decide(w, { decision: 'confirm', recognisedFrom: d }));
			expect(fields.recognisedFrom).toMatch(/ended on .*must begin after that day/);
		}
		expect(await refusal(decide(w, { decision: 'confirm', recognisedFrom: tomorrow }))).toEqual({
			recognisedFrom: 'The date cannot be in the future.'
		});
		const impossible = recognitionDecisionSchema.safeParse({
			programmeId: w.programme.id,
			decision: 'confirm',
			recognisedFrom: '2026-02-30'
		});
		expect(impossible.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['recognisedFrom', 'Enter a real date, for example 30 June 2026.']
		]);
		expect(await state(w)).toEqual(withdrawn);
	});

	it('the rule: not in the future; withdrawn after the start; recognised after the end of an earlier period', () => {
		const today = '2026-08-20' as CalendarDay;
		const periods = [
			{ from: '2026-01-01' as CalendarDay, to: '2026-03-01' as CalendarDay },
			{ from: '2026-05-01' as CalendarDay, to: null }
		];
		expect(recognitionDayRefusal('withdraw', '2026-05-02', today, periods)).toBeNull();
		expect(recognitionDayRefusal('withdraw', '2026-05-01', today, periods)).not.toBeNull();
		expect(recognitionDayRefusal('withdraw', '2026-08-21', today, periods)).not.toBeNull();
		const ended = [periods[0]];
		expect(recognitionDayRefusal('confirm', '2026-03-02', today, ended)).toBeNull();
		expect(recognitionDayRefusal('confirm', '2026-03-01', today, ended)).not.toBeNull();
		expect(recognitionDayRefusal('confirm', today, today, [])).toBeNull();
	});
});

describe("a provider's edit that sends a recognised programme back to the regulator", () => {
	const edit = (w: World, title: string): ProgrammeInput =>
		({
			code: w.programme.code,
			title,
			description: undefined,
			track: undefined,
			requiresEvent: true,
			deliveredOutside: false,
			contactHours: null,
			minPracticumHours: null,
			minSupervisionHours: null,
			validityMonths: null,
			childVictims: false,
			childProtection: true,
			supportingPartnerId: null,
			autoIssue: false,
			modules: [],
			competencies: []
		}) as unknown as ProgrammeInput;

	it('ends the recognition the day before today', async () => {
		const w = await world(
			(t) => addDays(t, -100),
			(t) => addDays(t, -90)
		);
		expect(await updateProgramme(w.providerAdmin, w.programme.id, edit(w, 'Renamed'))).toEqual({ reconfirm: true });
		expect((await state(w)).periods).toEqual([
			{ fromOn: toDate(addDays(w.today, -100)), toOn: toDate(addDays(w.today, -1)) }
		]);
		expect(await certified(w)).toBe(`{[${addDays(w.today, -90)},${w.today})}`);
	});

	it('on the day the recognition began: no error, the recognition is removed and can be confirmed again today', async () => {
		const w = await world(
			(t) => addDays(t, -100),
			(t) => addDays(t, -90)
		);
		await decide(w, { decision: 'withdraw', note: 'x', withdrawnFrom: addDays(w.today, -40) });
		await db.programme.update({ where: { id: w.programme.id }, data: { recognitionStatus: 'REQUESTED' } });
		await decide(w, { decision: 'confirm' }); // from today
		await updateProgramme(w.providerAdmin, w.programme.id, edit(w, 'Renamed the same day'));
		const after = await state(w);
		expect(after.status).toBe('REQUESTED');
		// the earlier period stays as it was
		expect(after.periods).toEqual([{ fromOn: toDate(addDays(w.today, -100)), toOn: toDate(addDays(w.today, -41)) }]);
		await decide(w, { decision: 'confirm' });
		expect((await state(w)).periods.at(-1)).toEqual({ fromOn: toDate(w.today), toOn: null });
		expect(await certified(w)).toBe(`{[${addDays(w.today, -90)},${addDays(w.today, -40)}),[${w.today},)}`);
	});
});
