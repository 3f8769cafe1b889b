// Certificate programmes: a provider defines the rules (modules and pass marks, an event, hours), the validity, the
// indicator's scope flags and asks for recognition; the jurisdiction's regulator confirms or refuses it. Only a
// confirmed programme counts toward the certified-worker indicator.
import { z } from 'zod';
import { db, type Db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, FieldError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { getContent } from '../content';
import { calendarDay, choice, flag, optionalDay, optionalText, text } from '../forms/fields';
import { fromDate, toDate } from '$lib/calendar-day';
import { recognitionDayRefusal, recognitionPeriods } from './recognition-periods';
import { jurisdictionToday, regulatorJurisdictions } from '../licensing/licences';
import { inForceWhere } from '../licensing/accreditation';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { clearNotices, membersWith, notify, noticeSubject } from '../people/notifications';
import { publicOrigin } from './origin';
import { checkPartner } from './partners';

/** The provider organisations this person administers (every provider for an admin). */
export async function providerOrgs(user: SessionUser) {
	if (isAdmin(user))
		return db.organisation.findMany({
			where: { type: 'TRAINING_PROVIDER' },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, jurisdictionId: true }
		});
	const ids = user.memberships
		.filter((mem) => mem.role === 'PROVIDER' && mem.organisationId)
		.map((mem) => mem.organisationId!);
	if (!ids.length) return [];
	return db.organisation.findMany({
		where: { id: { in: ids } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, jurisdictionId: true }
	});
}

export function administersProvider(user: SessionUser, organisationId: string) {
	return (
		isAdmin(user) || user.memberships.some((mem) => mem.role === 'PROVIDER' && mem.organisationId === organisationId)
	);
}

/** A programme the person may manage, or 404 (a programme of another provider is not revealed). */
export async function managedProgramme(user: SessionUser, programmeId: string) {
	const p = z.string().uuid().safeParse(programmeId).success
		? await db.programme.findUnique({
				where: { id: programmeId },
				include: { provider: { select: { id: true, name: true } }, modules: { orderBy: { position: 'asc' } } }
			})
		: null;
	if (!p || !administersProvider(user, p.providerId)) throw new DomainError(m.not_found(), 404);
	return p;
}

const number = (max: number, int = false) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const n = Number(v);
			if (!Number.isFinite(n) || n < 0 || n > max || (int && !Number.isInteger(n))) {
				ctx.addIssue({ code: 'custom', message: int ? m.prog_whole_number({ max }) : m.prog_number({ max }) });
				return z.NEVER;
			}
			return n;
		});

export const programmeSchema = z.object({
	code: z
		.string({ error: () => m.field_required() })
		.trim()
		.min(1, { error: () => m.field_required() })
		.max(40, { error: () => m.field_too_long({ max: 40 }) })
		.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: () => m.prog_code_format() }),
	title: text(200),
	description: optionalText(2000),
	track: optionalText(40),
	requiresEvent: flag(),
	/** training delivered outside Credo (no modules, no event): its certificates are recorded from the provider's records */
	deliveredOutside: flag(),
	contactHours: number(5000),
	minPracticumHours: number(5000),
	minSupervisionHours: number(1000),
	validityMonths: number(120, true),
	childVictims: flag(),
	childProtection: flag(),
	/** an organisation of the programme's jurisdiction (checked by checkPartner when saved); '' for none */
	supportingPartnerId: z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || z.string().uuid().safeParse(v).success, { error: () => m.prog_partner_unknown() })
		.transform((v) => v || null),
	autoIssue: flag()
});

export type ProgrammeInput = z.output<typeof programmeSchema> & {
	modules: { moduleId: string; minScore: number }[];
	competencies: string[];
};

