// Demo data: one jurisdiction with a region → district → ward tree and child populations, one organisation of each
// type (and UNICEF, an NGO of the register that supports a programme), and one account per role (password
// credo-demo-2026). Idempotent: run it as often as you like.
import { scriptClient } from './lib/prisma.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import type { Role, OrganisationType } from '../src/lib/server/generated/prisma/enums.ts';
import { loadContent } from '../src/lib/server/content/load.ts';
import { newVerificationCode } from '../src/lib/server/certificates/code.ts';
import { addDays, dayIn, knownDay, toDate, type CalendarDay } from '../src/lib/calendar-day.ts';

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
	// the supporting partner of the five-day course, chosen from the register
	{ slug: 'unicef', name: 'UNICEF', type: 'NGO', area: 'NR-HG-CT' },
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
	{
		email: 'author@demo.credo.test',
		name: 'Ada Author',
		label: 'module author, Credo Academy',
		role: 'AUTHOR',
		org: 'credo-academy'
	},
	{ email: 'regulator@demo.credo.test', name: 'Rosa Regulator', label: 'regulator, Demo Republic', role: 'REGULATOR' },
	{ email: 'analyst@demo.credo.test', name: 'Ali Analyst', label: 'analyst (ministry M&E), read-only', role: 'ANALYST' }
];

/** People who make each role's work visible (issue 17): three social workers of the Department of Social Welfare,
 *  supervised by the demo supervisor and holding licences in the renewal queue, and seven social-work students of Demo
 *  University on field placements with the demo supervisor. */
