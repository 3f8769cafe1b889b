// VAC 3.1(d).1 and RAM 45, counted in the database in one statement: one pass over the jurisdiction's (or the chosen
// area's) workers with every disaggregation at once (GROUPING SETS). Whether a worker was certified or licensed on a
// date or during a year is read from date spans kept on the worker by triggers, not worked out from certificates,
// programmes, licences and cycles for each report. The definitions are in
// docs/domains/indicators.md and tested on a hand-computed dataset in indicators.test.ts. They run on the read replica when
// DATABASE_REPLICA_URL names one.
import { Prisma } from '../generated/prisma/client';
import { replica, type Db } from '../db';
import type { Filters } from './filters';

export type Dimension = 'total' | 'area' | 'cadre' | 'sector' | 'sex' | 'track' | 'education' | 'credential';

export interface GroupCounts {
	dimension: Dimension;
	/** the group's value (an enum code, a track id, an area id); null = not recorded */
	key: string | null;
	/** VAC: workers employed and holding child-protection responsibility on the as-of date (the denominator) */
	vacWorkers: number;
	/** VAC: those of them holding a valid certificate of the chosen version (the numerator) */
	vacCertified: number;
	/** RAM 45: workers employed and holding child-protection responsibility on at least one day of the year */
	ramWorkers: number;
}

/**
 * The worker's certificates that make them certified on the as-of date (VAC's numerator): valid that day (issued, not
 * expired, not yet revoked), of the version's scope and the chosen partner, their programme recognised that day — the
 * same days as the spans' (migration …_reported_figures). `worker` names the worker's id in the enclosing query.
 */
export function certificatesOn(jurisdictionId: string, f: Filters, worker: Prisma.Sql): Prisma.Sql {
	const j = Prisma.sql`${jurisdictionId}::uuid`;
	const asOf = Prisma.sql`${f.asOf}::date`;
	return Prisma.sql`select c.id from certificates c join programmes p on p.id = c.programme_id
		where c.worker_id = ${worker} and c.jurisdiction_id = ${j} and p.jurisdiction_id = ${j}
			and c.issued_on <= ${asOf} and (c.expires_on is null or c.expires_on >= ${asOf}) and (c.revoked_on is null or c.revoked_on > ${asOf})
			and ${f.version === 'strict' ? Prisma.sql`p.child_victims` : Prisma.sql`(p.child_victims or p.child_protection)`}
			and ${f.partner === null ? Prisma.sql`true` : Prisma.sql`p.supporting_partner_id = ${f.partner}::uuid`}
			and exists (select 1 from programme_recognition_periods rp where rp.programme_id = p.id and rp.from_on <= ${asOf}
				and (rp.to_on is null or rp.to_on >= ${asOf}))
		order by c.issued_on, c.id`;
}

/**
 * The workers of the report's scope, one row each (`w`), with their group in each breakdown and what they count for:
 * vac_in (VAC's denominator), vac_cert (its numerator), ram_in (RAM 45's workers), credential (0–3). `withIds` adds
 * the worker's id (publishing stores the rows: the ids counted in each cell).
 */
