// Issue 22: a regulator's accreditation carries to a new version of a module only when its notional minutes,
// competencies and pass mark are unchanged; a version with other terms waits for the regulator, while the completions
// of the earlier version go on counting.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { cycleCompliance } from './compliance-data';
import { accreditationOverview, setModule } from './accreditation';
import { modulesAwaitingAccreditation, noticeNewTerms, termsChange } from './accreditation-terms';
import { ensureVersion } from '../learning/versions';
import { getContent } from '../content';
import { termsOf } from '../authoring/terms';
import { noticeSubject } from '../people/notifications';
import { jurisdictionToday } from './licences';
import { addDays } from '$lib/calendar-day';
import { day, licensedWorker } from '../../../../tests/helpers/licensing';

type Worker = Awaited<ReturnType<typeof licensedWorker>>;
const T1 = 'minutes=60;competencies=CP-1,CP-2;pass=70';
const T2 = 'minutes=90;competencies=CP-1,CP-2;pass=70';

const moduleId = () => `terms-${randomBytes(4).toString('hex')}`;

async function version(id: string, terms: string | null) {
	return db.moduleVersion.create({
		data: {
			moduleId: id,
			version: '1',
			contentHash: randomBytes(32).toString('hex'),
			title: id,
			track: 't',
			level: 'l',
			competencies: [],
			credits: 2,
			creditCategory: 'ethics',
			providerSlug: 'p',
			passMark: 70,
			terms
		}
	});
}

/** A completion of `versionId` on `date`, with the CPD entry it records. */
async function completed(w: Worker, v: { id: string; moduleId: string }, date: string) {
	const attempt = await db.assessmentAttempt.create({
		data: { userId: w.user.id, moduleId: v.moduleId, moduleVersionId: v.id, questionIds: [], score: 100, passed: true }
	});
	const completion = await db.moduleCompletion.create({
		data: { userId: w.user.id, moduleId: v.moduleId, moduleVersionId: v.id, attemptId: attempt.id, score: 100 }
	});
	return db.cpdEntry.create({
		data: {
			userId: w.user.id,
			jurisdictionId: w.j.id,
			source: 'MODULE',
			status: 'RECORDED',
			activityType: 'e-learning',
			moduleId: v.moduleId,
			completionId: completion.id,
			title: v.moduleId,
			activityDate: day(date),
			credits: 2,
			category: 'ethics'
		}
	});
}

const accredit = (w: Worker, id: string, terms: string | null, from = '2026-01-01') =>
	db.moduleAccreditation.create({
		data: { jurisdictionId: w.j.id, moduleId: id, credits: 5, category: 'ethics', terms, accreditedOn: day(from) }
	});

async function counted(w: Worker, entryId: string) {
	const e = (await cycleCompliance(w.licence.id))!.verdict.entries.find((x) => x.id === entryId)!;
	return { counted: e.counted, why: e.why };
}

describe('completions count under an accreditation of their version’s terms', () => {
	it('a new version with other terms waits until the regulator accredits them; the earlier version keeps counting', async () => {
		const w = await licensedWorker();
		await db.renewalRule.update({ where: { id: w.rule.id }, data: { moduleRepeatCounts: true } });
		const id = moduleId();
		await accredit(w, id, T1);
		const v1 = await version(id, T1);
		const v2 = await version(id, T2);
		const e1 = await completed(w, v1, '2026-02-01');
		const e2 = await completed(w, v2, '2026-03-01');
		expect(await counted(w, e1.id)).toMatchObject({ counted: 5 });
		expect(await counted(w, e2.id)).toEqual({ counted: 0, why: 'unaccredited' });
		// the regulator accredits the new terms: both count, each under its own period
		await accredit(w, id, T2, '2026-02-15');
		expect(await counted(w, e1.id)).toMatchObject({ counted: 5 });
		expect(await counted(w, e2.id)).toMatchObject({ counted: 5 });
	});

	it('an accreditation recorded before terms were kept covers every version; a version without terms is covered', async () => {
		const w = await licensedWorker();
		await db.renewalRule.update({ where: { id: w.rule.id }, data: { moduleRepeatCounts: true } });
		const legacy = moduleId();
		await accredit(w, legacy, null);
		const e = await completed(w, await version(legacy, T2), '2026-02-01');
		expect(await counted(w, e.id)).toMatchObject({ counted: 5 });
		const old = moduleId();
		await accredit(w, old, T1);
		const e0 = await completed(w, await version(old, null), '2026-02-01');
		expect(await counted(w, e0.id)).toMatchObject({ counted: 5 });
	});
});

