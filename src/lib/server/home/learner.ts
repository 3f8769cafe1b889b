// The learner's home: what is missing for renewal (the CPD page's verdict, cpd/compliance) with, for each gap, up to
// three modules that would close it (modules the regulator accredited in that category, not yet completed by her),
// the modules she has begun, and what waits for her: learning agreements to sign, supervision sessions to confirm.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import type { Module } from '../content/types';
import type { Verdict } from '../cpd/compliance';
import { workerLicences } from '../licensing/licences';
import { inForceWhere } from '../licensing/accreditation';
import { fromDate } from '$lib/calendar-day';
import { statuses, visibleModules, type Status } from '../learning/catalogue';
import { superviseeOverview } from '../supervision/sessions';
import { localFramework } from '../content';
import { termsCover, termsOf } from '../authoring/terms';

export interface ModuleLink {
	id: string;
	title: string;
	credits: number;
}

export interface Gap {
	licence: string;
	kind: 'total' | 'category';
	category: string | null;
	/** the category's name in the reader's language */
	categoryTitle: string | null;
	short: number;
	modules: ModuleLink[];
}

export interface LearnerHome {
	gaps: Gap[];
	inProgress: ModuleLink[];
	toSign: { id: string; reference: string; startsOn: Date }[];
	sessionsToConfirm: number;
}

export interface Accreditation {
	moduleId: string;
	credits: number;
	category: string;
}

/**
 * For each gap of a verdict, up to `max` modules that would count toward it: accredited (in the licence's
 * jurisdiction) in the gap's category (any category for a total gap), visible to her and not completed; those giving
 * the most credits first, then by title.
 */
export function modulesForGaps(
	missing: Verdict['missing'],
	accredited: Accreditation[],
	modules: Pick<Module, 'id' | 'title'>[],
	status: Map<string, Status>,
	max = 3
): { kind: 'total' | 'category'; category: string | null; short: number; modules: ModuleLink[] }[] {
	const title = new Map(modules.map((mod) => [mod.id, mod.title]));
	const open = accredited.filter((a) => title.has(a.moduleId) && status.get(a.moduleId) !== 'completed');
	return missing.map((gap) => {
		const category = gap.kind === 'category' ? gap.category : null;
		const fit = open
			.filter((a) => category === null || a.category === category)
			.sort((a, b) => b.credits - a.credits || title.get(a.moduleId)!.localeCompare(title.get(b.moduleId)!))
			.slice(0, max)
			.map((a) => ({ id: a.moduleId, title: title.get(a.moduleId)!, credits: a.credits }));
		return { kind: gap.kind, category, short: gap.short, modules: fit };
	});
}

/** Her placements whose learning agreement waits for her signature (planned or active, not signed by her). */
export function agreementsToSign(userId: string) {
	return db.placement.findMany({
		where: { studentId: userId, studentSignedAt: null, status: { in: ['PLANNED', 'ACTIVE'] } },
		orderBy: { startsOn: 'asc' },
		select: { id: true, startsOn: true, agreement: { select: { reference: true } } }
	});
}

export async function learnerHome(user: SessionUser, _now: Date): Promise<LearnerHome> {
	const [licences, modules, status, toSign, supervisee] = await Promise.all([
		workerLicences(user.id),
		visibleModules(user),
		statuses(user.id),
		agreementsToSign(user.id),
		superviseeOverview(user.id)
	]);
	const current = licences.filter((l) => l.current && l.current.verdict.missing.length);
	const jurisdictions = [...new Set(current.map((l) => l.jurisdictionId))];
	const accreditations = jurisdictions.length
		? await db.moduleAccreditation.findMany({
				where: { jurisdictionId: { in: jurisdictions }, ...inForceWhere(fromDate(new Date())) },
				select: { jurisdictionId: true, moduleId: true, credits: true, category: true, terms: true }
			})
		: [];
	// only an accreditation of the module's current terms credits a completion now (a new version may wait for one)
	const byId = new Map(modules.map((mod) => [mod.id, mod]));
	const covering = accreditations.filter(
		(a) => byId.has(a.moduleId) && termsCover(a.terms, termsOf(byId.get(a.moduleId)!))
	);
	const gaps = current.flatMap((l) =>
		modulesForGaps(
			l.current!.verdict.missing,
			covering
				.filter((a) => a.jurisdictionId === l.jurisdictionId)
				.map((a) => ({ moduleId: a.moduleId, credits: Number(a.credits), category: a.category })),
			modules,
			status
		).map((g) => ({ ...g, licence: l.number }))
	);
	const title = new Map(modules.map((mod) => [mod.id, mod]));
	const categories = new Map(localFramework().categories.map((c) => [c.id, c.title]));
	return {
		gaps: gaps.map((g) => ({ ...g, categoryTitle: g.category ? (categories.get(g.category) ?? g.category) : null })),
		inProgress: [...status]
			.filter(([id, s]) => s === 'in-progress' && title.has(id))
			.map(([id]) => ({ id, title: title.get(id)!.title, credits: title.get(id)!.credits }))
			.sort((a, b) => a.title.localeCompare(b.title)),
		toSign: toSign.map((p) => ({ id: p.id, reference: p.agreement.reference, startsOn: p.startsOn })),
		sessionsToConfirm: supervisee.pending.length
	};
}