export const DEMO_PEOPLE: {
	email: string;
	name: string;
	sex: 'FEMALE' | 'MALE';
	licence?: string;
	workerId?: string;
}[] = [
	{
		email: 'worker1@demo.credo.test',
		name: 'Kofi Asante',
		sex: 'MALE',
		licence: 'SW-2021-0311',
		workerId: 'DR-W-000201'
	},
	{
		email: 'worker2@demo.credo.test',
		name: 'Esi Boateng',
		sex: 'FEMALE',
		licence: 'SW-2022-0412',
		workerId: 'DR-W-000202'
	},
	{
		email: 'worker3@demo.credo.test',
		name: 'Musa Bello',
		sex: 'MALE',
		licence: 'SW-2018-0213',
		workerId: 'DR-W-000203'
	},
	{ email: 'student1@demo.credo.test', name: 'Thandiwe Moyo', sex: 'FEMALE' },
	{ email: 'student2@demo.credo.test', name: 'Yusuf Adeyemi', sex: 'MALE' },
	{ email: 'student3@demo.credo.test', name: 'Nadia Kariuki', sex: 'FEMALE' },
	{ email: 'student4@demo.credo.test', name: 'Tendai Chikwanha', sex: 'MALE' },
	{ email: 'student5@demo.credo.test', name: 'Halima Juma', sex: 'FEMALE' },
	{ email: 'student6@demo.credo.test', name: 'Emeka Nwosu', sex: 'MALE' },
	{ email: 'student7@demo.credo.test', name: 'Rehema Mushi', sex: 'FEMALE' }
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
		await seedWork(db, j.id, orgIds);
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
/** credits per hour by activity type in the demo rule; supervision received and field instruction given earn CPD */
const DEMO_RATES = {
	'in-person': 1,
	'live-online': 1,
	'self-study': 0.5,
	presenting: 2,
	'supervision-received': 0.5,
	'field-instruction': 0.5
};

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
			categoryCaps: {},
			// no document gives CPD quotas (DOMAIN-FACTS §1 flag 5): the demo's are illustrative, all configurable
			activityCaps: { 'self-study': 0.5 },
			activityRates: DEMO_RATES,
			selfReportedCounts: true,
			graceDays: 60,
			proRateFirstCycle: true,
			leaveReducesProRata: true,
			moduleRepeatCounts: false
		},
		update: {}
	});
	const academy = orgIds.get('credo-academy')!;
	// accredited since before the demo's oldest cycle: a credit counts only for activity inside its accreditation
	if (!(await db.providerAccreditation.findFirst({ where: { jurisdictionId, organisationId: academy } })))
		await db.providerAccreditation.create({
			data: { jurisdictionId, organisationId: academy, reference: 'CSSP/ACC/2019/014', accreditedOn: day('2019-01-15') }
		});
	for (const mod of loadContent().content.modules.filter((x) => !x.draft)) {
		if (await db.moduleAccreditation.findFirst({ where: { jurisdictionId, moduleId: mod.id } })) continue;
		await db.moduleAccreditation.create({
			data: {
				jurisdictionId,
				moduleId: mod.id,
				credits: mod.credits,
				category: mod.creditCategory,
				accreditedOn: day('2019-01-15')
			}
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
					graceUntil: c.grace ? day(c.grace) : null,
					// renewals before Credo kept its ledger: the reason says what they rested on
					...(c.outcome === 'RENEWED' ? { decisionReason: PAPER_RENEWAL, decidedAt: day(c.to) } : {})
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
					activityType: 'in-person',
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
			supportingPartnerId: orgIds.get('unicef')!,
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
			supportingPartnerId: null,
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
			supportingPartnerId: null,
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
				// recognised from the day of its recognition (the certificates in the demo come after it)
				recognitionFrom: p.recognitionStatus === 'CONFIRMED' ? p.recognitionDate : null,
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
	await seedQaScores(db, jurisdictionId);
}

/**
 * The regulator's 3.a.1 scores for two reporting periods, the year before last and last year (in the jurisdiction's
 * time zone), each scored early in the following year, so the page shows a trend over periods. Added once.
 */
async function seedQaScores(db: ReturnType<typeof scriptClient>, jurisdictionId: string) {
	const regulator = await db.user.findUnique({ where: { email: 'regulator@demo.credo.test' } });
	if (!regulator || (await db.qaScore.count({ where: { jurisdictionId } }))) return;
	const jur = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId } });
	const lastYear = +dayIn(new Date(), jur.timeZone).slice(0, 4) - 1;
	// [criterion, score the year before last, score last year, justification, evidence note]
	const scores: [number, number, number, string, string][] = [
		[
			1,
			2,
			3,
			'Demo data: a Children Act and social service workforce regulations exist at national level; district by-laws are in draft.',
			'Demo data: Children Act, part IV; Social Service Workforce Regulations (gazette notice 12).'
		],
		[
			2,
			1,
			2,
			'Demo data: supervision standards are adopted but only the government agency applies them; NGOs have no formal supervision yet.',
			'Demo data: national supervision standards, adopted by the Council.'
		],
		[
			3,
			3,
			3,
			'Demo data: the Council keeps a licence register with yearly renewal and CPD requirements for social workers; para-professionals are not yet licensed.',
			"Demo data: the Council's licence register and renewal rules."
		],
		[
			4,
			1,
			2,
			'Demo data: workforce records are kept in Credo for the demo regions only; there is no nation-wide HRIS yet.',
			''
		]
	];
	for (const [period, column] of [
		[lastYear - 1, 1],
		[lastYear, 2]
	] as const) {
		const scoredAt = new Date(Math.min(Date.now(), Date.UTC(period + 1, 0, 31, 10)));
		for (const row of scores) {
			const [criterion, , , justification, evidence] = row;
			await db.qaScore.create({
				data: {
					jurisdictionId,
					period,
					criterion,
					score: row[column],
					justification,
					evidence,
					scoredById: regulator.id,
					scoredAt
				}
			});
		}
	}
}

type Db = ReturnType<typeof scriptClient>;

/**
 * Each role's work, with dates relative to today (the seed runs on any date), written as the app writes it: the
 * supervisor's supervisees, sessions (confirmed, waiting, one disputed) and students; a practicum cohort in every
 * state with logged hours; a renewal queue with a compliant, a short and an in-grace licence; the demo learner
 * part-way to renewal and holding one certificate; an upcoming event of the demo provider. Each part is added once.
 */