/** Reads the repeated parts of the programme form: module choices with their minimum scores, and competencies. */
export function readProgrammeForm(form: FormData) {
	const base = programmeSchema.safeParse(
		Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
	);
	const errors: Record<string, string> = {};
	if (!base.success) for (const issue of base.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	const content = getContent();
	const known = new Map(content.modules.filter((mod) => !mod.draft).map((mod) => [mod.id, mod]));
	const modules: { moduleId: string; minScore: number }[] = [];
	const chosen = [...new Set(form.getAll('modules').map(String))].slice(0, 100);
	for (const id of chosen) {
		const mod = known.get(id);
		if (!mod) {
			errors.modules ??= m.prog_unknown_module();
			continue;
		}
		const raw = String(form.get(`minScore.${id}`) ?? '').trim();
		const score = raw === '' ? mod.assessment.passMark : Number(raw);
		if (!Number.isInteger(score) || score < mod.assessment.passMark || score > 100) {
			errors[`minScore.${id}`] = m.prog_min_score({ min: mod.assessment.passMark });
			continue;
		}
		modules.push({ moduleId: id, minScore: score });
	}
	const competencyIds = new Set(content.framework.competencies.map((c) => c.id));
	const competencies = [...new Set(form.getAll('competencies').map(String))].slice(0, 200);
	if (competencies.some((c) => !competencyIds.has(c))) errors.competencies = m.prog_unknown_competency();
	const tracks = new Set(content.framework.tracks.map((t) => t.id));
	if (base.success) {
		const d = base.data;
		if (d.track && !tracks.has(d.track)) errors.track = m.field_choose();
		if (d.deliveredOutside) {
			// nothing is earned in Credo: its certificates are recorded from the provider's records (imports/certificates)
			if (modules.length || d.requiresEvent || d.minPracticumHours || d.minSupervisionHours)
				errors.deliveredOutside = m.prog_outside_no_requirements();
			if (!d.contactHours) errors.contactHours = m.prog_outside_contact_hours();
		} else if (!modules.length && !d.requiresEvent && !d.minPracticumHours && !d.minSupervisionHours && !errors.modules)
			errors.modules = m.prog_no_requirement();
		if (!d.childVictims && !d.childProtection) {
			// allowed (e.g. a general programme), but such a programme never counts toward the indicator
		}
	}
	// what was ticked, to refill the form after a failure
	const chosenModules = Object.fromEntries(chosen.map((id) => [id, Number(form.get(`minScore.${id}`)) || 0]));
	if (Object.keys(errors).length || !base.success)
		return { ok: false as const, errors, chosenModules, chosenCompetencies: competencies };
	return { ok: true as const, data: { ...base.data, modules, competencies } satisfies ProgrammeInput };
}

/** The programme form read for a form action: its input, or a 400 with a message beside each field to fix. */
export function programmeInput(form: FormData): ProgrammeInput {
	const parsed = readProgrammeForm(form);
	if (!parsed.ok) throw new DomainError(m.field_required(), 400, parsed.errors);
	return parsed.data;
}

/** What was ticked (modules with their minimum scores) and chosen (competencies), to refill the form after a refusal. */
export function programmeChoices(form: FormData) {
	const chosen = [...new Set(form.getAll('modules').map(String))].slice(0, 100);
	return {
		chosenModules: Object.fromEntries(chosen.map((id) => [id, Number(form.get(`minScore.${id}`)) || 0])),
		chosenCompetencies: [...new Set(form.getAll('competencies').map(String))].slice(0, 200)
	};
}

/** The provider a new programme is for: the one chosen, else the person's only one; any other is a 400. */
export function chosenProvider(orgs: { id: string }[], posted: FormDataEntryValue | null) {
	const id = posted === null ? (orgs.length === 1 ? orgs[0].id : '') : String(posted);
	if (!orgs.some((o) => o.id === id)) throw new FieldError('providerId', m.field_choose());
	return id;
}

function programmeData(input: ProgrammeInput) {
	return {
		code: input.code,
		title: input.title,
		description: input.description ?? '',
		track: input.track ?? null,
		competencies: input.competencies,
		requiresEvent: input.requiresEvent,
		deliveredOutside: input.deliveredOutside,
		contactHours: input.contactHours,
		minPracticumHours: input.minPracticumHours,
		minSupervisionHours: input.minSupervisionHours,
		validityMonths: input.validityMonths,
		childVictims: input.childVictims,
		childProtection: input.childProtection,
		supportingPartnerId: input.supportingPartnerId ?? null,
		autoIssue: input.autoIssue
	};
}

function uniqueCode(e: unknown): never {
	if ((e as { code?: string }).code === 'P2002') throw new FieldError('code', m.prog_code_taken());
	throw e;
}

export async function createProgramme(
	user: SessionUser,
	providerId: string,
	input: ProgrammeInput,
	once?: Once | null
) {
	if (!administersProvider(user, providerId)) throw new Forbidden(m.error_forbidden());
	const provider = await db.organisation.findFirst({ where: { id: providerId, type: 'TRAINING_PROVIDER' } });
	if (!provider) throw new FieldError('providerId', m.field_choose());
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		await checkPartner(tx, { jurisdictionId: provider.jurisdictionId, providerId }, input.supportingPartnerId);
		const p = await tx.programme
			.create({
				data: {
					...programmeData(input),
					jurisdictionId: provider.jurisdictionId,
					providerId,
					createdById: user.id,
					modules: { create: input.modules.map((mod, position) => ({ ...mod, position })) }
				}
			})
			.catch(uniqueCode);
		await audit(tx, {
			actorId: user.id,
			action: 'programme.created',
			subjectType: 'programme',
			subjectId: p.id,
			organisationId: providerId,
			jurisdictionId: provider.jurisdictionId
		});
		return p;
	});
}

