// The worked example of docs/domains/indicators.md ("Worked example (by hand)") as rows in the test database, with what
// the DHIS2 example (docs/domains/dhis2.md) adds to each worker: cadre, sector, sex, track, education, certificates
// and one licence. Every number it yields is worked out by hand in those two documents; one place builds it.
import { randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from './db';
import { day, makeRule } from './licensing';

export const WORKED_AS_OF = '2026-06-30';
export const WORKED_YEAR = 2025;

type Worker = {
	cadre: string;
	sector: string;
	sex: string | null;
	track: string | null;
	edu: string | null;
	cpFrom: string | null;
	cpTo?: string;
	end?: string;
	/** issue days of certificates of the recognised child-victims programme (strict and aggregate) */
	certs?: string[];
	/** a licence (never revoked) with a cycle over the whole year 2025 */
	licensed2025?: boolean;
};

/** A–F of the worked example, all in ward W1 and employed since 2020-01-01 unless said. */
export const WORKERS: Record<string, Worker> = {
	A: {
		cadre: 'PROF_SW',
		sector: 'GOVERNMENTAL',
		sex: 'FEMALE',
		track: 'justice',
		edu: 'BACHELOR',
		cpFrom: '2020-01-01',
		certs: ['2026-01-10']
	},
	B: {
		cadre: 'PARA_PROF',
		sector: 'NON_GOVERNMENTAL',
		sex: 'MALE',
		track: null,
		edu: 'SECONDARY',
		cpFrom: '2020-01-01',
		cpTo: '2026-06-29',
		certs: ['2025-05-01']
	},
	C: {
		cadre: 'PROF_SW',
		sector: 'GOVERNMENTAL',
		sex: 'MALE',
		track: 'care-reform',
		edu: 'MASTER',
		cpFrom: '2025-11-01',
		licensed2025: true
	},
	D: {
		cadre: 'CYCW',
		sector: 'NON_GOVERNMENTAL',
		sex: null,
		track: null,
		edu: null,
		cpFrom: '2026-01-01',
		certs: ['2026-03-01']
	},
	E: {
		cadre: 'PROF_SW',
		sector: 'GOVERNMENTAL',
		sex: 'FEMALE',
		track: 'justice',
		edu: 'BACHELOR',
		cpFrom: '2025-06-01',
		end: '2025-03-31'
	},
	F: {
		cadre: 'PROF_SW',
		sector: 'GOVERNMENTAL',
		sex: 'FEMALE',
		track: 'justice',
		edu: 'BACHELOR',
		cpFrom: null,
		certs: ['2025-01-01']
	}
};

/** Province P > districts D1 (wards W1, W2) and D2 (ward W3); 2025 entries W1 10,000, W2 30,000, D2 18,000 (on the
 *  district itself); 2024: W1 9,000. Answers the jurisdiction and one of its regulators. */
export async function workedExample() {
	const j = await makeJurisdiction();
	for (const [depth, name] of ['Province', 'District', 'Ward'].entries())
		await db.areaLevel.create({ data: { jurisdictionId: j.id, depth, name } });
	const area = async (code: string, parentId: string | null, depth: number) =>
		(await db.adminArea.create({ data: { jurisdictionId: j.id, parentId, code, name: `Area ${code}`, depth } })).id;
	const P = await area('P', null, 0);
	const D1 = await area('D1', P, 1);
	const W1 = await area('W1', D1, 2);
	const W2 = await area('W2', D1, 2);
	const D2 = await area('D2', P, 1);
	await area('W3', D2, 2);
	const entries: [string, number, number][] = [
		[W1, 2025, 10_000],
		[W2, 2025, 30_000],
		[D2, 2025, 18_000],
		[W1, 2024, 9_000]
	];
	for (const [areaId, year, population] of entries)
		await db.areaPopulation.create({ data: { areaId, jurisdictionId: j.id, year, population, source: 'Census' } });

	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: provider.id,
			code: 'PS',
			title: 'Working with child victims',
			createdById: randomUUID(),
			recognitionStatus: 'CONFIRMED',
			recognitionFrom: day('2020-01-01'),
			childVictims: true,
			childProtection: true
		}
	});
	const rule = await makeRule(j.id);
	for (const [name, w] of Object.entries(WORKERS)) {
		const worker = await db.workerProfile.create({
			data: {
				jurisdictionId: j.id,
				givenName: name,
				familyName: 'Example',
				areaId: W1,
				cadre: w.cadre as never,
				sector: w.sector as never,
				sex: w.sex as never,
				primaryTrack: w.track,
				educationLevel: w.edu as never,
				cpFrom: w.cpFrom ? day(w.cpFrom) : null,
				cpTo: w.cpTo ? day(w.cpTo) : null,
				employmentStart: day('2020-01-01'),
				employmentEnd: w.end ? day(w.end) : null
			}
		});
		const userId = randomUUID();
		for (const [i, issued] of (w.certs ?? []).entries())
			await db.certificate.create({
				data: {
					jurisdictionId: j.id,
					programmeId: programme.id,
					userId,
					workerId: worker.id,
					holderName: name,
					sequence: i + 1,
					code: randomUUID(),
					issuedOn: day(issued),
					competencies: [],
					evidence: {}
				}
			});
		if (w.licensed2025) {
			const licence = await db.licence.create({
				data: {
					jurisdictionId: j.id,
					number: `L-${randomUUID().slice(0, 8)}`,
					holderName: name,
					workerProfileId: worker.id,
					status: 'ACTIVE',
					issuedOn: day('2015-01-01')
				}
			});
			await db.licenceCycle.create({
				data: {
					licenceId: licence.id,
					jurisdictionId: j.id,
					ruleId: rule.id,
					startsOn: day('2025-01-01'),
					endsOn: day('2025-12-31')
				}
			});
		}
	}
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	return { jurisdiction: j, regulator };
}