async function seedWork(db: Db, jurisdictionId: string, orgIds: Map<string, string>) {
	const jur = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId } });
	const t = dayIn(new Date(), jur.timeZone);
	const rel = (n: number) => addDays(t, n);
	const at = (n: number, hour = 9) => new Date(toDate(rel(n)).getTime() + hour * 3_600_000);
	const agency = orgIds.get('social-welfare-department')!;
	const university = orgIds.get('demo-university')!;
	const person = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
	const [admin, supervisor, coordinator, provider, learner] = await Promise.all(
		['admin', 'supervisor', 'coordinator', 'provider', 'learner'].map((r) => person(`${r}@demo.credo.test`))
	);

	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const users = new Map<string, { id: string; name: string }>();
	for (const p of DEMO_PEOPLE) {
		const user = await db.user.upsert({
			where: { email: p.email },
			create: { email: p.email, name: p.name, passwordHash, emailVerifiedAt: new Date() },
			update: {}
		});
		users.set(p.email, user);
		// a worker signs up in the jurisdiction; a student is invited by the university that places her
		const scope = p.workerId
			? { organisationId: null, jurisdictionId, scopeKey: `jur:${jurisdictionId}` }
			: { organisationId: university, jurisdictionId: null, scopeKey: `org:${university}` };
		await db.membership.upsert({
			where: { userId_role_scopeKey: { userId: user.id, role: 'LEARNER', scopeKey: scope.scopeKey } },
			create: { userId: user.id, role: 'LEARNER', ...scope },
			update: {}
		});
		if (p.workerId && !(await db.workerProfile.findUnique({ where: { userId: user.id } }))) {
			const [givenName, familyName] = p.name.split(' ');
			await db.workerProfile.create({
				data: {
					jurisdictionId,
					userId: user.id,
					email: p.email,
					givenName,
					familyName,
					areaId: agency && (await db.organisation.findUniqueOrThrow({ where: { id: agency } })).areaId,
					organisationId: agency,
					cadre: 'PROF_SW',
					sector: 'GOVERNMENTAL',
					paid: true,
					sex: p.sex,
					educationLevel: 'BACHELOR',
					employmentStart: toDate(rel(-3 * 365)),
					cpFrom: toDate(rel(-3 * 365)),
					primaryTrack: 'core',
					identifiers: { create: { jurisdictionId, kind: 'NATIONAL_WORKER_ID', value: p.workerId } }
				}
			});
		}
	}
	const u = (email: string) => users.get(email)!;
	const workers = [1, 2, 3].map((i) => u(`worker${i}@demo.credo.test`));
	const students = [1, 2, 3, 4, 5, 6, 7].map((i) => u(`student${i}@demo.credo.test`));

	const academy = orgIds.get('credo-academy')!;
	// each part whole or not at all: a run that stopped half-way is completed by the next
	const whole = (part: (tx: Db) => Promise<void>) =>
		db.$transaction((tx) => part(tx as unknown as Db), { timeout: 60_000 });
	await whole((tx) =>
		seedSupervision(tx, jurisdictionId, agency, supervisor.id, admin.id, [...workers, learner], rel, at)
	);
	await whole((tx) =>
		seedPracticum(tx, jurisdictionId, university, agency, supervisor.id, coordinator.id, students, rel, at)
	);
	await whole((tx) => seedRenewalQueue(tx, jurisdictionId, academy, provider.id, rel, at));
	await whole((tx) => seedLearnerProgress(tx, jurisdictionId, learner.id, provider.id, academy, rel, at));
	await whole((tx) => seedUpcomingEvent(tx, jurisdictionId, academy, provider.id, rel));
}

type At = (n: number, hour?: number) => Date;
const PAPER_RENEWAL = 'Renewed on the paper register, on CPD evidence kept outside Credo';
type Rel = (n: number) => CalendarDay;

/**
 * Four supervisees of the demo supervisor (three workers and the demo learner); sessions confirmed, waiting for an
 * answer (two of them the learner's), and one disputed.
 */