/**
 * Changing the rules of a recognised programme — or what it says it is: title, description, validity, scope — sends
 * it back to the regulator: recognition covers what was shown. Certificates already issued keep their title.
 */
export async function updateProgramme(user: SessionUser, programmeId: string, input: ProgrammeInput) {
	const p = await managedProgramme(user, programmeId);
	const rulesChanged =
		JSON.stringify(p.modules.map((x) => [x.moduleId, x.minScore])) !==
			JSON.stringify(input.modules.map((x) => [x.moduleId, x.minScore])) ||
		p.requiresEvent !== input.requiresEvent ||
		p.deliveredOutside !== input.deliveredOutside ||
		Number(p.contactHours ?? 0) !== (input.contactHours ?? 0) ||
		Number(p.minPracticumHours ?? 0) !== (input.minPracticumHours ?? 0) ||
		Number(p.minSupervisionHours ?? 0) !== (input.minSupervisionHours ?? 0) ||
		p.childVictims !== input.childVictims ||
		p.childProtection !== input.childProtection;
	const claimsChanged =
		p.title !== input.title ||
		p.description !== (input.description ?? '') ||
		(p.validityMonths ?? null) !== (input.validityMonths ?? null) ||
		(p.track ?? null) !== (input.track ?? null) ||
		[...p.competencies].sort().join() !== [...input.competencies].sort().join();
	const reconfirm = (rulesChanged || claimsChanged) && p.recognitionStatus === 'CONFIRMED';
	// the recognition ends from today (in the jurisdiction), as a withdrawal would
	const today = reconfirm ? await jurisdictionToday(p.jurisdictionId) : null;
	const partnerChanged = (p.supportingPartnerId ?? null) !== (input.supportingPartnerId ?? null);
	await db.$transaction(async (tx) => {
		if (partnerChanged) await checkPartner(tx, p, input.supportingPartnerId);
		// a recognition that began today held for no whole day: it is removed rather than ended (a period ends the day
		// before its withdrawal, and cannot end before it began), so the regulator can confirm it again from today
		if (today)
			await tx.programmeRecognitionPeriod.deleteMany({
				where: { programmeId, toOn: null, fromOn: { gte: toDate(today) } }
			});
		await tx.programmeModule.deleteMany({ where: { programmeId } });
		await tx.programme
			.update({
				where: { id: programmeId },
				data: {
					...programmeData(input),
					...(reconfirm
						? {
								recognitionStatus: 'REQUESTED' as const,
								recognitionFrom: toDate(today!),
								recognitionDecidedAt: null,
								recognitionDecidedById: null
							}
						: {}),
					modules: { create: input.modules.map((mod, position) => ({ ...mod, position })) }
				}
			})
			.catch(uniqueCode);
		await audit(tx, {
			actorId: user.id,
			action: 'programme.updated',
			subjectType: 'programme',
			subjectId: programmeId,
			organisationId: p.providerId,
			jurisdictionId: p.jurisdictionId,
			data: {
				reconfirm,
				...(claimsChanged && p.title !== input.title ? { before: { title: p.title } } : {}),
				...(partnerChanged
					? { partner: { before: p.supportingPartnerId, after: input.supportingPartnerId ?? null } }
					: {})
			}
		});
		if (reconfirm)
			await askRecognition(tx, {
				id: programmeId,
				title: input.title,
				providerId: p.providerId,
				jurisdictionId: p.jurisdictionId
			});
	});
	return { reconfirm };
}

/** A day field kept as the Date its `date` column takes. */
const dayString = () => calendarDay().transform(toDate);

