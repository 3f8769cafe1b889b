// Demo data: one jurisdiction with a region → district → ward tree and child populations, one organisation of each
// type, and one account per role (password credo-demo-2026). Idempotent: run it as often as you like.
import { scriptClient } from './lib/prisma.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import type { Role, OrganisationType } from '../src/lib/server/generated/prisma/enums.ts';
import { loadContent } from '../src/lib/server/content/load.ts';
import { newVerificationCode } from '../src/lib/server/certificates/code.ts';
import { knownDay, toDate } from '../src/lib/calendar-day.ts';

export const DEMO_PASSWORD = 'credo-demo-2026';

type Area = { code: string; name: string; children?: number; sub?: Area[] };
/** The demo country's level names, top first (a real country names its own). */
const LEVELS = ['Region', 'District', 'Ward'];
// Child populations (under 18) are demo figures, entered for the wards; regions and districts are the sums of their wards.
const AREAS: Area[] = [
	{
		code: 'NR',
		name: 'Northern Region',
		sub: [
			{
				code: 'NR-LK',
				name: 'Lakeside District',
				sub: [
					{ code: 'NR-LK-HB', name: 'Harbour Ward', children: 18_400 },
					{ code: 'NR-LK-HL', name: 'Hill Ward', children: 12_950 }
				]
			},
			{
				code: 'NR-HG',
				name: 'Highgate District',
				sub: [{ code: 'NR-HG-CT', name: 'Central Ward', children: 22_100 }]
			}
		]
	},
	{
		code: 'SR',
		name: 'Southern Region',
		sub: [
			{
				code: 'SR-RB',
				name: 'Riverbend District',
				sub: [
					{ code: 'SR-RB-MK', name: 'Market Ward', children: 15_700 },
					{ code: 'SR-RB-FM', name: 'Farmlands Ward', children: 9_850 }
				]
			}
		]
	}
];

const ORGS: { slug: string; name: string; type: OrganisationType; area: string }[] = [
	{ slug: 'demo-university', name: 'Demo University School of Social Work', type: 'UNIVERSITY', area: 'NR-LK-HB' },
	{
		slug: 'social-welfare-department',
		name: 'Department of Social Welfare',
		type: 'GOVERNMENT_AGENCY',
		area: 'NR-HG-CT'
	},
	{ slug: 'child-hope', name: 'Child Hope Association', type: 'NGO', area: 'SR-RB-MK' },
	{ slug: 'credo-academy', name: 'Credo Academy', type: 'TRAINING_PROVIDER', area: 'NR-HG-CT' },
	{
		slug: 'social-service-council',
		name: 'Council for Social Service Professions',
		type: 'REGULATOR',
		area: 'NR-HG-CT'
	},
	{
		slug: 'ministry-social-welfare',
		name: 'Ministry of Gender, Children and Social Welfare',
		type: 'MINISTRY',
		area: 'NR-HG-CT'
	}
];

export const DEMO_ACCOUNTS: { email: string; name: string; label: string; role: Role; org?: string }[] = [
	{ email: 'admin@demo.credo.test', name: 'Amina Admin', label: 'administrator', role: 'ADMIN' },
	{ email: 'learner@demo.credo.test', name: 'Lina Learner', label: 'learner (social worker)', role: 'LEARNER' },
	{
		email: 'supervisor@demo.credo.test',
		name: 'Samuel Supervisor',
		label: 'field supervisor, Department of Social Welfare',
		role: 'SUPERVISOR',
		org: 'social-welfare-department'
	},
	{
		email: 'coordinator@demo.credo.test',
		name: 'Chidi Coordinator',
		label: 'university coordinator, Demo University',
		role: 'COORDINATOR',
		org: 'demo-university'
	},
	{
		email: 'provider@demo.credo.test',
		name: 'Priya Provider',
		label: 'provider admin, Credo Academy',
		role: 'PROVIDER',
		org: 'credo-academy'
	},
	{ email: 'regulator@demo.credo.test', name: 'Rosa Regulator', label: 'regulator, Demo Republic', role: 'REGULATOR' },
	{ email: 'analyst@demo.credo.test', name: 'Ali Analyst', label: 'analyst (ministry M&E), read-only', role: 'ANALYST' }
];