async function seedSupervision(
	db: Db,
	jurisdictionId: string,
	agency: string,
	supervisorId: string,
	adminId: string,
	workers: { id: string }[],
	rel: Rel,
	at: At
) {
	if (await db.supervisionAssignment.findFirst({ where: { superviseeId: workers[0].id } })) return;
	for (const w of workers)
		await db.supervisionAssignment.create({
			data: {
				supervisorId,
				superviseeId: w.id,
				organisationId: agency,
				jurisdictionId,
				startsOn: toDate(rel(-200)),
				// what the assignment form warned about, overridden by the administrator (the supervisor has no profile)
				warnings: ['no-profile'],
				overriddenById: adminId,
				createdById: adminId,
				createdAt: at(-200)
			}
		});
	const [kofi, esi, musa, lina] = workers;
	const sessions: {
		day: number;
		minutes: number;
		format: 'INDIVIDUAL' | 'GROUP';
		functions: string[];
		notes?: string;
		attendees: { id: string; status: 'PENDING' | 'CONFIRMED' | 'DISPUTED'; note?: string }[];
	}[] = [
		{
			day: -40,
			minutes: 60,
			format: 'INDIVIDUAL',
			functions: ['educational', 'supportive'],
			attendees: [{ id: kofi.id, status: 'CONFIRMED' }]
		},
		{
			day: -25,
			minutes: 90,
			format: 'GROUP',
			functions: ['administrative', 'educational'],
			notes: 'Caseload review before the school term',
			attendees: [kofi, esi, musa].map((w) => ({ id: w.id, status: 'CONFIRMED' as const }))
		},
		{
			day: -6,
			minutes: 60,
			format: 'INDIVIDUAL',
			functions: ['supportive'],
			attendees: [{ id: esi.id, status: 'PENDING' }]
		},
		{
			day: -3,
			minutes: 120,
			format: 'GROUP',
			functions: ['educational'],
			attendees: [
				{ id: kofi.id, status: 'PENDING' },
				{ id: musa.id, status: 'DISPUTED', note: 'We met for 90 minutes, not 120' }
			]
		},
		{
			// confirmed: supervision received, CPD at the demo rule's rate (90 minutes once: 0.75 credit)
			day: -30,
			minutes: 90,
			format: 'INDIVIDUAL',
			functions: ['administrative', 'educational', 'supportive'],
			attendees: [{ id: lina.id, status: 'CONFIRMED' }]
		},
		{
			day: -9,
			minutes: 60,
			format: 'INDIVIDUAL',
			functions: ['educational', 'supportive'],
			attendees: [{ id: lina.id, status: 'PENDING' }]
		},
		{
			day: -2,
			minutes: 45,
			format: 'INDIVIDUAL',
			functions: ['administrative'],
			attendees: [{ id: lina.id, status: 'PENDING' }]
		}
	];
	for (const s of sessions)
		await db.supervisionSession.create({
			data: {
				supervisorId,
				jurisdictionId,
				date: toDate(rel(s.day)),
				minutes: s.minutes,
				format: s.format,
				functions: s.functions,
				privateNotes: s.notes ?? null,
				createdAt: at(s.day, 17),
				attendees: {
					create: s.attendees.map((a) => ({
						superviseeId: a.id,
						status: a.status,
						disputeNote: a.note ?? null,
						respondedAt: a.status === 'PENDING' ? null : at(s.day + 1)
					}))
				}
			}
		});
}

const PRACTICUM_COMPETENCIES = ['CORE.CASE_MANAGEMENT', 'CORE.PIE_ASSESSMENT', 'CORE.REFERRAL_COORDINATION'];
const ACTIVITIES = [
	'Home visits with the family support team',
	'Case conference',
	'Case notes and referrals',
	'Child protection assessment',
	'Team meeting'
];

/**
 * A field agreement between Demo University and the Department of Social Welfare, and a placement with the demo
 * supervisor in each state: planned (no one signed), planned (the supervisor still to sign), active and behind on
 * hours (no decision for weeks), active on track (hours waiting), active with every hour approved (the final
 * evaluation due), completed and passed, ended early.
 */
