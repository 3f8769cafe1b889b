// Fixtures for licensing tests: a jurisdiction with a rule, a worker with an account and a licence.
import { db } from '../../src/lib/server/db';
import { knownDay, toDate } from '../../src/lib/calendar-day';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from './db';

/** The `date` column value of a day written in a test: a day that does not exist fails loudly, never rolls over. */
export const day = (s: string) => toDate(knownDay(s));
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function makeRule(jurisdictionId: string, over: Record<string, unknown> = {}) {
	const version = (await db.renewalRule.count({ where: { jurisdictionId } })) + 1;
	return db.renewalRule.create({
		data: {
			jurisdictionId,
			version,
			cycleMonths: 12,
			totalCredits: 10,
			categoryMinimums: { ethics: 2 },
			categoryCaps: {},
			selfReportedCounts: true,
			graceDays: 30,
			proRateFirstCycle: false,
			leaveReducesProRata: false,
			moduleRepeatCounts: false,
			...over
		}
	});
}

export async function licensedWorker(opts: { from?: string; to?: string } = {}) {
	const j = await makeJurisdiction();
	const rule = await makeRule(j.id);
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	await db.providerAccreditation.create({
		data: { jurisdictionId: j.id, organisationId: provider.id, accreditedOn: day('2025-01-01') }
	});
	const user = await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }]);
	const worker = await db.workerProfile.create({
		data: { jurisdictionId: j.id, userId: user.id, givenName: 'W', familyName: 'Orker' }
	});
	const licence = await db.licence.create({
		data: {
			jurisdictionId: j.id,
			number: `L-${user.id.slice(0, 6)}`,
			holderName: 'W Orker',
			workerProfileId: worker.id,
			issuedOn: day('2020-01-01')
		}
	});
	const cycle = await db.licenceCycle.create({
		data: {
			licenceId: licence.id,
			jurisdictionId: j.id,
			ruleId: rule.id,
			startsOn: day(opts.from ?? '2026-01-01'),
			endsOn: day(opts.to ?? '2026-12-31')
		}
	});
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const providerAdmin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	return {
		j,
		rule,
		provider,
		user,
		worker,
		licence,
		cycle,
		regulator,
		providerAdmin,
		learner: await sessionUserOf(user.id)
	};
}

export async function addEntries(
	userId: string,
	jurisdictionId: string,
	providerOrgId: string,
	n: number,
	credits = 1,
	category = 'ethics'
) {
	await db.cpdEntry.createMany({
		data: Array.from({ length: n }, (_, i) => ({
			userId,
			jurisdictionId,
			source: 'EXTERNAL' as const,
			activityType: 'in-person',
			status: 'APPROVED' as const,
			title: `Activity ${i}`,
			providerOrgId,
			activityDate: day(`2026-0${1 + (i % 9)}-15`),
			credits,
			category
		}))
	});
}