describe('the regulator’s side', () => {
	const mod = () => getContent().modules.find((x) => !x.draft)!;
	const OLD = 'minutes=1;competencies=;pass=50';

	it('the overview says a new version waits, with what changed, until the regulator accredits its terms', async () => {
		const w = await licensedWorker();
		const current = mod();
		await accredit(w, current.id, OLD, '2025-01-01');
		let row = (await accreditationOverview(w.regulator)).modules.find((x) => x.id === current.id)!;
		expect(row).toMatchObject({ credits: null, inForce: true });
		expect(row.waiting?.minutes).toEqual({ from: 1, to: current.minutes });
		expect(row.waiting?.competencies?.added).toHaveLength(current.competencies.length);
		expect(row.periods.map((p) => p.current)).toEqual([false]);
		expect(await modulesAwaitingAccreditation(w.j.id)).toBe(1);

		await setModule(w.regulator, { moduleId: current.id, credits: 3, category: 'ethics', accredit: 'yes' });
		const rows = await db.moduleAccreditation.findMany({
			where: { jurisdictionId: w.j.id, moduleId: current.id },
			orderBy: { accreditedOn: 'asc' }
		});
		// the earlier terms' period is left as it was (it covers the earlier version's completions)
		expect(rows.map((r) => [r.terms, r.validTo])).toEqual([
			[OLD, null],
			[termsOf(current), null]
		]);
		row = (await accreditationOverview(w.regulator)).modules.find((x) => x.id === current.id)!;
		expect(row).toMatchObject({ credits: 3, waiting: null });
		expect(await modulesAwaitingAccreditation(w.j.id)).toBe(0);
		// the same grant again changes nothing: the timeline of the current terms is the one planned on
		await expect(
			setModule(w.regulator, { moduleId: current.id, credits: 3, category: 'ethics', accredit: 'yes' })
		).rejects.toMatchObject({ status: 400 });
		// ending it (from tomorrow) ends every accreditation of the module in force
		const from = addDays(await jurisdictionToday(w.j.id), 1);
		await setModule(w.regulator, { moduleId: current.id, credits: 3, category: 'ethics', accredit: 'no', from });
		const ended = await db.moduleAccreditation.findMany({ where: { jurisdictionId: w.j.id, moduleId: current.id } });
		expect(ended.every((r) => r.validTo !== null)).toBe(true);
	});

	it('a legacy accreditation leaves nothing waiting', async () => {
		const w = await licensedWorker();
		await accredit(w, mod().id, null, '2025-01-01');
		const row = (await accreditationOverview(w.regulator)).modules.find((x) => x.id === mod().id)!;
		expect(row.waiting).toBeNull();
		expect(row.credits).toBe(5);
		expect(await modulesAwaitingAccreditation(w.j.id)).toBe(0);
	});

	it('publishing new terms tells the regulators whose accreditation no longer covers the module, once', async () => {
		const w = await licensedWorker();
		const legacy = await licensedWorker();
		const same = await licensedWorker();
		const id = moduleId();
		await accredit(w, id, T1, '2025-01-01');
		await accredit(legacy, id, null, '2025-01-01');
		await accredit(same, id, T2, '2025-01-01');
		const told = await db.$transaction((tx) => noticeNewTerms(tx, id, 'Case notes', T2));
		expect(told).toEqual([w.j.id]);
		await db.$transaction((tx) => noticeNewTerms(tx, id, 'Case notes', T2));
		const notices = await db.notification.findMany({
			where: { subject: noticeSubject.accreditationTerms(w.j.id, id) }
		});
		expect(notices.map((n) => [n.userId, n.kind])).toEqual([[w.regulator.id, 'accreditation-new-terms']]);
		expect(notices[0].body).toContain('Case notes');
		expect(await db.notification.count({ where: { userId: { in: [legacy.regulator.id, same.regulator.id] } } })).toBe(
			0
		);
	});

	it('accrediting the new terms clears the notice', async () => {
		const w = await licensedWorker();
		const current = mod();
		await accredit(w, current.id, OLD, '2025-01-01');
		await db.$transaction((tx) => noticeNewTerms(tx, current.id, current.title, termsOf(current)));
		const subject = noticeSubject.accreditationTerms(w.j.id, current.id);
		expect(await db.notification.count({ where: { subject, doneAt: null } })).toBe(1);
		await setModule(w.regulator, { moduleId: current.id, credits: 3, category: 'ethics', accredit: 'yes' });
		expect(await db.notification.count({ where: { subject, doneAt: null } })).toBe(0);
	});
});

describe('versions and terms', () => {
	it('a new module version records its notional minutes and terms', async () => {
		const m = getContent().modules[0];
		const row = await ensureVersion({ ...m, hash: randomBytes(32).toString('hex') });
		expect([row.minutes, row.terms]).toEqual([m.minutes, termsOf(m)]);
	});

	it('what changed between two terms', () => {
		expect(termsChange(T1, 'minutes=60;competencies=CP-2,CP-3;pass=80')).toEqual({
			minutes: null,
			competencies: { added: ['CP-3'], removed: ['CP-1'] },
			passMark: { from: 70, to: 80 }
		});
		expect(termsChange(null, T1)).toEqual({ minutes: null, competencies: null, passMark: null });
	});
});