async function seedPracticum(
	db: Db,
	jurisdictionId: string,
	universityId: string,
	agencyId: string,
	supervisorId: string,
	coordinatorId: string,
	students: { id: string }[],
	rel: Rel,
	at: At
) {
	const reference = 'FPA-DEMO-01';
	if (await db.fieldAgreement.findUnique({ where: { universityId_reference: { universityId, reference } } })) return;
	const agreement = await db.fieldAgreement.create({
		data: {
			universityId,
			agencyId,
			jurisdictionId,
			reference,
			startsOn: toDate(rel(-200)),
			endsOn: toDate(rel(365)),
			createdById: coordinatorId,
			createdAt: at(-200)
		}
	});
	type Hours = { day: number; hours: number; status: 'APPROVED' | 'PENDING' | 'REJECTED'; comment?: string };
	const every = (from: number, count: number, step: number, hours: number): Hours[] =>
		Array.from({ length: count }, (_, i) => ({ day: from + i * step, hours, status: 'APPROVED' as const }));
	const rating = (r: number, comment: string) =>
		Object.fromEntries(PRACTICUM_COMPETENCIES.map((c) => [c, { rating: r, comment }]));
	const placements: {
		start: number;
		end: number;
		required: number;
		signed: ('student' | 'supervisor' | 'coordinator')[];
		status: 'PLANNED' | 'ACTIVE' | 'COMPLETED' | 'ENDED_EARLY';
		hours: Hours[];
		midterm?: number;
		final?: number;
		outcome?: number;
		endedReason?: string;
	}[] = [
		{ start: 14, end: 104, required: 120, signed: [], status: 'PLANNED', hours: [] },
		{ start: 7, end: 97, required: 120, signed: ['student', 'coordinator'], status: 'PLANNED', hours: [] },
		{
			start: -70,
			end: 20,
			required: 200,
			signed: ['student', 'supervisor', 'coordinator'],
			status: 'ACTIVE',
			hours: [
				...every(-70, 6, 5, 8),
				{ day: -19, hours: 6, status: 'PENDING' },
				{ day: -18, hours: 7.5, status: 'PENDING' }
			]
		},
		{
			start: -60,
			end: 60,
			required: 150,
			signed: ['student', 'supervisor', 'coordinator'],
			status: 'ACTIVE',
			hours: [
				...every(-60, 10, 5, 8),
				{ day: -7, hours: 8, status: 'REJECTED', comment: 'You were on leave that day' },
				{ day: -4, hours: 7.5, status: 'PENDING' },
				{ day: -3, hours: 6, status: 'PENDING' },
				{ day: -2, hours: 4, status: 'PENDING' }
			],
			midterm: -10
		},
		{
			start: -80,
			end: 5,
			required: 120,
			signed: ['student', 'supervisor', 'coordinator'],
			status: 'ACTIVE',
			hours: every(-80, 15, 5, 8),
			midterm: -40
		},
		{
			start: -150,
			end: -30,
			required: 120,
			signed: ['student', 'supervisor', 'coordinator'],
			status: 'COMPLETED',
			hours: every(-150, 15, 7, 8),
			midterm: -90,
			final: -32,
			outcome: -25
		},
		{
			start: -90,
			end: 30,
			required: 120,
			signed: ['student', 'supervisor', 'coordinator'],
			status: 'ENDED_EARLY',
			hours: every(-90, 2, 5, 8),
			endedReason: 'The student withdrew from the programme for family reasons'
		}
	];
	for (const [i, p] of placements.entries()) {
		const studentId = students[i].id;
		const signedAt = at(Math.min(p.start, 0) - 10);
		const placement = await db.placement.create({
			data: {
				agreementId: agreement.id,
				universityId,
				agencyId,
				jurisdictionId,
				studentId,
				supervisorId,
				startsOn: toDate(rel(p.start)),
				endsOn: toDate(rel(p.end)),
				requiredHours: p.required,
				competencies: PRACTICUM_COMPETENCIES,
				status: p.status,
				transferReason: p.endedReason ?? null,
				studentSignedAt: p.signed.includes('student') ? signedAt : null,
				supervisorSignedAt: p.signed.includes('supervisor') ? signedAt : null,
				coordinatorSignedAt: p.signed.includes('coordinator') ? signedAt : null,
				outcome: p.outcome ? 'PASS' : null,
				outcomeById: p.outcome ? coordinatorId : null,
				outcomeAt: p.outcome ? at(p.outcome) : null,
				createdById: coordinatorId,
				createdAt: at(Math.min(p.start, 0) - 14)
			}
		});
		for (const [k, h] of p.hours.entries()) {
			const decided = h.status !== 'PENDING';
			await db.practicumLog.create({
				data: {
					placementId: placement.id,
					jurisdictionId,
					date: toDate(rel(h.day)),
					hours: h.hours,
					activity: ACTIVITIES[k % ACTIVITIES.length],
					competencies: [PRACTICUM_COMPETENCIES[k % PRACTICUM_COMPETENCIES.length]],
					status: h.status,
					comment: h.comment ?? null,
					decidedById: decided ? supervisorId : null,
					decidedAt: decided ? at(Math.min(h.day + 2, -1), 16) : null,
					createdAt: at(h.day, 18)
				}
			});
		}
		for (const [kind, day] of [
			['MIDTERM', p.midterm],
			['FINAL', p.final]
		] as const) {
			if (day === undefined) continue;
			const evaluation = await db.practicumEvaluation.create({
				data: {
					placementId: placement.id,
					kind,
					ratings: rating(
						kind === 'FINAL' ? 4 : 3,
						kind === 'FINAL' ? 'Works independently with families' : 'Growing in confidence'
					),
					comment: kind === 'FINAL' ? 'Ready for practice' : null,
					submittedById: supervisorId,
					submittedAt: at(day),
					acknowledgedAt: at(day + 2)
				}
			});
			// a final evaluation's ratings become the student's competency evidence
			if (kind === 'FINAL')
				await db.competencyEvidence.createMany({
					data: PRACTICUM_COMPETENCIES.map((competencyId) => ({
						userId: studentId,
						jurisdictionId,
						competencyId,
						level: 'entry',
						source: 'PRACTICUM_EVALUATION' as const,
						sourceId: evaluation.id,
						rating: 4
					})),
					skipDuplicates: true
				});
		}
	}
}