export async function seedDemo(url = process.env.DATABASE_URL) {
	const db = scriptClient(url);
	try {
		const j = await db.jurisdiction.upsert({
			where: { code: 'DR' },
			create: { code: 'DR', name: 'Demo Republic', timeZone: 'Africa/Nairobi' },
			update: {}
		});
		const areaIds = new Map<string, string>();
		for (const [depth, name] of LEVELS.entries())
			await db.areaLevel.upsert({
				where: { jurisdictionId_depth: { jurisdictionId: j.id, depth } },
				create: { jurisdictionId: j.id, depth, name },
				update: {}
			});
		const put = async (a: Area, parentId: string | null, depth: number) => {
			const row = await db.adminArea.upsert({
				where: { jurisdictionId_code: { jurisdictionId: j.id, code: a.code } },
				create: { jurisdictionId: j.id, parentId, code: a.code, name: a.name, depth },
				update: {}
			});
			areaIds.set(a.code, row.id);
			if (a.children)
				for (const year of [2025, 2026])
					await db.areaPopulation.upsert({
						where: { areaId_year: { areaId: row.id, year } },
						create: {
							areaId: row.id,
							jurisdictionId: j.id,
							year,
							// 2025: about 2 % fewer children (demo figures)
							population: year === 2026 ? a.children : Math.round(a.children * 0.98),
							source: 'Demo figures'
						},
						update: {}
					});
			for (const s of a.sub ?? []) await put(s, row.id, depth + 1);
		};
		for (const a of AREAS) await put(a, null, 0);

		const orgIds = new Map<string, string>();
		for (const o of ORGS) {
			const row = await db.organisation.upsert({
				where: { slug: o.slug },
				create: {
					slug: o.slug,
					code: o.slug,
					name: o.name,
					type: o.type,
					jurisdictionId: j.id,
					areaId: areaIds.get(o.area)
				},
				update: {}
			});
			orgIds.set(o.slug, row.id);
		}

		const passwordHash = await hashPassword(DEMO_PASSWORD);
		for (const a of DEMO_ACCOUNTS) {
			const user = await db.user.upsert({
				where: { email: a.email },
				create: { email: a.email, name: a.name, passwordHash, emailVerifiedAt: new Date() },
				update: {}
			});
			const organisationId = a.org ? orgIds.get(a.org)! : null;
			const jurisdictionId = a.role === 'ADMIN' || organisationId ? null : j.id;
			const scopeKey = organisationId ? `org:${organisationId}` : jurisdictionId ? `jur:${jurisdictionId}` : 'global';
			await db.membership.upsert({
				where: { userId_role_scopeKey: { userId: user.id, role: a.role, scopeKey } },
				create: { userId: user.id, role: a.role, organisationId, jurisdictionId, scopeKey },
				update: {}
			});
			if (a.role === 'LEARNER' || a.role === 'SUPERVISOR') await seedWorker(db, user, j.id, areaIds, orgIds, a.role);
		}
		await seedLicensing(db, j.id, orgIds);
		await seedCertificates(db, j.id, orgIds);
		await seedWorkforce(db, j.id, areaIds, orgIds);
	} finally {
		await db.$disconnect();
	}
}

async function seedWorker(
	db: ReturnType<typeof scriptClient>,
	user: { id: string; email: string; name: string },
	jurisdictionId: string,
	areaIds: Map<string, string>,
	orgIds: Map<string, string>,
	role: Role
) {
	if (await db.workerProfile.findUnique({ where: { userId: user.id } })) return;
	const [givenName, familyName] = user.name.split(' ');
	const learner = role === 'LEARNER';
	await db.workerProfile.create({
		data: {
			jurisdictionId,
			userId: user.id,
			email: user.email,
			givenName,
			familyName,
			areaId: areaIds.get(learner ? 'NR-LK-HB' : 'NR-HG-CT'),
			organisationId: orgIds.get('social-welfare-department'),
			cadre: learner ? 'PROF_SW' : 'SUPERVISOR',
			sector: 'GOVERNMENTAL',
			paid: true,
			sex: learner ? 'FEMALE' : 'MALE',
			educationLevel: learner ? 'BACHELOR' : 'MASTER',
			employmentStart: new Date(learner ? '2022-03-01' : '2012-09-01'),
			cpFrom: new Date(learner ? '2022-03-01' : '2012-09-01'),
			primaryTrack: learner ? 'care-reform' : 'core',
			identifiers: {
				create: { jurisdictionId, kind: 'NATIONAL_WORKER_ID', value: learner ? 'DR-W-000101' : 'DR-W-000042' }
			}
		}
	});
}

