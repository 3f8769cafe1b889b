// VAC 3.1(d).1 and RAM 45, counted in the database: two queries sent together (they run side by side on two
// connections), each one pass over the jurisdiction's workers with every disaggregation at once (GROUPING SETS); the
// certificate and licence conditions are hashed sets built once per query. The definitions are in the README
// ("Indicators") and tested on a hand-computed dataset in indicators.test.ts. They run on the read replica when
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
	const area = Prisma.sql`${f.areaId}::uuid`;
	// each area with the area directly below the chosen one (or its region) that contains it: its group in the "by area"
	// breakdown; null when it is not under the chosen area. Areas are regions, districts and wards (a chain of at most
	// four is followed); joined as a small hash table, so the workers are read once.
	const areas = Prisma.sql`(
		select a.id, case
			when ${area} is null then coalesce(p3.id, p2.id, p1.id, a.id)
			when a.id = ${area} then a.id when p1.id = ${area} then a.id when p2.id = ${area} then p1.id when p3.id = ${area} then p2.id end as bucket
		from admin_areas a left join admin_areas p1 on p1.id = a.parent_id left join admin_areas p2 on p2.id = p1.parent_id left join admin_areas p3 on p3.id = p2.parent_id
		where a.jurisdiction_id = ${j})`;
	// workers with child-protection responsibility in the area, employed on the date or during the year
	const workers = (join = Prisma.empty) => Prisma.sql`
		from worker_profiles w left join ${areas} s on s.id = w.area_id ${join}
		where w.jurisdiction_id = ${j} and w.child_protection_responsibility and (${area} is null or s.bucket is not null)
			and w.employment_start <= greatest(${asOf}, ${yEnd}) and (w.employment_end is null or w.employment_end >= least(${asOf}, ${yStart}))`;
	// certificates of recognised programmes of this jurisdiction with a child-protection scope; revoked ones never count
	const recognised = Prisma.sql`
		select c.worker_id from certificates c join programmes p on p.id = c.programme_id
		where c.jurisdiction_id = ${j} and p.jurisdiction_id = ${j} and c.revoked_at is null and p.recognition_status = 'CONFIRMED'`;
	const [groups, credentials] = await Promise.all([
		replica.$queryRaw<GroupCounts[]>`
			with w as (
				select w.cadre::text as cadre, w.sector::text as sector, w.sex::text as sex, w.primary_track as track, s.bucket::text as bucket,
					case when w.education_level >= 'CERTIFICATE' then 'POST_SECONDARY' when w.education_level is not null then 'NO_POST_SECONDARY' end as education,
					(w.employment_start <= ${asOf} and (w.employment_end is null or w.employment_end >= ${asOf})) as vac_in,
					(w.employment_start <= ${yEnd} and (w.employment_end is null or w.employment_end >= ${yStart})) as ram_in,
					w.id in (${recognised} and ${f.version === 'strict' ? Prisma.sql`p.child_victims` : Prisma.sql`(p.child_victims or p.child_protection)`}
						and (${f.partner}::text is null or p.supporting_partner = ${f.partner}::text)
						and c.issued_on <= ${asOf} and (c.expires_on is null or c.expires_on >= ${asOf})) as vac_cert
				${workers()}
			)
			select
				case when grouping(bucket) = 0 then 'area' when grouping(cadre) = 0 then 'cadre' when grouping(sector) = 0 then 'sector'
					when grouping(sex) = 0 then 'sex' when grouping(track) = 0 then 'track' when grouping(education) = 0 then 'education' else 'total' end as dimension,
				case when grouping(bucket) = 0 then bucket when grouping(cadre) = 0 then cadre when grouping(sector) = 0 then sector
					when grouping(sex) = 0 then sex when grouping(track) = 0 then track when grouping(education) = 0 then education end as key,
				(count(*) filter (where vac_in))::int as "vacWorkers",
				(count(*) filter (where vac_in and vac_cert))::int as "vacCertified",
				(count(*) filter (where ram_in))::int as "ramWorkers"
			from w
			group by grouping sets ((), (bucket), (cadre), (sector), (sex), (track), (education))`,
		replica.$queryRaw<{ key: number; ramWorkers: number }[]>`
			select
				-- 2: licensed, a licence that is not revoked with a cycle overlapping the year (one in grace lasts until its grace end)
				(case when w.id in (select l.worker_profile_id from licences l join licence_cycles lc on lc.licence_id = l.id
					where l.jurisdiction_id = ${j} and l.status <> 'REVOKED' and lc.starts_on <= ${yEnd}
						and coalesce(case when lc.outcome = 'GRACE' then lc.grace_until end, lc.ends_on) >= ${yStart}) then 2 else 0 end
				-- 1: certified, a certificate of either child-protection scope valid at some time during the year
				+ case when w.id in (${recognised} and (p.child_victims or p.child_protection) and c.issued_on <= ${yEnd}
					and (c.expires_on is null or c.expires_on >= ${yStart})) then 1 else 0 end) as key,
				count(*)::int as "ramWorkers"
			${workers()} and w.employment_start <= ${yEnd} and (w.employment_end is null or w.employment_end >= ${yStart})
			group by 1`
	]);
	const CREDENTIAL = ['NEITHER', 'CERTIFIED', 'LICENSED', 'LICENSED_CERTIFIED'];
	return [...groups, ...credentials.map((c) => ({ dimension: 'credential' as const, key: CREDENTIAL[c.key], vacWorkers: 0, vacCertified: 0, ramWorkers: c.ramWorkers }))];
}