/**
 * The renewal queue (cycles that ended, not yet decided): Kofi Asante met the requirement, Esi Boateng is short of
 * credits, Musa Bello is in his grace period. Approved activities at Credo Academy, an accredited provider.
 */
async function seedRenewalQueue(db: Db, jurisdictionId: string, academy: string, reviewerId: string, rel: Rel, at: At) {
	const rule = await db.renewalRule.findUniqueOrThrow({
		where: { jurisdictionId_cadreKey_version: { jurisdictionId, cadreKey: '*', version: 1 } }
	});
	const plan: {
		email: string;
		issued: number;
		ended: number;
		grace?: number;
		activities: [string, number, number, string][];
	}[] = [
		{
			email: 'worker1@demo.credo.test',
			issued: -5 * 365,
			ended: -10,
			activities: [
				['Ethics in statutory social work', -300, 3, 'ethics'],
				['Child safeguarding refresher', -200, 4, 'child-protection'],
				['Family group conferencing', -90, 4, 'practice']
			]
		},
		{
			email: 'worker2@demo.credo.test',
			issued: -4 * 365,
			ended: -5,
			activities: [
				['Child safeguarding refresher', -150, 4, 'child-protection'],
				['Case recording workshop', -60, 2, 'practice']
			]
		},
		{
			email: 'worker3@demo.credo.test',
			issued: -8 * 365,
			ended: -30,
			grace: 30,
			activities: [['Ethics in statutory social work', -250, 2, 'ethics']]
		}
	];
	for (const p of plan) {
		const holder = DEMO_PEOPLE.find((x) => x.email === p.email)!;
		const user = await db.user.findUniqueOrThrow({ where: { email: p.email }, include: { worker: true } });
		const worker = user.worker!;
		const licence = await db.licence.upsert({
			where: { jurisdictionId_number: { jurisdictionId, number: holder.licence! } },
			create: {
				jurisdictionId,
				number: holder.licence!,
				holderName: holder.name,
				workerProfileId: worker.id,
				cadre: 'PROF_SW',
				issuedOn: toDate(rel(p.issued))
			},
			update: {}
		});
		await db.workerIdentifier.upsert({
			where: { jurisdictionId_kind_value: { jurisdictionId, kind: 'LICENCE_NUMBER', value: holder.licence! } },
			create: { workerProfileId: worker.id, jurisdictionId, kind: 'LICENCE_NUMBER', value: holder.licence! },
			update: {}
		});
		if (!(await db.licenceCycle.count({ where: { licenceId: licence.id } }))) {
			const endsOn = rel(p.ended);
			// the cycle before was renewed; the one that just ended waits for the regulator (or is in its grace period)
			await db.licenceCycle.create({
				data: {
					licenceId: licence.id,
					jurisdictionId,
					ruleId: rule.id,
					startsOn: toDate(addDays(endsOn, -729)),
					endsOn: toDate(addDays(endsOn, -365)),
					outcome: 'RENEWED',
					decidedAt: at(p.ended - 360),
					decisionReason: PAPER_RENEWAL
				}
			});
			await db.licenceCycle.create({
				data: {
					licenceId: licence.id,
					jurisdictionId,
					ruleId: rule.id,
					startsOn: toDate(addDays(endsOn, -364)),
					endsOn: toDate(endsOn),
					outcome: p.grace ? 'GRACE' : 'OPEN',
					graceUntil: p.grace ? toDate(rel(p.grace)) : null
				}
			});
		}
		if (await db.cpdEntry.count({ where: { userId: user.id } })) continue;
		for (const [title, day, credits, category] of p.activities)
			await db.cpdEntry.create({
				data: {
					userId: user.id,
					jurisdictionId,
					source: 'EXTERNAL',
					activityType: 'in-person',
					status: 'APPROVED',
					title,
					providerName: 'Credo Academy',
					providerOrgId: academy,
					activityDate: toDate(rel(day)),
					credits,
					category,
					reviewedById: reviewerId,
					reviewedAt: at(day + 3),
					createdAt: at(day + 1)
				}
			});
	}
}

