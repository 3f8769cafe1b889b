// "Download my data": everything Credo holds about one person, as JSON (complete) and as a readable PDF summary.
// One query per table, all sent together (Promise.all), so the cost is a fixed number of round trips whatever the
// person did. What is left out, on purpose: password hash, session and email-token hashes, the bytes of evidence files
// (each file's metadata says how to download it), a supervisor's private session notes, and other people's data
// beyond the names shown to the person in the app anyway (their supervisor, their university).
import PDFDocument from 'pdfkit';
import { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { audit } from '../audit/audit';
import { loadFonts } from '../certificates/pdf';
import { formatVerificationCode } from '../certificates/code';
import { verifyUrl } from '../certificates/verification';
import { PRIVACY_NOTICE_VERSION } from './notice';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { activityTypeLabel, roleLabel } from '$lib/labels';
import { dayOf, fromDate } from '$lib/calendar-day';

export const EXPORT_FORMAT = 'credo-personal-data/1';
/** the log of actions is long for staff who act on many records: the newest this many are exported */
export const AUDIT_EXPORT_LIMIT = 50_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Dates → ISO strings, decimals → numbers, bigints → strings: JSON that any tool reads. */
export function plain(v: unknown): Json {
	if (v === null || v === undefined) return null;
	if (v instanceof Date) return v.toISOString();
	if (typeof v === 'bigint') return v.toString();
	if (Prisma.Decimal.isDecimal(v)) return (v as Prisma.Decimal).toNumber();
	if (Array.isArray(v)) return v.map(plain);
	if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
	return v as Json;
}

/** A table's rows, each made plain. */
const rows = (v: unknown[]): Json[] => v.map(plain);

// the UTC day, for `date` columns and timestamps alike: this is a record of what is stored, not of local time
const day = (d: Date | null | undefined) => (d ? fromDate(d) : null);

/** Reads every table's rows about the person: one query each, sent together. */
async function read(userId: string) {
	const u = Prisma.sql`${userId}::uuid`;
	const [
		account,
		roles,
		worker,
		licences,
		licenceClaims,
		cpdEntries,
		evidenceFiles,
		attempts,
		completions,
		evidence,
		certificates,
		events,
		attendance,
		placements,
		hours,
		evaluations,
		sessionsAttended,
		assignments,
		supervisorProfile,
		randomAudits,
		notifications,
		invitations,
		signIns,
		consents,
		auditEvents
	] = await Promise.all([
		db.user.findUnique({
			where: { id: userId },
			select: {
				id: true,
				email: true,
				name: true,
				locale: true,
				emailVerifiedAt: true,
				createdAt: true,
				disabledAt: true,
				erasedAt: true
			}
		}),
		db.membership.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: {
				role: true,
				createdAt: true,
				organisation: { select: { name: true, slug: true } },
				jurisdiction: { select: { name: true, code: true } }
			}
		}),
		db.workerProfile.findUnique({
			where: { userId },
			select: {
				id: true,
				givenName: true,
				familyName: true,
				email: true,
				cadre: true,
				sector: true,
				paid: true,
				sex: true,
				educationLevel: true,
				cpFrom: true,
				cpTo: true,
				employmentStart: true,
				employmentEnd: true,
				primaryTrack: true,
				createdAt: true,
				updatedAt: true,
				jurisdiction: { select: { name: true, code: true } },
				area: { select: { name: true, code: true } },
				organisation: { select: { name: true } },
				identifiers: { orderBy: { createdAt: 'asc' }, select: { kind: true, value: true, createdAt: true } }
			}
		}),
		db.licence.findMany({
			where: { worker: { userId } },
			orderBy: { issuedOn: 'asc' },
			select: {
				id: true,
				number: true,
				holderName: true,
				cadre: true,
				status: true,
				statusReason: true,
				issuedOn: true,
				createdAt: true,
				cycles: {
					orderBy: { startsOn: 'asc' },
					select: {
						startsOn: true,
						endsOn: true,
						first: true,
						leaveDays: true,
						outcome: true,
						graceUntil: true,
						decidedAt: true,
						decisionReason: true
					}
				}
			}
		}),
		db.licenceClaim.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: { status: true, createdAt: true, decidedAt: true, licence: { select: { number: true } } }
		}),
		db.cpdEntry.findMany({
			where: { userId },
			orderBy: [{ activityDate: 'asc' }, { createdAt: 'asc' }],
			select: {
				id: true,
				source: true,
				status: true,
				moduleId: true,
				title: true,
				providerName: true,
				providerSlug: true,
				activityDate: true,
				credits: true,
				category: true,
				activityType: true,
				hours: true,
				approvedCredits: true,
				approvedCategory: true,
				disallowedAt: true,
				disallowedReason: true,
				evidenceFileId: true,
				reviewedAt: true,
				reviewReason: true,
				createdAt: true,
				updatedAt: true
			}
		}),
		// metadata only: never `data`
		db.evidenceFile.findMany({
			where: { OR: [{ ownerId: userId }, { entries: { some: { userId } } }] },
			orderBy: { createdAt: 'asc' },
			select: { id: true, filename: true, contentType: true, size: true, sha256: true, createdAt: true, purgedAt: true }
		}),
		db.assessmentAttempt.findMany({
			where: { userId },
			orderBy: { startedAt: 'asc' },
			select: {
				id: true,
				moduleId: true,
				questionIds: true,
				answers: true,
				score: true,
				passed: true,
				startedAt: true,
				submittedAt: true,
				moduleVersion: { select: { version: true, title: true } }
			}
		}),
		db.moduleCompletion.findMany({
			where: { userId },
			orderBy: { completedAt: 'asc' },
			select: {
				moduleId: true,
				score: true,
				completedAt: true,
				moduleVersion: { select: { version: true, title: true, contentHash: true } }
			}
		}),
		db.competencyEvidence.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: { competencyId: true, level: true, source: true, sourceId: true, rating: true, createdAt: true }
		}),
		db.certificate.findMany({
			where: { userId },
			orderBy: { issuedAt: 'asc' },
			select: {
				id: true,
				code: true,
				holderName: true,
				sequence: true,
				issuedOn: true,
				expiresOn: true,
				revokedAt: true,
				revokeReason: true,
				competencies: true,
				evidence: true,
				programmeTitle: true,
				programme: { select: { code: true, title: true, provider: { select: { name: true } } } }
			}
		}),
		db.eventParticipant.findMany({
			where: { worker: { userId } },
			orderBy: { addedAt: 'asc' },
			select: {
				eventId: true,
				addedAt: true,
				event: {
					select: {
						title: true,
						mode: true,
						venue: true,
						startsOn: true,
						endsOn: true,
						programme: { select: { title: true } }
					}
				}
			}
		}),
		db.attendanceMark.findMany({
			where: {
				workerId: {
					in: (await db.workerProfile.findMany({ where: { userId }, select: { id: true } })).map((w) => w.id)
				}
			},
			orderBy: [{ eventId: 'asc' }, { day: 'asc' }],
			select: { eventId: true, day: true, present: true, makeUp: true, note: true, recordedAt: true }
		}),
		db.$queryRaw<Record<string, unknown>[]>`
			select p.id, p.starts_on as "startsOn", p.ends_on as "endsOn", p.required_hours::float8 as "requiredHours", p.carried_hours::float8 as "carriedHours",
				p.status::text as status, p.outcome::text as outcome, p.competencies, p.transfer_reason as "transferReason", p.student_signed_at as "studentSignedAt",
				p.supervisor_signed_at as "supervisorSignedAt", p.coordinator_signed_at as "coordinatorSignedAt", p.created_at as "createdAt",
				un.name as university, ag.name as agency, su.name as "fieldSupervisor", fa.reference as agreement
			from placements p join organisations un on un.id = p.university_id join organisations ag on ag.id = p.agency_id
			left join users su on su.id = p.supervisor_id left join field_agreements fa on fa.id = p.agreement_id
			where p.student_id = ${u} order by p.starts_on, p.created_at`,
		db.practicumLog.findMany({
			where: { placement: { studentId: userId } },
			orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
			select: {
				placementId: true,
				date: true,
				hours: true,
				activity: true,
				competencies: true,
				status: true,
				comment: true,
				decidedAt: true,
				createdAt: true
			}
		}),
		db.$queryRaw<Record<string, unknown>[]>`
			select e.placement_id as "placementId", e.kind::text as kind, e.ratings, e.comment, e.submitted_at as "submittedAt",
				e.student_response as "studentResponse", e.acknowledged_at as "acknowledgedAt"
			from practicum_evaluations e join placements p on p.id = e.placement_id
			where p.student_id = ${u} order by e.submitted_at`,
		// the supervisor's private notes are theirs: never selected here
		db.$queryRaw<Record<string, unknown>[]>`
			select s.date, s.minutes, s.format::text as format, s.functions, s.withdrawn_at as "withdrawnAt", su.name as supervisor,
				a.status::text as "yourConfirmation", a.dispute_note as "yourDisputeNote", a.responded_at as "respondedAt"
			from session_attendees a join supervision_sessions s on s.id = a.session_id left join users su on su.id = s.supervisor_id
			where a.supervisee_id = ${u} order by s.date`,
		db.$queryRaw<Record<string, unknown>[]>`
			select case when a.supervisee_id = ${u} then 'supervisee' else 'supervisor' end as "yourPart", o.name as organisation, a.starts_on as "startsOn",
				a.ends_on as "endsOn", case when a.supervisee_id = ${u} then sv.name else se.name end as "otherPerson"
			from supervision_assignments a join organisations o on o.id = a.organisation_id
			left join users sv on sv.id = a.supervisor_id left join users se on se.id = a.supervisee_id
			where a.supervisee_id = ${u} or a.supervisor_id = ${u} order by a.starts_on`,
		db.supervisorProfile.findUnique({
			where: { userId },
			select: {
				yearsExperience: true,
				dedicated: true,
				selfDeclaredRegistered: true,
				courseEvidenceId: true,
				updatedAt: true
			}
		}),
		db.$queryRaw<Record<string, unknown>[]>`
			select l.number as licence, s.created_at as "requestedAt", s.window_start as "windowStart", s.window_end as "windowEnd", i.status::text as status,
				i.response, i.evidence_file_id as "evidenceFileId", i.outcome_note as "outcomeNote", i.decided_at as "decidedAt"
			from audit_sample_items i join audit_samples s on s.id = i.sample_id join licences l on l.id = i.licence_id
			join worker_profiles w on w.id = l.worker_profile_id
			where w.user_id = ${u} order by s.created_at`,
		db.notification.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: { kind: true, title: true, body: true, link: true, createdAt: true, readAt: true }
		}),
		db.$queryRaw<Record<string, unknown>[]>`
			select i.email, i.role::text as role, o.name as organisation, j.name as jurisdiction, iu.name as "invitedBy", i.created_at as "createdAt",
				i.expires_at as "expiresAt", i.accepted_at as "acceptedAt"
			from invitations i left join organisations o on o.id = i.organisation_id left join jurisdictions j on j.id = i.jurisdiction_id
			left join users iu on iu.id = i.invited_by_id
			where i.accepted_by_id = ${u} or i.email = (select email from users where id = ${u}) order by i.created_at`,
		db.session.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: { createdAt: true, expiresAt: true }
		}),
		db.privacyConsent.findMany({
			where: { userId },
			orderBy: { acceptedAt: 'asc' },
			select: { noticeVersion: true, acceptedAt: true }
		}),
		db.auditEvent.findMany({
			where: { OR: [{ actorId: userId }, { subjectType: 'user', subjectId: userId }] },
			orderBy: { id: 'desc' },
			take: AUDIT_EXPORT_LIMIT + 1,
			select: {
				id: true,
				at: true,
				action: true,
				subjectType: true,
				subjectId: true,
				actorId: true,
				ip: true,
				reason: true,
				data: true
			}
		})
	]);
	return {
		account,
		roles,
		worker,
		licences,
		licenceClaims,
		cpdEntries,
		evidenceFiles,
		attempts,
		completions,
		evidence,
		certificates,
		events,
		attendance,
		placements,
		hours,
		evaluations,
		sessionsAttended,
		assignments,
		supervisorProfile,
		randomAudits,
		notifications,
		invitations,
		signIns,
		consents,
		auditEvents
	};
}

