// VAC 3.1(d).1 and RAM 45, counted in the database in one statement: one pass over the jurisdiction's (or the chosen
// area's) workers with every disaggregation at once (GROUPING SETS). Whether a worker was certified or licensed on a
// date or during a year is read from date spans kept on the worker by triggers, not worked out from certificates,
// programmes, licences and cycles for each report. The definitions are in
// docs/domains/indicators.md and tested on a hand-computed dataset in indicators.test.ts. They run on the read replica when
// DATABASE_REPLICA_URL names one.
import { Prisma } from '../generated/prisma/client';
import { replica } from '../db';
import type { Filters } from './filters';

export type Dimension = 'total' | 'area' | 'cadre' | 'sector' | 'sex' | 'track' | 'education' | 'credential';

export interface GroupCounts {
	dimension: Dimension;
	/** the group's value (an enum code, a track id, an area id); null = not recorded */
	key: string | null;
	/** VAC: workers with child-protection responsibility employed on the as-of date (the denominator) */
	vacWorkers: number;
	/** VAC: those of them holding a valid certificate of the chosen version (the numerator) */
	vacCertified: number;
	/** RAM 45: workers with child-protection responsibility employed at any time during the year */
	ramWorkers: number;
}

export async function indicatorCounts(jurisdictionId: string, f: Filters): Promise<GroupCounts[]> {
	const j = Prisma.sql`${jurisdictionId}::uuid`;
	const asOf = Prisma.sql`${f.asOf}::date`;
	const yStart = Prisma.sql`${`${f.year}-01-01`}::date`;
	const yEnd = Prisma.sql`${`${f.year}-12-31`}::date`;
	const year = Prisma.sql`daterange(${yStart}, ${yEnd}, '[]')`;
	const area = Prisma.sql`${f.areaId}::uuid`;
	// each area with the area directly below the chosen one (or its region) that contains it: its group in the "by area"
	// breakdown; null when it is not under the chosen area. Areas are regions, districts and wards (a chain of at most
	// four is followed). A small table, kept aside (materialised) so the workers of a chosen area are read through the
	// (jurisdiction, area) index rather than by scanning the whole jurisdiction.
	const areas = Prisma.sql`
		select a.id, case
			when ${area} is null then coalesce(p3.id, p2.id, p1.id, a.id)
			when a.id = ${area} then a.id when p1.id = ${area} then a.id when p2.id = ${area} then p1.id when p3.id = ${area} then p2.id end as bucket
		from admin_areas a left join admin_areas p1 on p1.id = a.parent_id left join admin_areas p2 on p2.id = p1.parent_id left join admin_areas p3 on p3.id = p2.parent_id
		where a.jurisdiction_id = ${j}`;
	const inScope = f.areaId
		? Prisma.sql`join s on s.id = w.area_id where w.area_id = any(array(select id from s where bucket is not null)) and`
		: Prisma.sql`left join s on s.id = w.area_id where`;
	// certified on the as-of date, from the spans triggers keep on each worker (see the migration …_indicator_spans);
	// with a supporting-partner filter, from the certificates themselves (the spans do not record partners)
	const vacCert =
		f.partner === null
			? f.version === 'strict'
				? Prisma.sql`w.certified_strict @> ${asOf}`
				: Prisma.sql`w.certified_aggregate @> ${asOf}`
			: Prisma.sql`exists (select 1 from certificates c join programmes p on p.id = c.programme_id
			where c.worker_id = w.id and c.jurisdiction_id = ${j} and p.jurisdiction_id = ${j} and c.revoked_at is null and p.recognition_status = 'CONFIRMED'
				and ${f.version === 'strict' ? Prisma.sql`p.child_victims` : Prisma.sql`(p.child_victims or p.child_protection)`}
				and p.supporting_partner = ${f.partner}::text and c.issued_on <= ${asOf} and (c.expires_on is null or c.expires_on >= ${asOf}))`;
	// one pass over the jurisdiction's (or the area's) workers with child-protection responsibility, every
	// disaggregation at once; RAM 45's "licensed or certified" is one more grouping
	const rows = await replica.$queryRaw<(GroupCounts & { dimension: Dimension | 'credential' })[]>`
		with s as materialized (${areas}), w as (
			-- narrow columns (enums, a uuid, a boolean) until the end: the grouping sorts less
			select w.cadre, w.sector, w.sex, w.primary_track as track, s.bucket, (w.education_level >= 'CERTIFICATE') as education,
				(w.employment_start <= ${asOf} and (w.employment_end is null or w.employment_end >= ${asOf})) as vac_in,
				(w.employment_start <= ${yEnd} and (w.employment_end is null or w.employment_end >= ${yStart})) as ram_in,
				${vacCert} as vac_cert,
				-- licensed: a cycle of a licence that is not revoked overlapping the year; certified: a certificate of
				-- either child-protection scope valid at some time during the year
				(case when w.licensed_spans && ${year} then 2 else 0 end + case when w.certified_aggregate && ${year} then 1 else 0 end) as credential
			from worker_profiles w ${inScope} w.jurisdiction_id = ${j} and w.child_protection_responsibility and (${area} is null or s.bucket is not null)
				and w.employment_start <= greatest(${asOf}, ${yEnd}) and (w.employment_end is null or w.employment_end >= least(${asOf}, ${yStart}))
		)
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
	const CREDENTIAL = ['NEITHER', 'CERTIFIED', 'LICENSED', 'LICENSED_CERTIFIED'];
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