export function workerFacts(jurisdictionId: string, f: Filters, withIds = false): Prisma.Sql {
	const j = Prisma.sql`${jurisdictionId}::uuid`;
	const asOf = Prisma.sql`${f.asOf}::date`;
	const yStart = Prisma.sql`${`${f.year}-01-01`}::date`;
	const yEnd = Prisma.sql`${`${f.year}-12-31`}::date`;
	const year = Prisma.sql`daterange(${yStart}, ${yEnd}, '[]')`;
	const area = Prisma.sql`${f.areaId}::uuid`;
	// each area in scope with its group in the "by area" breakdown: the top-level area above it (whole jurisdiction) or
	// the area directly below the chosen one on its way down (the chosen area itself for its own workers). Walked down
	// the tree once, whatever its depth (`union` stops at a cycle). A small table, kept aside (materialised) so the
	// workers of a chosen area are read through the (jurisdiction, area) index rather than by scanning the jurisdiction.
	const areas = Prisma.sql`
		select a.id, a.id as bucket from admin_areas a
		where a.jurisdiction_id = ${j} and case when ${area} is null then a.parent_id is null else a.id = ${area} end
		union
		select c.id, case when s.id = ${area} then c.id else s.bucket end from s join admin_areas c on c.parent_id = s.id`;
	const inScope = f.areaId
		? Prisma.sql`join s on s.id = w.area_id where w.area_id = any(array(select id from s)) and`
		: Prisma.sql`left join s on s.id = w.area_id where`;
	// certified on the as-of date, from the spans triggers keep on each worker (see the migration …_indicator_spans);
	// with a supporting-partner filter, from the certificates themselves (the spans do not record partners)
	const vacCert =
		f.partner === null
			? f.version === 'strict'
				? Prisma.sql`w.certified_strict @> ${asOf}`
				: Prisma.sql`w.certified_aggregate @> ${asOf}`
			: Prisma.sql`exists (${certificatesOn(jurisdictionId, f, Prisma.sql`w.id`)})`;
	// one pass over the jurisdiction's (or the area's) workers who ever held child-protection responsibility, every
	// disaggregation at once; RAM 45's "licensed or certified" is one more grouping. A worker counts on the days both
	// the employment and the responsibility hold (cp_from … cp_to, inclusive; no cp_to: still holds it): VAC on the
	// as-of date, RAM 45 when that intersection overlaps the year. greatest/least skip nulls, hence the explicit checks.
	const empEnd = Prisma.sql`coalesce(w.employment_end, 'infinity'::date)`;
	const cpEnd = Prisma.sql`coalesce(w.cp_to, 'infinity'::date)`;
	return Prisma.sql`with recursive s(id, bucket) as materialized (${areas}), w as (
			-- narrow columns (enums, a uuid, a boolean) until the end: the grouping sorts less
			select ${withIds ? Prisma.sql`w.id as worker_id,` : Prisma.empty} w.cadre, w.sector, w.sex, w.primary_track as track, s.bucket, (w.education_level >= 'CERTIFICATE') as education,
				(greatest(w.employment_start, w.cp_from) <= ${asOf} and least(${empEnd}, ${cpEnd}) >= ${asOf}) as vac_in,
				(greatest(w.employment_start, w.cp_from, ${yStart}) <= least(${empEnd}, ${cpEnd}, ${yEnd})) as ram_in,
				${vacCert} as vac_cert,
				-- licensed: a day of a cycle its licence was active on, during the year; certified: a certificate of either
				-- child-protection scope valid, its programme recognised, on a day of the year
				(case when w.licensed_spans && ${year} then 2 else 0 end + case when w.certified_aggregate && ${year} then 1 else 0 end) as credential
			from worker_profiles w ${inScope} w.jurisdiction_id = ${j} and w.cp_from is not null and w.employment_start is not null
				and (${area} is null or s.bucket is not null)
				and greatest(w.employment_start, w.cp_from) <= greatest(${asOf}, ${yEnd}) and least(${empEnd}, ${cpEnd}) >= least(${asOf}, ${yStart})
		)`;
}

/** Every breakdown of the rows of `w` at once (GROUPING SETS). */
const GROUPED = Prisma.sql`
		select
			case when grouping(bucket) = 0 then 'area' when grouping(cadre) = 0 then 'cadre' when grouping(sector) = 0 then 'sector'
				when grouping(sex) = 0 then 'sex' when grouping(track) = 0 then 'track' when grouping(education) = 0 then 'education'
				when grouping(credential) = 0 then 'credential' else 'total' end as dimension,
			case when grouping(bucket) = 0 then bucket::text when grouping(cadre) = 0 then cadre::text when grouping(sector) = 0 then sector::text
				when grouping(sex) = 0 then sex::text when grouping(track) = 0 then track
				when grouping(education) = 0 then case education when true then 'POST_SECONDARY' when false then 'NO_POST_SECONDARY' end
				when grouping(credential) = 0 then credential::text end as key,
			(count(*) filter (where vac_in))::int as "vacWorkers",
			(count(*) filter (where vac_in and vac_cert))::int as "vacCertified",
			(count(*) filter (where ram_in))::int as "ramWorkers"
		from w
		group by grouping sets ((), (bucket), (cadre), (sector), (sex), (track), (education), (credential))`;

type Grouped = GroupCounts & { dimension: Dimension | 'credential' };

export async function indicatorCounts(jurisdictionId: string, f: Filters): Promise<GroupCounts[]> {
	return toGroups(await replica.$queryRaw<Grouped[]>`${workerFacts(jurisdictionId, f)} ${GROUPED}`);
}

/** The same counts from the rows stored with a published report (its cells, as published). */
export async function publishedCounts(from: Db, reportId: string): Promise<GroupCounts[]> {
	return toGroups(
		await from.$queryRaw<
			Grouped[]
		>`with w as (select * from published_report_rows where report_id = ${reportId}::uuid) ${GROUPED}`
	);
}

export const CREDENTIAL = ['NEITHER', 'CERTIFIED', 'LICENSED', 'LICENSED_CERTIFIED'];

function toGroups(rows: Grouped[]): GroupCounts[] {
	return rows.flatMap((r) =>
		r.dimension !== 'credential'
			? [r]
			: r.ramWorkers
				? [
						{
							dimension: 'credential' as const,
							key: CREDENTIAL[Number(r.key)],
							vacWorkers: 0,
							vacCertified: 0,
							ramWorkers: r.ramWorkers
						}
					]
				: []
	);
}