export const recognitionRequestSchema = z
	.object({
		governmentRecognised: flag(),
		approvedProvider: flag(),
		recognitionReference: text(200),
		recognitionDate: dayString()
	})
	.refine((v) => v.governmentRecognised || v.approvedProvider, {
		path: ['governmentRecognised'],
		error: () => m.prog_recognition_basis()
	});

export async function requestRecognition(
	user: SessionUser,
	programmeId: string,
	input: z.output<typeof recognitionRequestSchema>
) {
	const p = await managedProgramme(user, programmeId);
	if (p.recognitionStatus === 'CONFIRMED') throw new DomainError(m.prog_already_recognised(), 409);
	if (input.recognitionDate.getTime() > Date.now()) throw new FieldError('recognitionDate', m.field_date_future());
	await db.$transaction(async (tx) => {
		await tx.programme.update({
			where: { id: programmeId },
			data: {
				...input,
				recognitionStatus: 'REQUESTED',
				recognitionNote: null,
				recognitionDecidedAt: null,
				recognitionDecidedById: null
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'programme.recognition_requested',
			subjectType: 'programme',
			subjectId: programmeId,
			organisationId: p.providerId,
			jurisdictionId: p.jurisdictionId
		});
		await askRecognition(tx, {
			id: programmeId,
			title: p.title,
			providerId: p.providerId,
			jurisdictionId: p.jurisdictionId
		});
	});
}

/** The jurisdiction's regulators are asked to decide a programme's recognition (a notice each, until decided). */
async function askRecognition(tx: Db, p: { id: string; title: string; providerId: string; jurisdictionId: string }) {
	const provider = await tx.organisation.findUnique({ where: { id: p.providerId }, select: { name: true } });
	for (const person of await membersWith(tx, 'REGULATOR', { jurisdictionId: p.jurisdictionId })) {
		const locale = asLocale(person.locale);
		await notify(
			tx,
			person,
			{
				kind: 'recognition-to-decide',
				subject: noticeSubject.recognition(p.id),
				title: m.wait_recognition_title({}, { locale }),
				body: m.wait_recognition_body({ provider: provider?.name ?? '—', title: p.title }, { locale }),
				link: `/regulator/programmes#r-${p.id}`
			},
			publicOrigin()
		);
	}
}

// --- the regulator's side ---------------------------------------------------------------------------------------

/**
 * A programme as a page may receive it: its two hour minimums (Prisma Decimals, which SvelteKit cannot serialise) as
 * strings. Without this a programme with a practicum or supervision minimum broke every page listing it (found by
 * fuzzing: an accepted programme update set one).
 */
export function plainProgramme<
	P extends {
		minPracticumHours: { toString(): string } | null;
		minSupervisionHours: { toString(): string } | null;
		contactHours: { toString(): string } | null;
	}
>(p: P) {
	return {
		...p,
		contactHours: p.contactHours?.toString() ?? null,
		minPracticumHours: p.minPracticumHours?.toString() ?? null,
		minSupervisionHours: p.minSupervisionHours?.toString() ?? null
	};
}

export async function recognitionQueue(user: SessionUser) {
	const jurisdictions = regulatorJurisdictions(user);
	const programmes = await db.programme.findMany({
		where: { jurisdictionId: { in: jurisdictions }, recognitionStatus: { not: 'NONE' } },
		include: { provider: { select: { name: true } }, supportingPartner: { select: { name: true } }, modules: true },
		orderBy: [{ recognitionStatus: 'desc' }, { title: 'asc' }]
	});
	const accredited = new Set(
		(
			await db.providerAccreditation.findMany({
				where: { jurisdictionId: { in: jurisdictions }, ...inForceWhere(fromDate(new Date())) },
				select: { organisationId: true }
			})
		).map((a) => a.organisationId)
	);
	const periods = await recognitionPeriods(programmes.map((p) => p.id));
	const todays = new Map(
		await Promise.all(
			[...new Set(programmes.map((p) => p.jurisdictionId))].map(async (j) => [j, await jurisdictionToday(j)] as const)
		)
	);
	return programmes.map((p) => ({
		...plainProgramme(p),
		providerAccredited: accredited.has(p.providerId),
		/** the days it was recognised, oldest first */
		recognitionPeriods: periods.get(p.id) ?? [],
		/** the default effective day of a decision */
		today: todays.get(p.jurisdictionId)!
	}));
}

export const recognitionDecisionSchema = z
	.object({
		programmeId: z.string({ error: () => m.field_choose() }).uuid({ error: () => m.field_choose() }),
		decision: choice(['confirm', 'refuse', 'withdraw'] as const),
		note: optionalText(1000),
		/** the day a confirmation takes effect ("Recognised from"); today in the jurisdiction when left empty */
		recognisedFrom: optionalDay(),
		/** the first day a withdrawn programme is no longer recognised ("Withdrawn from"); today when left empty */
		withdrawnFrom: optionalDay()
	})
	.refine((v) => v.decision === 'confirm' || !!v.note, { path: ['note'], error: () => m.prog_reason_required() });

export async function decideRecognition(user: SessionUser, input: z.output<typeof recognitionDecisionSchema>) {
	const p = await db.programme.findUnique({ where: { id: input.programmeId } });
	if (!p || !regulatorJurisdictions(user).includes(p.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	const allowed = { confirm: ['REQUESTED'], refuse: ['REQUESTED'], withdraw: ['CONFIRMED'] }[input.decision];
	if (!allowed.includes(p.recognitionStatus)) throw new DomainError(m.prog_decision_stale(), 409);
	if (input.decision === 'confirm' && p.approvedProvider) {
		// "nationally approved provider" must be true in this jurisdiction's accreditation register
		const acc = await db.providerAccreditation.findFirst({
			where: {
				jurisdictionId: p.jurisdictionId,
				organisationId: p.providerId,
				...inForceWhere(await jurisdictionToday(p.jurisdictionId))
			}
		});
		if (!acc && !p.governmentRecognised) throw new DomainError(m.prog_provider_not_accredited(), 409);
	}
	const status = ({ confirm: 'CONFIRMED', refuse: 'REFUSED', withdraw: 'WITHDRAWN' } as const)[input.decision];
	const from = await effectiveDay(p, input);
	await db.$transaction(async (tx) => {
		// the status in the where clause makes two regulators deciding at once produce one decision
		const { count } = await tx.programme.updateMany({
			where: { id: p.id, recognitionStatus: p.recognitionStatus },
			data: {
				recognitionStatus: status,
				...(from ? { recognitionFrom: toDate(from) } : {}),
				recognitionNote: input.note ?? null,
				recognitionDecidedAt: new Date(),
				recognitionDecidedById: user.id
			}
		});
		if (!count) throw new DomainError(m.prog_decision_stale(), 409);
		await clearNotices(tx, noticeSubject.recognition(p.id));
		await audit(tx, {
			actorId: user.id,
			action: `programme.recognition_${input.decision}`,
			subjectType: 'programme',
			subjectId: p.id,
			jurisdictionId: p.jurisdictionId,
			organisationId: p.providerId,
			reason: input.note ?? null,
			...(from ? { data: { from } } : {})
		});
	});
}

/**
 * The day a confirmation or a withdrawal takes effect (the day given, else today in the jurisdiction), checked
 * against the programme's recognition periods: a day that cannot be is refused beside its field, nothing changed. A
 * refusal has no effective day (null).
 */
async function effectiveDay(
	p: { id: string; jurisdictionId: string },
	input: z.output<typeof recognitionDecisionSchema>
) {
	if (input.decision === 'refuse') return null;
	const field = input.decision === 'confirm' ? 'recognisedFrom' : 'withdrawnFrom';
	const today = await jurisdictionToday(p.jurisdictionId);
	const day = input[field] ?? today;
	const periods = (await recognitionPeriods([p.id])).get(p.id) ?? [];
	const refused = recognitionDayRefusal(input.decision, day, today, periods);
	if (refused) throw new FieldError(field, refused);
	return day;
}

export { dayString };

/** An archived programme is no longer offered or issued automatically; its certificates stay valid. */
export async function setArchived(user: SessionUser, programmeId: string, archived: boolean) {
	const p = await managedProgramme(user, programmeId);
	await db.$transaction(async (tx) => {
		await tx.programme.update({ where: { id: p.id }, data: { archivedAt: archived ? new Date() : null } });
		await audit(tx, {
			actorId: user.id,
			action: archived ? 'programme.archived' : 'programme.restored',
			subjectType: 'programme',
			subjectId: p.id,
			organisationId: p.providerId,
			jurisdictionId: p.jurisdictionId
		});
	});
}
