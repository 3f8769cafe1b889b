import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { db } from '../db';
import { reloadContent, findModule } from '../content';
import { startAttempt, submitAttempt } from './attempts';
import { DomainError } from '../errors';
import { makeUser } from '../../../../tests/helpers/db';
import { licensedWorker, day } from '../../../../tests/helpers/licensing';
import { answerEntries, copyContent, moduleFile } from '../../../../tests/helpers/content';
import { fromDate } from '$lib/calendar-day';

const MODULE = 'care-gatekeeping';
let dir: string;

beforeAll(() => {
	dir = copyContent();
	process.env.CONTENT_DIR = dir;
	reloadContent();
});
afterAll(() => {
	delete process.env.CONTENT_DIR;
	reloadContent();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function pass(userId: string) {
	const a = await startAttempt(userId, MODULE);
	return submitAttempt(userId, a.id, answerEntries(moduleFile(dir, MODULE), a.questionIds, true));
}

async function rowsOf(userId: string) {
	const [attempts, completions, evidence, credits] = await Promise.all([
		db.assessmentAttempt.count({ where: { userId, submittedAt: { not: null } } }),
		db.moduleCompletion.count({ where: { userId } }),
		db.competencyEvidence.count({ where: { userId } }),
		db.cpdEntry.count({ where: { userId } })
	]);
	return { attempts, completions, evidence, credits };
}

describe('assessments', () => {
	it('a pass completes the module against its version, with evidence per competency and one CPD credit', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const r = await pass(user.id);
		expect(r.passed).toBe(true);
		const mod = findModule(MODULE)!;
		const completion = await db.moduleCompletion.findFirstOrThrow({
			where: { userId: user.id },
			include: { moduleVersion: true }
		});
		expect(completion.moduleVersion.contentHash).toBe(mod.hash);
		const evidence = await db.competencyEvidence.findMany({ where: { userId: user.id } });
		expect(evidence.map((e) => e.competencyId).sort()).toEqual([...mod.competencies].sort());
		const credit = await db.cpdEntry.findFirstOrThrow({ where: { userId: user.id } });
		expect(Number(credit.credits)).toBe(mod.credits);
		expect(credit.category).toBe(mod.creditCategory);
	});

	it('a failed attempt stores the draw, answers and score but no completion; the retry draws new questions', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const a = await startAttempt(user.id, MODULE);
		const r = await submitAttempt(user.id, a.id, answerEntries(moduleFile(dir, MODULE), a.questionIds, false));
		expect(r.passed).toBe(false);
		const stored = await db.assessmentAttempt.findUniqueOrThrow({ where: { id: a.id } });
		expect(stored.questionIds).toEqual(a.questionIds);
		expect(stored.score).toBe(0);
		expect(Object.keys(stored.answers as object).sort()).toEqual([...a.questionIds].sort());
		expect(await db.moduleCompletion.count({ where: { userId: user.id } })).toBe(0);
		const b = await startAttempt(user.id, MODULE);
		expect(b.questionIds.filter((q) => a.questionIds.includes(q))).toEqual([]);
	});

	it('passing again adds no credit; editing the module keeps the old completion on the old version', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		await pass(user.id);
		const oldHash = findModule(MODULE)!.hash;
		await pass(user.id); // same version again
		expect(await rowsOf(user.id)).toMatchObject({ completions: 1, credits: 1 });

		const file = moduleFile(dir, MODULE);
		fs.writeFileSync(
			file,
			fs.readFileSync(file, 'utf8').replace('version: 2.0.0', 'version: 2.1.0') + '\nA paragraph added in an edit.\n'
		);
		reloadContent();
		try {
			expect(findModule(MODULE)!.hash).not.toBe(oldHash);
			const old = await db.moduleCompletion.findFirstOrThrow({
				where: { userId: user.id },
				include: { moduleVersion: true }
			});
			expect(old.moduleVersion.contentHash).toBe(oldHash);
			expect(old.moduleVersion.version).toBe('2.0.0');
			await pass(user.id); // the edited version
			const after = await rowsOf(user.id);
			expect(after.completions).toBe(2);
			expect(after.credits).toBe(1); // credited once per module
			const versions = await db.moduleCompletion.findMany({
				where: { userId: user.id },
				include: { moduleVersion: true },
				orderBy: { completedAt: 'asc' }
			});
			expect(versions.map((c) => c.moduleVersion.version)).toEqual(['2.0.0', '2.1.0']);
			expect(after.evidence).toBe(2 * findModule(MODULE)!.competencies.length);
		} finally {
			fs.writeFileSync(
				file,
				fs
					.readFileSync(file, 'utf8')
					.replace('version: 1.1.0', 'version: 1.0.0')
					.replace('\nA paragraph added in an edit.\n', '')
			);
			reloadContent();
		}
	});

	it('rejects tampered submissions with a message and stores nothing', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const a = await startAttempt(user.id, MODULE);
		const file = moduleFile(dir, MODULE);
		const good = answerEntries(file, a.questionIds, true);
		const notDrawn = findModule(MODULE)!.assessment.questions.find((q) => !a.questionIds.includes(q.id))!.id;
		const cases: [string, [string, string][]][] = [
			['unknown option id', good.map(([k, v], i) => (i === 0 ? [k, `${v}9`] : [k, v]))],
			['question not drawn', [...good, [`q.${notDrawn}`, `${notDrawn}.1`]]],
			['question skipped', good.filter(([k]) => k !== `q.${a.questionIds[0]}`)],
			['answered twice', [...good, good[0]]],
			['option of another question', good.map(([k, v], i) => (i === 0 ? [k, `${a.questionIds[1]}.1`] : [k, v]))]
		];
		for (const [label, entries] of cases) {
			const e = await submitAttempt(user.id, a.id, entries).catch((x) => x);
			expect(e, label).toBeInstanceOf(DomainError);
			expect(e.status, label).toBe(400);
			expect(e.message.length, label).toBeGreaterThan(10);
		}
		expect(await rowsOf(user.id)).toEqual({ attempts: 0, completions: 0, evidence: 0, credits: 0 });
		// the honest submission still works, once
		expect((await submitAttempt(user.id, a.id, good)).passed).toBe(true);
		const again = await submitAttempt(user.id, a.id, good).catch((x) => x);
		expect(again.status).toBe(409);
		expect(await rowsOf(user.id)).toMatchObject({ attempts: 1, completions: 1, credits: 1 });
	});

	it("someone else's attempt is not found", async () => {
		const owner = await makeUser([{ role: 'LEARNER' }]);
		const other = await makeUser([{ role: 'LEARNER' }]);
		const a = await startAttempt(owner.id, MODULE);
		const e = await submitAttempt(other.id, a.id, answerEntries(moduleFile(dir, MODULE), a.questionIds, true)).catch(
			(x) => x
		);
		expect(e.status).toBe(404);
	});

	it('limits attempts per day (in the jurisdiction time zone)', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const perDay = findModule(MODULE)!.assessment.attemptsPerDay;
		const day = new Date('2026-05-04T09:00:00Z');
		for (let i = 0; i < perDay; i++) {
			const a = await startAttempt(user.id, MODULE, day);
			await submitAttempt(user.id, a.id, answerEntries(moduleFile(dir, MODULE), a.questionIds, false), day);
		}
		const e = await startAttempt(user.id, MODULE, day).catch((x) => x);
		expect(e.status).toBe(429);
		const nextDay = new Date('2026-05-05T09:00:00Z');
		expect((await startAttempt(user.id, MODULE, nextDay)).id).toBeTruthy();
	});

	it('a module counts again in a later licence cycle only where the renewal rule says so', async () => {
		for (const repeat of [true, false]) {
			const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
			await db.renewalRule.update({ where: { id: w.rule.id }, data: { moduleRepeatCounts: repeat } });
			await db.licenceCycle.create({
				data: {
					licenceId: w.licence.id,
					jurisdictionId: w.j.id,
					ruleId: w.rule.id,
					startsOn: day('2026-01-01'),
					endsOn: day('2026-12-31')
				}
			});
			for (const when of ['2025-05-05T09:00:00Z', '2025-06-06T09:00:00Z', '2026-05-05T09:00:00Z']) {
				const now = new Date(when);
				const a = await startAttempt(w.user.id, MODULE, now);
				expect(
					(await submitAttempt(w.user.id, a.id, answerEntries(moduleFile(dir, MODULE), a.questionIds, true), now))
						.passed
				).toBe(true);
			}
			const credits = await db.cpdEntry.findMany({ where: { userId: w.user.id }, orderBy: { activityDate: 'asc' } });
			expect(credits.map((c) => fromDate(c.activityDate))).toEqual(
				repeat ? ['2025-05-05', '2026-05-05'] : ['2025-05-05']
			);
		}
	});

	it('a draft module cannot be taken', async () => {
		const file = moduleFile(dir, MODULE).replace(MODULE, 'core-draft-test');
		const src = fs
			.readFileSync(moduleFile(dir, MODULE), 'utf8')
			.replace(`id: ${MODULE}`, 'id: core-draft-test')
			.replace(/reviewer:.*\n/, '')
			.replace(/reviewedOn:.*\n/, '');
		fs.writeFileSync(file, src);
		reloadContent();
		try {
			expect(findModule('core-draft-test')?.draft).toBe(true);
			const user = await makeUser([{ role: 'LEARNER' }]);
			const e = await startAttempt(user.id, 'core-draft-test').catch((x) => x);
			expect(e.status).toBe(404);
		} finally {
			fs.rmSync(file);
			reloadContent();
		}
	});
});