export type PersonalData = Awaited<ReturnType<typeof myData>>;

/** Everything about the person, ready for JSON. `origin` makes the download addresses absolute. Null: no such user. */
export async function myData(userId: string, origin: string, now = new Date()) {
	const r = await read(userId);
	if (!r.account) return null;
	const truncated = r.auditEvents.length > AUDIT_EXPORT_LIMIT;
	const audit = r.auditEvents.slice(0, AUDIT_EXPORT_LIMIT).reverse();
	return {
		format: EXPORT_FORMAT,
		generatedAt: now.toISOString(),
		privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
		howToGetFiles:
			'Evidence file contents are not inside this export. Sign in and open the "download" address of each file in evidenceFiles to save it. ' +
			'A file with purgedAt set was deleted (retention period or erasure) and can no longer be downloaded; its name, size and SHA-256 remain.',
		notIncluded:
			"Your password (only a one-way hash is stored, and it is not exported), session and email-token hashes, and supervisors' private session notes.",
		account: plain(r.account),
		roles: rows(
			r.roles.map((x) => ({
				role: x.role,
				since: x.createdAt,
				organisation: x.organisation?.name ?? null,
				jurisdiction: x.jurisdiction?.name ?? null,
				everywhere: !x.organisation && !x.jurisdiction
			}))
		),
		workerProfile: plain(r.worker),
		licences: rows(r.licences),
		licenceClaims: rows(
			r.licenceClaims.map((c) => ({
				licence: c.licence.number,
				status: c.status,
				createdAt: c.createdAt,
				decidedAt: c.decidedAt
			}))
		),
		cpdEntries: rows(r.cpdEntries),
		evidenceFiles: rows(
			r.evidenceFiles.map((f) => ({ ...f, download: f.purgedAt ? null : `${origin}/evidence/${f.id}` }))
		),
		moduleAttempts: rows(r.attempts),
		moduleCompletions: rows(r.completions),
		competencyEvidence: rows(r.evidence),
		certificates: rows(
			r.certificates.map((c) => ({
				...c,
				code: formatVerificationCode(c.code),
				verifyUrl: verifyUrl(c.code),
				pdf: `${origin}/certificates/${c.id}/certificate.pdf`
			}))
		),
		trainingEvents: rows(r.events),
		attendance: rows(r.attendance),
		practicumPlacements: rows(r.placements),
		practicumHours: rows(r.hours),
		practicumEvaluations: rows(r.evaluations),
		supervisionSessionsAttended: rows(r.sessionsAttended),
		supervisionAssignments: rows(r.assignments),
		supervisorProfile: plain(r.supervisorProfile),
		randomAudits: rows(r.randomAudits),
		notifications: rows(r.notifications),
		invitations: rows(r.invitations),
		signedInSessions: rows(r.signIns),
		privacyConsents: rows(r.consents),
		auditEvents: rows(audit),
		auditEventsTruncated: truncated,
		/** for the PDF summary; not part of the JSON download */
		_raw: r
	};
}

