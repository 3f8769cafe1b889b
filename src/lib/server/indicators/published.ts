// Published indicator reports: what was reported, kept as reported, and what the same report gives now.
// Publishing stores, in one transaction, every worker counted anywhere in the report with the group they fell in for
// each breakdown and what they counted for (published_report_rows: the cells are these rows grouped, so each cell's
// worker and certificate ids are kept), then the figures as shown (grouped from those rows, so the two always agree).
// A published report never changes. "Recomputed now" runs the same report on today's records and compares worker by
// worker: who entered or left which cell, and why (a record added or changed after publishing).
import { z } from 'zod';
import { db, replica, type Db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { administers } from '../auth/scope';
import { DomainError, Forbidden } from '../errors';
import { text } from '../forms/fields';
import { canRead } from './access';
import type { ReportContext } from './context';
import type { Filters, Version } from './filters';
import { CREDENTIAL, certificatesOn, indicatorCounts, publishedCounts, workerFacts } from './compute';
import { shapeReport, type IndicatorReport, type RamDimension, type VacDimension } from './report';
import { yearEntries } from './population-store';
import { scorecard } from './qa';
import { dayOf, toDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

/** The 3.a.1 scorecard of the report's year, as published. */
export interface PublishedQa {
	total: number | null;
	band: string | null;
	scored: number;
	scores: { criterion: number; score: number | null }[];
}

/** What a published report keeps beside its rows: the report as shown, the year's 3.a.1, the scope by code. */
export interface PublishedFigures {
	report: IndicatorReport;
	qa: PublishedQa | null;
	/** the scope as chosen, by code (the area, the supporting partner): never a database id */
	scope: { areaCode: string; partnerCode: string; partnerName: string };
}

export interface PublishedReport {
	id: string;
	jurisdictionId: string;
	jurisdictionCode: string;
	areaId: string | null;
	asOf: CalendarDay;
	year: number;
	version: Version;
	partnerId: string | null;
	title: string;
	figures: PublishedFigures;
	publishedBy: string;
	publishedAt: Date;
}

/** A regulator or a ministry officer (an analyst, of the jurisdiction or of one of its ministries) publishes the
 *  jurisdiction's reports; its administrators and global administrators too. */
export function canPublish(user: SessionUser, jurisdictionId: string): boolean {
	return (
		administers(user, jurisdictionId) ||
		user.memberships.some(
			(mem) =>
				(mem.role === 'REGULATOR' && mem.jurisdictionId === jurisdictionId) ||
				(mem.role === 'ANALYST' && (mem.jurisdictionId ?? mem.orgJurisdictionId) === jurisdictionId)
		)
	);
}

export const publishSchema = z.object({ title: text(200) });

/** One worker's place in a report (a row of published_report_rows, or the same computed now). */
interface Facts {
	workerId: string;
	bucket: string | null;
	cadre: string | null;
	sector: string | null;
	sex: string | null;
	track: string | null;
	education: boolean | null;
	credential: number;
	vacIn: boolean;
	vacCert: boolean;
	ramIn: boolean;
	certificateId: string | null;
}

/** The columns of a worker's facts, computed now (`w` of workerFacts with ids) or stored: certified only counts (and
 *  is kept) for a worker in VAC's denominator, with the certificate that made them so. */
const factColumns = (f: Filters, jurisdictionId: string) => Prisma.sql`worker_id, bucket, cadre::text, sector::text,
	sex::text, track, education, credential, vac_in, (vac_in and vac_cert) as vac_cert, ram_in,
	case when vac_in and vac_cert then (${certificatesOn(jurisdictionId, f, Prisma.sql`w.worker_id`)} limit 1) end`;

/**
 * Publishes the report of `f` for the context's jurisdiction under `title`. Rows and figures are read from one
 * snapshot of the database (repeatable read), so what is stored is one consistent state.
 */
export async function publishReport(
	user: SessionUser,
	ctx: ReportContext,
	f: Filters,
	input: z.output<typeof publishSchema>,
	scope: PublishedFigures['scope']
): Promise<string> {
	const jurisdictionId = ctx.jurisdiction.id;
	if (!canPublish(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	const entries = await yearEntries(jurisdictionId, f.year);
	const qa = await scorecard(jurisdictionId, f.year);
	return db.$transaction(
		async (tx) => {
			const report = await tx.publishedReport.create({
				data: {
					jurisdictionId,
					areaId: f.areaId,
					asOf: toDate(f.asOf),
					year: f.year,
					version: f.version,
					partnerId: f.partner,
					title: input.title,
					figures: {},
					publishedById: user.id
				}
			});
			await tx.$executeRaw`${workerFacts(jurisdictionId, f, true)}
				insert into published_report_rows (report_id, worker_id, bucket, cadre, sector, sex, track, education, credential,
					vac_in, vac_cert, ram_in, certificate_id)
				select ${report.id}::uuid, ${factColumns(f, jurisdictionId)} from w where vac_in or ram_in`;
			const figures: PublishedFigures = {
				report: shapeReport(ctx, f, await publishedCounts(tx, report.id), entries),
				qa: {
					total: qa.total,
					band: qa.band,
					scored: qa.scored,
					scores: qa.criteria.map((c) => ({ criterion: c.criterion, score: c.score }))
				},
				scope
			};
			await tx.publishedReport.update({
				where: { id: report.id },
				data: { figures: JSON.parse(JSON.stringify(figures)) }
			});
			await audit(tx, {
				actorId: user.id,
				action: 'indicators.report_published',
				subjectType: 'published_report',
				subjectId: report.id,
				jurisdictionId,
				data: { title: input.title, asOf: f.asOf, year: f.year, version: f.version, ...scope }
			});
			return report.id;
		},
		{ isolationLevel: 'RepeatableRead', timeout: 15 * 60_000, maxWait: 10_000 }
	);
}

const toReport = (r: {
	id: string;
	jurisdictionId: string;
	areaId: string | null;
	asOf: Date;
	year: number;
	version: string;
	partnerId: string | null;
	title: string;
	figures: unknown;
	publishedAt: Date;
	publishedBy: { name: string };
	jurisdictionCode: string;
}): PublishedReport => ({
	id: r.id,
	jurisdictionId: r.jurisdictionId,
	jurisdictionCode: r.jurisdictionCode,
	areaId: r.areaId,
	asOf: dayOf(r.asOf),
	year: r.year,
	version: r.version as Version,
	partnerId: r.partnerId,
	title: r.title,
	figures: r.figures as PublishedFigures,
	publishedBy: r.publishedBy.name,
	publishedAt: r.publishedAt
});

const reportSelect = {
	id: true,
	jurisdictionId: true,
	areaId: true,
	asOf: true,
	year: true,
	version: true,
	partnerId: true,
	title: true,
	figures: true,
	publishedAt: true
} as const;

/** Who published each report, and its jurisdiction's code. */
async function withPublisher<T extends { publishedById: string; jurisdictionId: string }>(rows: T[]) {
	const [users, jurisdictions] = await Promise.all([
		replica.user.findMany({
			where: { id: { in: [...new Set(rows.map((r) => r.publishedById))] } },
			select: { id: true, name: true }
		}),
		replica.jurisdiction.findMany({
			where: { id: { in: [...new Set(rows.map((r) => r.jurisdictionId))] } },
			select: { id: true, code: true }
		})
	]);
	const name = new Map(users.map((u) => [u.id, u.name]));
	const code = new Map(jurisdictions.map((j) => [j.id, j.code]));
	return rows.map((r) => ({
		...r,
		publishedBy: { name: name.get(r.publishedById) ?? '' },
		jurisdictionCode: code.get(r.jurisdictionId) ?? ''
	}));
}

/** A published report this person may read, else 404 (not found and not theirs answer alike). */
export async function publishedReportFor(user: SessionUser, reportId: string): Promise<PublishedReport> {
	const r = await replica.publishedReport.findUnique({
		where: { id: reportId },
		select: { ...reportSelect, publishedById: true }
	});
	if (!r || !canRead(user, r.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	return toReport((await withPublisher([r]))[0]);
}

/** The jurisdiction's published reports, newest first. */
export async function publishedReports(jurisdictionId: string): Promise<PublishedReport[]> {
	const rows = await replica.publishedReport.findMany({
		where: { jurisdictionId },
		select: { ...reportSelect, publishedById: true },
		orderBy: [{ publishedAt: 'desc' }]
	});
	return (await withPublisher(rows)).map(toReport);
}

/** The filters a published report was computed with. */
export function filtersOf(r: PublishedReport): Filters {
	return {
		areaId: r.areaId,
		areaCode: r.figures.scope.areaCode,
		asOf: r.asOf,
		year: r.year,
		version: r.version,
		partner: r.partnerId,
		partnerCode: r.figures.scope.partnerCode
	};
}

// ─── Recomputed now ────────────────────────────────────────────────────────────────────────────────────────────────

/** A cell of a report: an indicator's measure in one group of one breakdown ('total' for the whole scope). */
export interface Cell {
	indicator: 'vac' | 'ram';
	measure: 'workers' | 'certified';
	dimension: 'total' | VacDimension | RamDimension;
	/** the group's code as the report shows it (an area's code, a cadre's code); null = not recorded */
	key: string | null;
}

const VAC_DIMS = ['area', 'cadre', 'sector', 'sex', 'track'] as const;
const RAM_DIMS = ['area', 'cadre', 'credential', 'education', 'sector'] as const;

/** The cells a worker counts in. Pure: the rows' groups in, the cells out. */
export function cellsOf(r: Facts, areaCode: (id: string) => string | null): Cell[] {
	const keyOf = (d: (typeof VAC_DIMS)[number] | (typeof RAM_DIMS)[number]): string | null => {
		switch (d) {
			case 'area':
				return r.bucket === null ? null : areaCode(r.bucket);
			case 'education':
				return r.education === null ? null : r.education ? 'POST_SECONDARY' : 'NO_POST_SECONDARY';
			case 'credential':
				return CREDENTIAL[r.credential];
			default:
				return r[d];
		}
	};
	const cells: Cell[] = [];
	const add = (indicator: Cell['indicator'], measure: Cell['measure'], dims: readonly Cell['dimension'][]) => {
		cells.push({ indicator, measure, dimension: 'total', key: null });
		for (const d of dims) cells.push({ indicator, measure, dimension: d, key: keyOf(d as never) });
	};
	if (r.vacIn) add('vac', 'workers', VAC_DIMS);
	if (r.vacIn && r.vacCert) add('vac', 'certified', VAC_DIMS);
	if (r.ramIn) add('ram', 'workers', RAM_DIMS);
	return cells;
}

const cellId = (c: Cell) => `${c.indicator}|${c.measure}|${c.dimension}|${c.key ?? ''}`;

/** Why a worker's place may have moved since publishing: what was recorded after it. */
export type Reason =
	| 'worker-added'
	| 'worker-corrected'
	| 'certificate-added'
	| 'certificate-revoked'
	| 'recognition-changed'
	| 'licence-status-changed'
	| 'licence-decided'
	| 'unexplained';

export interface WorkerChange {
	workerId: string;
	name: string;
	entered: Cell[];
	left: Cell[];
	reasons: Reason[];
	/** the certificate that counted them as certified, when published and now (its public code) */
	certificateBefore: string | null;
	certificateAfter: string | null;
}

export interface Recomputed {
	report: IndicatorReport;
	/** how many workers' places differ (all of them), and the first of them itemised */
	changed: number;
	changes: WorkerChange[];
}

/** The cells entered and left when a worker's facts go from `before` to `after` (either may be absent). Pure. */
export function cellDiff(before: Facts | null, after: Facts | null, areaCode: (id: string) => string | null) {
	const was = new Map((before ? cellsOf(before, areaCode) : []).map((c) => [cellId(c), c]));
	const is = new Map((after ? cellsOf(after, areaCode) : []).map((c) => [cellId(c), c]));
	return {
		entered: [...is].filter(([id]) => !was.has(id)).map(([, c]) => c),
		left: [...was].filter(([id]) => !is.has(id)).map(([, c]) => c)
	};
}

type Raw = { before: RawFacts | null; after: RawFacts | null };
type RawFacts = {
	worker_id: string;
	bucket: string | null;
	cadre: string | null;
	sector: string | null;
	sex: string | null;
	track: string | null;
	education: boolean | null;
	credential: number;
	vac_in: boolean;
	vac_cert: boolean;
	ram_in: boolean;
	certificate_id: string | null;
};
const facts = (r: RawFacts | null): Facts | null =>
	r && {
		workerId: r.worker_id,
		bucket: r.bucket,
		cadre: r.cadre,
		sector: r.sector,
		sex: r.sex,
		track: r.track,
		education: r.education,
		credential: Number(r.credential),
		vacIn: r.vac_in,
		vacCert: r.vac_cert,
		ramIn: r.ram_in,
		certificateId: r.certificate_id
	};

/** How many changed workers are itemised (the count says how many there are in all). */
export const ITEMISED = 200;

/** The published report's figures recomputed on today's records, with each worker whose place moved, and why. */
export async function recomputedNow(ctx: ReportContext, r: PublishedReport, from: Db = replica): Promise<Recomputed> {
	const f = filtersOf(r);
	const j = r.jurisdictionId;
	const [counts, entries] = await Promise.all([indicatorCounts(j, f), yearEntries(j, f.year)]);
	// worker by worker, in the database: only those whose place differs come back
	const [diff] = await from.$queryRaw<{ changed: number; rows: Raw[] | null }[]>`
		${workerFacts(j, f, true)}, now as (
			select ${factColumns(f, j)} as certificate_id from w where vac_in or ram_in
		), pub as (
			select worker_id, bucket, cadre, sector, sex, track, education, credential, vac_in, vac_cert, ram_in, certificate_id
			from published_report_rows where report_id = ${r.id}::uuid
		), moved as (
			select n as after, p as before from now n full join pub p on p.worker_id = n.worker_id
			where (n.bucket, n.cadre, n.sector, n.sex, n.track, n.education, n.credential, n.vac_in, n.vac_cert, n.ram_in, n.certificate_id)
				is distinct from (p.bucket, p.cadre, p.sector, p.sex, p.track, p.education, p.credential, p.vac_in, p.vac_cert, p.ram_in, p.certificate_id)
		)
		select (select count(*) from moved)::int as changed,
			(select json_agg(json_build_object('before', x.before, 'after', x.after)) from (
				select * from moved order by coalesce((after).worker_id, (before).worker_id) limit ${ITEMISED}) x) as rows`;
	const moved = (diff.rows ?? []).map((x) => ({ before: facts(x.before), after: facts(x.after) }));
	const ids = moved.map((x) => (x.after ?? x.before)!.workerId);
	const why = await reasonsFor(from, ids, r.publishedAt);
	const certIds = moved
		.flatMap((x) => [x.before?.certificateId, x.after?.certificateId])
		.filter((c): c is string => !!c);
	const codes = new Map(
		(await from.certificate.findMany({ where: { id: { in: certIds } }, select: { id: true, code: true } })).map((c) => [
			c.id,
			c.code
		])
	);
	const areaCode = new Map(ctx.areas.map((a) => [a.id, a.code]));
	const code = (id: string) => areaCode.get(id) ?? null;
	return {
		report: shapeReport(ctx, f, counts, entries),
		changed: diff.changed,
		changes: moved.map((x) => {
			const id = (x.after ?? x.before)!.workerId;
			const w = why.get(id);
			const certificateBefore = x.before?.certificateId ? (codes.get(x.before.certificateId) ?? null) : null;
			const certificateAfter = x.after?.certificateId ? (codes.get(x.after.certificateId) ?? null) : null;
			return {
				workerId: id,
				name: w?.name ?? '',
				...cellDiff(x.before, x.after, code),
				reasons: w?.reasons.length ? w.reasons : ['unexplained'],
				certificateBefore,
				certificateAfter
			};
		})
	};
}

/** For each worker, what was recorded about them after `at` that moves a report's cells. */
async function reasonsFor(from: Db, workerIds: string[], at: Date) {
	if (!workerIds.length) return new Map<string, { name: string; reasons: Reason[] }>();
	const rows = await from.$queryRaw<({ id: string; name: string } & Record<Exclude<Reason, 'unexplained'>, boolean>)[]>`
		select w.id, w.given_name || ' ' || w.family_name as name,
			w.created_at > ${at} as "worker-added",
			w.created_at <= ${at} and w.updated_at > ${at} as "worker-corrected",
			exists (select 1 from certificates c where c.worker_id = w.id and c.issued_at > ${at}) as "certificate-added",
			exists (select 1 from certificates c where c.worker_id = w.id and c.revoked_at > ${at}) as "certificate-revoked",
			exists (select 1 from certificates c join programme_recognition_periods rp on rp.programme_id = c.programme_id
				where c.worker_id = w.id and (rp.recorded_at > ${at} or rp.withdrawn_recorded_at > ${at})) as "recognition-changed",
			exists (select 1 from licences l join licence_status_periods sp on sp.licence_id = l.id
				where l.worker_profile_id = w.id and sp.recorded_at > ${at}) as "licence-status-changed",
			exists (select 1 from licences l join licence_cycles lc on lc.licence_id = l.id
				where l.worker_profile_id = w.id and lc.decided_at > ${at}) as "licence-decided"
		from worker_profiles w where w.id = any(${workerIds}::uuid[])`;
	const REASONS = [
		'worker-added',
		'worker-corrected',
		'certificate-added',
		'certificate-revoked',
		'recognition-changed',
		'licence-status-changed',
		'licence-decided'
	] as const;
	return new Map(rows.map((x) => [x.id, { name: x.name, reasons: REASONS.filter((k) => x[k]) as Reason[] }]));
}

/** The scope of a report by code and name, as a published report keeps it. */
export function scopeOf(ctx: ReportContext, f: Filters): PublishedFigures['scope'] {
	const partner = ctx.partners.find((p) => p.id === f.partner);
	return { areaCode: f.areaCode, partnerCode: partner?.code ?? '', partnerName: partner?.name ?? '' };
}