/**
 * The demo learner, part-way to renewal: she passed the gatekeeping module (2 child-protection credits, and the
 * short course's certificate, issued automatically) and had an ethics workshop approved — 4 of the 10 credits, one
 * child-protection credit still missing.
 */
async function seedLearnerProgress(
	db: Db,
	jurisdictionId: string,
	userId: string,
	reviewerId: string,
	academy: string,
	rel: Rel,
	at: At
) {
	if (await db.cpdEntry.count({ where: { userId } })) return;
	const mod = loadContent().content.modules.find((x) => x.id === 'care-gatekeeping')!;
	const version = await db.moduleVersion.upsert({
		where: { contentHash: mod.hash },
		update: {},
		create: {
			moduleId: mod.id,
			version: mod.version,
			contentHash: mod.hash,
			title: mod.title,
			track: mod.track,
			level: mod.level,
			competencies: mod.competencies,
			credits: mod.credits,
			creditCategory: mod.creditCategory,
			providerSlug: mod.provider,
			passMark: mod.assessment.passMark
		}
	});
	const drawn = mod.assessment.questions.slice(0, mod.assessment.draw);
	const passedAt = at(-40, 10);
	const attempt = await db.assessmentAttempt.create({
		data: {
			userId,
			moduleId: mod.id,
			moduleVersionId: version.id,
			jurisdictionId,
			questionIds: drawn.map((q) => q.id),
			answers: Object.fromEntries(drawn.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])),
			score: 100,
			passed: true,
			startedAt: new Date(passedAt.getTime() - 20 * 60_000),
			submittedAt: passedAt
		}
	});
	const completion = await db.moduleCompletion.create({
		data: {
			userId,
			moduleId: mod.id,
			moduleVersionId: version.id,
			attemptId: attempt.id,
			jurisdictionId,
			score: 100,
			completedAt: passedAt
		}
	});
	await db.competencyEvidence.createMany({
		data: mod.competencies.map((competencyId) => ({
			userId,
			jurisdictionId,
			competencyId,
			level: mod.level,
			source: 'MODULE_COMPLETION' as const,
			sourceId: completion.id,
			completionId: completion.id
		})),
		skipDuplicates: true
	});
	await db.cpdEntry.create({
		data: {
			userId,
			jurisdictionId,
			source: 'MODULE',
			activityType: 'e-learning',
			status: 'RECORDED',
			moduleId: mod.id,
			completionId: completion.id,
			title: mod.title,
			providerSlug: mod.provider,
			activityDate: toDate(rel(-40)),
			credits: mod.credits,
			category: mod.creditCategory,
			createdAt: passedAt
		}
	});
	await db.cpdEntry.create({
		data: {
			userId,
			jurisdictionId,
			source: 'EXTERNAL',
			activityType: 'in-person',
			status: 'APPROVED',
			title: 'Professional ethics workshop',
			providerName: 'Credo Academy',
			providerOrgId: academy,
			activityDate: toDate(rel(-120)),
			credits: 2,
			category: 'ethics',
			reviewedById: reviewerId,
			reviewedAt: at(-115),
			createdAt: at(-118)
		}
	});
	// the short course issues its certificate on the pass, automatically (no one issued it)
	const programme = await db.programme.findFirst({ where: { code: 'CARE-GK', jurisdictionId } });
	const worker = await db.workerProfile.findUnique({ where: { userId } });
	if (!programme || !worker) return;
	if (await db.certificate.findFirst({ where: { programmeId: programme.id, workerId: worker.id } })) return;
	await db.certificate.create({
		data: {
			jurisdictionId,
			programmeId: programme.id,
			programmeTitle: programme.title,
			userId,
			workerId: worker.id,
			holderName: `${worker.givenName} ${worker.familyName}`,
			sequence: 1,
			code: newVerificationCode(),
			issuedAt: passedAt,
			issuedOn: toDate(rel(-40)),
			expiresOn: null,
			competencies: mod.competencies,
			evidence: {
				modules: [{ moduleId: mod.id, moduleVersionId: version.id, score: 100, completedAt: passedAt.toISOString() }],
				eventId: null,
				practicumHours: null,
				supervisionHours: null
			}
		}
	});
}