const day = (d: string) => toDate(knownDay(d));

/** A renewal rule, accreditations, and licences in each state a regulator meets: current, due for renewal,
 *  past its grace period, unclaimed. Numbers are demo data a regulator would set. */
async function seedLicensing(db: ReturnType<typeof scriptClient>, jurisdictionId: string, orgIds: Map<string, string>) {
	const rule = await db.renewalRule.upsert({
		where: { jurisdictionId_cadreKey_version: { jurisdictionId, cadreKey: '*', version: 1 } },
		create: {
			jurisdictionId,
			version: 1,
			cycleMonths: 12,
			totalCredits: 10,
			categoryMinimums: { ethics: 2, 'child-protection': 3 },
			categoryCaps: { 'self-directed': 0.5 },
			selfReportedCounts: true,
			graceDays: 60,
			proRateFirstCycle: true,
			leaveReducesProRata: true,
			moduleRepeatCounts: false
		},
		update: {}
	});
	const academy = orgIds.get('credo-academy')!;
	await db.providerAccreditation.upsert({
		where: { jurisdictionId_organisationId: { jurisdictionId, organisationId: academy } },
		create: {
			jurisdictionId,
			organisationId: academy,
			reference: 'CSSP/ACC/2026/014',
			accreditedOn: day('2026-01-15')
		},
		update: {}
	});
	for (const mod of loadContent().content.modules.filter((x) => !x.draft)) {
		await db.moduleAccreditation.upsert({
			where: { jurisdictionId_moduleId: { jurisdictionId, moduleId: mod.id } },
			create: {
				jurisdictionId,
				moduleId: mod.id,
				credits: mod.credits,
				category: mod.creditCategory,
				accreditedOn: day('2026-10-20')
			},
			update: {}
		});
	}
	const worker = async (email: string) =>
		(await db.user.findUnique({ where: { email }, include: { worker: true } }))?.worker ?? null;
	const learner = await worker('learner@demo.credo.test');
	const supervisor = await worker('supervisor@demo.credo.test');
	const licences: {
		number: string;
		holder: string;
		worker: { id: string } | null;
		issued: string;
		cycles: { from: string; to: string; outcome: 'OPEN' | 'RENEWED' | 'GRACE'; grace?: string; first?: boolean }[];
	}[] = [
		{
			number: 'SW-2024-0101',
			holder: 'Lina Learner',
			worker: learner,
			issued: '2024-03-01',
			cycles: [
				{ from: '2025-01-01', to: '2025-12-31', outcome: 'RENEWED', first: true },
				{ from: '2026-01-01', to: '2026-12-31', outcome: 'OPEN' }
			]
		},
		{
			number: 'SW-2012-0042',
			holder: 'Samuel Supervisor',
			worker: supervisor,
			issued: '2012-09-01',
			cycles: [{ from: '2025-11-01', to: '2026-10-31', outcome: 'OPEN' }]
		},
		{
			number: 'SW-2019-0777',
			holder: 'Amara Mensah',
			worker: null,
			issued: '2019-05-01',
			cycles: [{ from: '2025-09-01', to: '2026-08-31', outcome: 'GRACE', grace: '2026-10-30' }]
		},
		{
			number: 'SW-2020-0500',
			holder: 'Lina Learner',
			worker: null,
			issued: '2020-02-01',
			cycles: [{ from: '2026-02-01', to: '2027-01-31', outcome: 'OPEN' }]
		}
	];
	for (const l of licences) {
		const licence = await db.licence.upsert({
			where: { jurisdictionId_number: { jurisdictionId, number: l.number } },
			create: {
				jurisdictionId,
				number: l.number,
				holderName: l.holder,
				workerProfileId: l.worker?.id ?? null,
				cadre: 'PROF_SW',
				issuedOn: day(l.issued)
			},
			update: {}
		});
		if (await db.licenceCycle.count({ where: { licenceId: licence.id } })) continue;
		for (const c of l.cycles) {
			await db.licenceCycle.create({
				data: {
					licenceId: licence.id,
					jurisdictionId,
					ruleId: rule.id,
					startsOn: day(c.from),
					endsOn: day(c.to),
					outcome: c.outcome,
					first: !!c.first,
					graceUntil: c.grace ? day(c.grace) : null
				}
			});
		}
		if (l.worker) {
			await db.workerIdentifier.upsert({
				where: { jurisdictionId_kind_value: { jurisdictionId, kind: 'LICENCE_NUMBER', value: l.number } },
				create: { workerProfileId: l.worker.id, jurisdictionId, kind: 'LICENCE_NUMBER', value: l.number },
				update: {}
			});
		}
	}
	// the supervisor met the requirement in the cycle that just ended: approved activities at an accredited provider
	const supUser = await db.user.findUnique({ where: { email: 'supervisor@demo.credo.test' } });
	if (supUser && !(await db.cpdEntry.count({ where: { userId: supUser.id } }))) {
		for (const [title, date, credits, category] of [
			['Ethics in statutory social work', '2026-02-10', 3, 'ethics'],
			['Child safeguarding refresher', '2026-04-22', 4, 'child-protection'],
			['Reflective supervision practice day', '2026-07-08', 4, 'supervision']
		] as const) {
			await db.cpdEntry.create({
				data: {
					userId: supUser.id,
					jurisdictionId,
					source: 'EXTERNAL',
					status: 'APPROVED',
					title,
					providerName: 'Credo Academy',
					providerOrgId: academy,
					activityDate: day(date),
					credits,
					category,
					reviewedAt: day(date)
				}
			});
		}
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	if (!process.env.DATABASE_URL) {
		const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
		const pg = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
		process.env.DATABASE_URL = pg.url;
		process.on('exit', () => void pg.stop());
	}
	await seedDemo();
	console.log('Demo data is in place.');
	process.exit(0);
}

/**
 * Certificate programmes of Credo Academy: a recognised five-day in-person course with one event (the supervisor
 * attended every day and holds the certificate; the learner missed day 3), a recognised one-module short course that
 * issues automatically, and a module programme awaiting the regulator's recognition.
 */
async function seedCertificates(
	db: ReturnType<typeof scriptClient>,
	jurisdictionId: string,
	orgIds: Map<string, string>
) {
	const providerId = orgIds.get('credo-academy')!;
	const admin = await db.user.findUniqueOrThrow({ where: { email: 'provider@demo.credo.test' } });
	const { content } = loadContent();
	const competenciesOf = (ids: string[]) => [
		...new Set(content.modules.filter((mod) => ids.includes(mod.id)).flatMap((mod) => mod.competencies))
	];
	const d = day; // `day` names the event's days below
	const programmes = [
		{
			code: 'CP-5DAY',
			title: 'Child protection in-service course (five days)',
			description:
				'The yearly five-day in-person course for workers with child-protection responsibility: identifying, responding to and referring children at risk, child-friendly practice with child victims, and safeguarding.',
			track: 'core',
			requiresEvent: true,
			validityMonths: 12,
			childVictims: true,
			childProtection: true,
			supportingPartner: 'UNICEF',
			governmentRecognised: true,
			approvedProvider: true,
			recognitionReference: 'MGCSW/CP/2026/014',
			recognitionDate: d('2026-03-02'),
			recognitionStatus: 'CONFIRMED' as const,
			competencies: competenciesOf([
				'jus-child-friendly-justice',
				'core-ethics-do-no-harm-safeguarding',
				'para-identify-refer-follow-up'
			]),
			modules: [] as { moduleId: string; minScore: number }[],
			autoIssue: false
		},
		{
			code: 'CARE-GK',
			title: 'Gatekeeping in care reform (short course)',
			description: 'A short online course: pass the gatekeeping module with at least 80%.',
			track: 'care-reform',
			requiresEvent: false,
			validityMonths: null,
			childVictims: false,
			childProtection: true,
			supportingPartner: null,
			governmentRecognised: false,
			approvedProvider: true,
			recognitionReference: 'SSC/ACC/2026/007',
			recognitionDate: d('2026-04-20'),
			recognitionStatus: 'CONFIRMED' as const,
			competencies: [],
			modules: [{ moduleId: 'care-gatekeeping', minScore: 80 }],
			autoIssue: true
		},
		{
			code: 'JUS-FOUND',
			title: 'Justice for children: foundations',
			description: 'Child-friendly justice and diversion, for workers in or alongside the justice system.',
			track: 'justice',
			requiresEvent: false,
			validityMonths: 24,
			childVictims: true,
			childProtection: true,
			supportingPartner: null,
			governmentRecognised: true,
			approvedProvider: false,
			recognitionReference: 'MoJ/JFC/2026/031',
			recognitionDate: d('2026-09-15'),
			recognitionStatus: 'REQUESTED' as const,
			competencies: [],
			modules: [
				{ moduleId: 'jus-child-friendly-justice', minScore: 70 },
				{ moduleId: 'jus-diversion', minScore: 70 }
			],
			autoIssue: true
		}
	];
	const ids = new Map<string, string>();
	for (const { modules, ...p } of programmes) {
		const row = await db.programme.upsert({
			where: { providerId_code: { providerId, code: p.code } },
			create: {
				...p,
				jurisdictionId,
				providerId,
				createdById: admin.id,
				recognitionDecidedAt: p.recognitionStatus === 'CONFIRMED' ? p.recognitionDate : null,
				modules: { create: modules.map((x, position) => ({ ...x, position })) }
			},
			update: {}
		});
		ids.set(p.code, row.id);
	}
	const programmeId = ids.get('CP-5DAY')!;
	if (await db.trainingEvent.findFirst({ where: { programmeId } })) return;
	const event = await db.trainingEvent.create({
		data: {
			programmeId,
			jurisdictionId,
			title: 'Five-day child protection course — Lakeside, June 2026',
			mode: 'IN_PERSON',
			venue: 'Lakeside Community Hall',
			startsOn: d('2026-06-08'),
			endsOn: d('2026-06-12'),
			sessionDays: ['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12'].map(d),
			facilitators: ['Grace Mwangi', 'Jean-Baptiste Okafor'],
			createdById: admin.id
		}
	});
	const days = ['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12'];
	const people = await db.user.findMany({
		where: { email: { in: ['learner@demo.credo.test', 'supervisor@demo.credo.test'] } },
		include: { worker: true }
	});
	for (const u of people) {
		if (!u.worker) throw new Error(`the demo ${u.email} has no worker record`);
		await db.eventParticipant.create({ data: { eventId: event.id, workerId: u.worker.id } });
		const missed = u.email.startsWith('learner') ? '2026-06-10' : null;
		await db.attendanceMark.createMany({
			data: days.map((day) => ({
				eventId: event.id,
				workerId: u.worker!.id,
				day: d(day),
				present: day !== missed,
				recordedById: admin.id
			}))
		});
		if (!missed) {
			await db.certificate.create({
				data: {
					jurisdictionId,
					programmeId,
					userId: u.id,
					workerId: u.worker.id,
					holderName: `${u.worker.givenName} ${u.worker.familyName}`,
					sequence: 1,
					code: newVerificationCode(),
					issuedAt: new Date('2026-06-12T15:00:00Z'),
					issuedOn: d('2026-06-12'),
					expiresOn: d('2027-06-11'),
					eventId: event.id,
					issuedById: admin.id,
					competencies: programmes[0].competencies,
					evidence: { modules: [], eventId: event.id, practicumHours: null, supervisionHours: null }
				}
			});
		}
	}
}

/**
 * The demo workforce (HRIS records a ministry would import) and the regulator's QA scorecard, so the indicator page has
 * something to show: 24 worker profiles across the wards with their HRIS fields — most with child-protection
 * responsibility, a few whose employment ended or has not started — and a score for each 3.a.1 criterion (no stage
 * descriptors: the seeds give none). Only what is missing is added.
 */
async function seedWorkforce(
	db: ReturnType<typeof scriptClient>,
	jurisdictionId: string,
	areaIds: Map<string, string>,
	orgIds: Map<string, string>
) {
	const wards = ['NR-LK-HB', 'NR-LK-HL', 'NR-HG-CT', 'SR-RB-MK', 'SR-RB-FM'];
	const given = [
		'Abena',
		'Kwame',
		'Fatima',
		'Joseph',
		'Grace',
		'Samuel',
		'Amina',
		'Peter',
		'Esther',
		'Daniel',
		'Mercy',
		'Ibrahim'
	];
	const family = ['Mensah', 'Okafor', 'Mwangi', 'Banda', 'Diallo', 'Phiri', 'Kamara', 'Njoroge'];
	const cadres = [
		'PROF_SW',
		'PARA_PROF',
		'PROF_SW',
		'CYCW',
		'AUXILIARY',
		'PROF_SW',
		'VOLUNTEER',
		'SUPERVISOR'
	] as const;
	const education = [
		'BACHELOR',
		'CERTIFICATE',
		'MASTER',
		'DIPLOMA',
		'SECONDARY',
		'BACHELOR',
		'NONE',
		'MASTER'
	] as const;
	const tracks = ['care-reform', 'para-professional', 'justice', 'core'];
	for (let i = 0; i < 24; i++) {
		const value = `DR-W-${String(1001 + i).padStart(6, '0')}`;
		if (
			await db.workerIdentifier.findUnique({
				where: { jurisdictionId_kind_value: { jurisdictionId, kind: 'NATIONAL_WORKER_ID', value } }
			})
		)
			continue;
		const ngo = i % 3 === 2;
		await db.workerProfile.create({
			data: {
				jurisdictionId,
				givenName: given[i % given.length],
				familyName: family[(i * 5) % family.length],
				areaId: areaIds.get(wards[i % wards.length]),
				organisationId: orgIds.get(ngo ? 'child-hope' : 'social-welfare-department'),
				cadre: cadres[i % cadres.length],
				sector: ngo ? 'NON_GOVERNMENTAL' : 'GOVERNMENTAL',
				paid: i % 7 !== 6,
				sex: i % 2 ? 'MALE' : 'FEMALE',
				educationLevel: education[i % education.length],
				employmentStart: day(`${2012 + (i % 12)}-0${1 + (i % 9)}-01`),
				cpFrom: i % 6 !== 5 ? day(`${2012 + (i % 12)}-0${1 + (i % 9)}-01`) : null,
				employmentEnd: i % 11 === 10 ? day('2025-06-30') : null,
				primaryTrack: tracks[i % tracks.length],
				identifiers: { create: { jurisdictionId, kind: 'NATIONAL_WORKER_ID', value } }
			}
		});
	}
	const regulator = await db.user.findUnique({ where: { email: 'regulator@demo.credo.test' } });
	if (!regulator || (await db.qaScore.count({ where: { jurisdictionId } }))) return;
	const scores: [number, number, string][] = [
		[
			1,
			3,
			'Demo data: a Children Act and social service workforce regulations exist at national level; district by-laws are in draft.'
		],
		[
			2,
			2,
			'Demo data: supervision standards are adopted but only the government agency applies them; NGOs have no formal supervision yet.'
		],
		[
			3,
			3,
			'Demo data: the Council keeps a licence register with yearly renewal and CPD requirements for social workers; para-professionals are not yet licensed.'
		],
		[
			4,
			2,
			'Demo data: workforce records are kept in Credo for the demo regions only; there is no nation-wide HRIS yet.'
		]
	];
	for (const [criterion, score, justification] of scores) {
		await db.qaScore.create({
			data: { jurisdictionId, criterion, score, justification, evidence: '', scoredById: regulator.id }
		});
	}
}