/** The JSON download: the export without the internal copy used for the PDF. */
export function exportJson(d: NonNullable<PersonalData>): string {
	const { _raw, ...rest } = d;
	void _raw;
	return JSON.stringify(rest, null, 2);
}

// ---- The PDF summary ---------------------------------------------------------------------------------------------

const LIST_LIMIT = 300;
const code = (s: string | null | undefined) => (s ?? '').toLowerCase().replaceAll('_', ' ');

/** A readable A4 summary: who, roles, workforce record, licences, CPD, learning, certificates, practicum, supervision,
 *  consents, and counts of the rest (the JSON has every row). Text flows onto as many pages as it needs. */
export async function myDataPdf(d: NonNullable<PersonalData>): Promise<Buffer> {
	const r = d._raw;
	const a = r.account!;
	const doc = new PDFDocument({
		size: 'A4',
		margin: 50,
		compress: true,
		info: { Title: m.export_title(), Author: 'Credo' },
		displayTitle: true,
		bufferPages: true
	});
	const f = loadFonts();
	doc.registerFont('regular', f.regular);
	doc.registerFont('bold', f.bold);
	const width = doc.page.width - 100;
	const h1 = (t: string) => doc.font('bold').fontSize(18).text(t, { width }).moveDown(0.3);
	const h2 = (t: string) => {
		if (doc.y > doc.page.height - 120) doc.addPage();
		doc.moveDown(0.6).font('bold').fontSize(13).text(t, { width }).moveDown(0.2);
	};
	const p = (t: string) => doc.font('regular').fontSize(10).text(t, { width });
	const kv = (k: string, v: string | number | boolean | null | undefined) => {
		if (v === null || v === undefined || v === '') return;
		doc.font('bold').fontSize(10).text(`${k}: `, { width, continued: true }).font('regular').text(String(v));
	};
	const list = <T>(rows: T[], line: (row: T) => string) => {
		if (!rows.length) return p(m.export_none());
		for (const row of rows.slice(0, LIST_LIMIT)) p(`• ${line(row)}`);
		if (rows.length > LIST_LIMIT) p(m.export_more({ count: rows.length - LIST_LIMIT }));
	};

	h1(m.export_title());
	p(m.export_prepared({ date: dayOf(d.generatedAt) }));
	p(m.export_lead());

	h2(m.export_section_account());
	kv(m.field_full_name(), a.name);
	kv(m.field_email_label(), a.email);
	kv(m.export_created(), day(a.createdAt));
	kv(m.export_email_verified(), day(a.emailVerifiedAt) ?? m.export_no());

	h2(m.export_section_roles());
	let locale = 'en';
	try {
		locale = getLocale();
	} catch {
		// outside a request (tests, scripts): English
	}
	list(
		r.roles,
		(x) =>
			`${roleLabel(x.role, locale)} — ${x.organisation?.name ?? x.jurisdiction?.name ?? m.export_everywhere()} (${day(x.createdAt)})`
	);

	h2(m.export_section_worker());
	if (!r.worker) p(m.export_none());
	else {
		const w = r.worker;
		kv(m.field_full_name(), `${w.givenName} ${w.familyName}`);
		kv(m.field_email_label(), w.email);
		kv(m.export_jurisdiction(), w.jurisdiction.name);
		kv(m.export_area(), w.area?.name);
		kv(m.export_organisation(), w.organisation?.name);
		kv(m.export_cadre(), code(w.cadre));
		kv(m.export_sector(), code(w.sector));
		kv(m.export_sex(), code(w.sex));
		kv(m.export_education(), code(w.educationLevel));
		kv(m.export_employment(), w.employmentStart ? `${day(w.employmentStart)} – ${day(w.employmentEnd) ?? ''}` : null);
		for (const i of w.identifiers) kv(code(i.kind), i.value);
	}

	h2(m.export_section_licences());
	list(
		r.licences,
		(l) =>
			`${l.number} — ${code(l.status)}; ${l.cycles.map((c) => `${day(c.startsOn)} – ${day(c.endsOn)}: ${code(c.outcome)}`).join('; ')}`
	);

	h2(m.export_section_cpd());
	const credits = r.cpdEntries.reduce((s, e) => s + Number(e.credits), 0);
	p(m.export_cpd_total({ count: r.cpdEntries.length, credits: Math.round(credits * 100) / 100 }));
	list(
		r.cpdEntries,
		(e) =>
			`${day(e.activityDate)} · ${e.title} · ${Number(e.credits)} (${e.category}, ${activityTypeLabel(e.activityType)}${e.hours === null ? '' : ', ' + m.ledger_hours_value({ hours: Number(e.hours) })}) · ${code(e.status)}${e.evidenceFileId ? ' · ' + m.export_with_file() : ''}`
	);

	h2(m.export_section_learning());
	p(
		m.export_learning_counts({
			attempts: r.attempts.length,
			completions: r.completions.length,
			evidence: r.evidence.length
		})
	);
	list(
		r.completions,
		(c) => `${day(c.completedAt)} · ${c.moduleVersion.title} (v${c.moduleVersion.version}) · ${c.score}%`
	);

	h2(m.export_section_certificates());
	list(
		r.certificates,
		(c) =>
			`${c.programmeTitle ?? c.programme.title} — ${c.programme.provider.name} · ${day(c.issuedOn)}${c.expiresOn ? ` – ${day(c.expiresOn)}` : ''}${c.revokedAt ? ` · ${m.pdf_revoked()}` : ''} · ${formatVerificationCode(c.code)}`
	);

	h2(m.export_section_events());
	list(
		r.events,
		(e) =>
			`${e.event.title} (${e.event.programme.title}) · ${day(e.event.startsOn)} – ${day(e.event.endsOn)} · ${m.export_days_present({ count: r.attendance.filter((x) => x.eventId === e.eventId && (x.present || x.makeUp)).length })}`
	);

	h2(m.export_section_practicum());
	list(r.placements, (pl) => {
		const logs = r.hours.filter((hh) => hh.placementId === pl.id);
		const total = logs.reduce((s, hh) => s + Number(hh.hours), 0);
		const approved = logs.filter((hh) => hh.status === 'APPROVED').reduce((s, hh) => s + Number(hh.hours), 0);
		return `${pl.agency} (${pl.university}) · ${day(pl.startsOn as Date)} – ${day(pl.endsOn as Date)} · ${m.export_hours({ total, approved, required: Number(pl.requiredHours) })} · ${code(String(pl.status))}`;
	});
	if (r.evaluations.length) p(m.export_evaluations({ count: r.evaluations.length }));

	h2(m.export_section_supervision());
	list(
		r.sessionsAttended,
		(s) =>
			`${day(s.date as Date)} · ${s.minutes} min · ${code(String(s.format))} · ${s.supervisor ?? ''} · ${code(String(s.yourConfirmation))}`
	);

	h2(m.export_section_consents());
	list(r.consents, (c) => m.export_consent_row({ version: c.noticeVersion, date: day(c.acceptedAt) ?? '' }));

	h2(m.export_section_other());
	p(
		m.export_other_counts({
			notifications: r.notifications.length,
			audit: Math.min(r.auditEvents.length, AUDIT_EXPORT_LIMIT),
			files: r.evidenceFiles.length
		})
	);
	p(m.export_files_note());

	// page numbers
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		doc.page.margins.bottom = 0; // writing in the bottom margin must not start a new page
		doc
			.font('regular')
			.fontSize(8)
			.text(`${i + 1} / ${range.count}`, 50, doc.page.height - 35, {
				width,
				align: 'right',
				lineBreak: false,
				height: 10
			});
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

/** A download of one's own data is audited like any disclosure of personal data. */
export async function recordDownload(userId: string, format: 'json' | 'pdf', ip: string) {
	await audit(db, {
		actorId: userId,
		action: 'person.data_downloaded',
		subjectType: 'user',
		subjectId: userId,
		ip,
		data: { format }
	});
}