/** The next five-day course of Credo Academy, three weeks ahead (Monday to Friday), with three people enrolled. */
async function seedUpcomingEvent(db: Db, jurisdictionId: string, academy: string, providerId: string, rel: Rel) {
	const programme = await db.programme.findFirst({ where: { code: 'CP-5DAY', providerId: academy } });
	const title = 'Five-day child protection course — Riverbend';
	if (!programme || (await db.trainingEvent.findFirst({ where: { programmeId: programme.id, title } }))) return;
	let start = rel(21);
	while (toDate(start).getUTCDay() !== 1) start = addDays(start, 1);
	const days = [0, 1, 2, 3, 4].map((n) => toDate(addDays(start, n)));
	const event = await db.trainingEvent.create({
		data: {
			programmeId: programme.id,
			jurisdictionId,
			title,
			mode: 'IN_PERSON',
			venue: 'Riverbend Social Welfare Office',
			startsOn: days[0],
			endsOn: days[4],
			sessionDays: days,
			facilitators: ['Grace Mwangi'],
			createdById: providerId
		}
	});
	const enrolled = await db.workerProfile.findMany({
		where: {
			user: { email: { in: ['learner@demo.credo.test', 'worker2@demo.credo.test', 'worker3@demo.credo.test'] } }
		},
		select: { id: true }
	});
	await db.eventParticipant.createMany({ data: enrolled.map((w) => ({ eventId: event.id, workerId: w.id })) });
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
