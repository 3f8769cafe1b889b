// One worker's record as the register shows it: the HRIS fields, the licences, certificates and training. The e-mail
// addresses (on the record and of the linked account) are shown to the jurisdiction's administrators only.
import { fromDate, type CalendarDay } from '$lib/calendar-day';
import { replica } from '../db';
import type { SessionUser } from '../auth/session';
import { administers } from '../auth/scope';
import { DomainError } from '../errors';
import { inScope, registerReader } from './register';
import { m } from '$lib/paraglide/messages';

const day = (d: Date | null): CalendarDay | null => (d ? fromDate(d) : null);
/** the newest completions shown; the count says how many there are */
export const COMPLETIONS_SHOWN = 100;

/** 403 for someone who may read no register, 404 for a worker who does not exist or is of another jurisdiction. */
export async function workerRecord(user: SessionUser, workerId: string) {
	const scope = registerReader(user);
	const w = await replica.workerProfile.findUnique({
		where: { id: workerId },
		select: {
			jurisdictionId: true,
			userId: true,
			givenName: true,
			familyName: true,
			email: true,
			sex: true,
			cadre: true,
			sector: true,
			paid: true,
			educationLevel: true,
			employmentStart: true,
			employmentEnd: true,
			cpFrom: true,
			cpTo: true,
			user: { select: { email: true } },
			jurisdiction: { select: { code: true, name: true } },
			organisation: { select: { code: true, name: true } },
			area: { select: { code: true, name: true, depth: true } },
			identifiers: { select: { kind: true, value: true }, orderBy: { value: 'asc' } },
			licences: {
				orderBy: { number: 'asc' },
				select: {
					number: true,
					status: true,
					cycles: { orderBy: { startsOn: 'desc' }, take: 1, select: { startsOn: true, endsOn: true, outcome: true } }
				}
			}
		}
	});
	if (!w || !inScope(scope, w.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	const [level, certificates, training] = await Promise.all([
		w.area
			? replica.areaLevel.findUnique({
					where: { jurisdictionId_depth: { jurisdictionId: w.jurisdictionId, depth: w.area.depth } },
					select: { name: true }
				})
			: null,
		replica.certificate.findMany({
			where: { workerId },
			orderBy: { issuedOn: 'desc' },
			select: {
				issuedOn: true,
				expiresOn: true,
				revokedAt: true,
				programmeTitle: true,
				programme: { select: { title: true, provider: { select: { name: true } } } }
			}
		}),
		w.userId ? trainingOf(w.userId) : null
	]);
	const admin = administers(user, w.jurisdictionId);
	const ids = (kind: string) => w.identifiers.filter((i) => i.kind === kind).map((i) => i.value);
	return {
		jurisdiction: w.jurisdiction,
		givenName: w.givenName,
		familyName: w.familyName,
		nationalIds: ids('NATIONAL_WORKER_ID'),
		licenceNumbers: [...new Set([...ids('LICENCE_NUMBER'), ...w.licences.map((l) => l.number)])].sort(),
		sex: w.sex,
		cadre: w.cadre,
		sector: w.sector,
		paid: w.paid,
		educationLevel: w.educationLevel,
		organisation: w.organisation,
		area: w.area && { code: w.area.code, name: w.area.name, level: level?.name ?? null },
		employmentStart: day(w.employmentStart),
		employmentEnd: day(w.employmentEnd),
		cpFrom: day(w.cpFrom),
		cpTo: day(w.cpTo),
		linked: w.userId !== null,
		/** only for the jurisdiction's administrators */
		emails: admin ? { record: w.email, account: w.user?.email ?? null } : null,
		licences: w.licences.map((l) => ({
			number: l.number,
			status: l.status,
			cycle: l.cycles[0]
				? {
						startsOn: fromDate(l.cycles[0].startsOn),
						endsOn: fromDate(l.cycles[0].endsOn),
						outcome: l.cycles[0].outcome
					}
				: null
		})),
		certificates: certificates.map((c) => ({
			programme: c.programmeTitle ?? c.programme.title, // the title it was issued under
			provider: c.programme.provider.name,
			issuedOn: fromDate(c.issuedOn),
			expiresOn: day(c.expiresOn),
			revokedOn: c.revokedAt ? fromDate(c.revokedAt) : null
		})),
		training
	};
}

export type WorkerRecord = Awaited<ReturnType<typeof workerRecord>>;

/** The linked account's module completions (newest first) and CPD credits by review state. */
async function trainingOf(userId: string) {
	const [completions, count, cpd] = await Promise.all([
		replica.moduleCompletion.findMany({
			where: { userId },
			orderBy: { completedAt: 'desc' },
			take: COMPLETIONS_SHOWN,
			select: { completedAt: true, score: true, moduleVersion: { select: { title: true, version: true } } }
		}),
		replica.moduleCompletion.count({ where: { userId } }),
		// what was approved where a reviewer approved less than claimed, else what was claimed
		replica.$queryRaw<{ status: string; credits: string | null; n: number }[]>`
			select status::text, sum(coalesce(approved_credits, credits))::text as credits, count(*)::int as n
			from cpd_entries where user_id = ${userId}::uuid group by status`
	]);
	const credits = (statuses: string[]) =>
		Math.round(cpd.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + Number(c.credits ?? 0), 0) * 100) /
		100;
	return {
		completions: completions.map((c) => ({
			module: c.moduleVersion.title,
			version: c.moduleVersion.version,
			completedAt: c.completedAt.toISOString(),
			score: c.score
		})),
		completionCount: count,
		cpd: {
			/** credits recorded from module completions or approved after review (whether they count is the renewal's) */
			recorded: credits(['RECORDED', 'APPROVED']),
			pending: credits(['PENDING']),
			entries: cpd.reduce((s, c) => s + c.n, 0)
		}
	};
}
