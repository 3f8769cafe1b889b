// Erasure on request: an administrator pseudonymises a person. Their personal fields become placeholders, their login
// is removed, their uploaded evidence is emptied; what others rely on stays true:
// - certificates stay verifiable, "issued to a former holder" (holder_erased, the name emptied);
// - the worker profile row stays with its non-identifying HRIS fields (jurisdiction, area, organisation, cadre,
//   sector, paid, sex, education, child-protection responsibility, employment dates, track) and its links to licences
//   and certificates, so the indicators (VAC 3.1(d).1, RAM 45 and their breakdowns) do not change;
// - licences, cycles, CPD entries, completions, practicum hours and supervision sessions stay (counts, decisions and
//   other people's sign-offs rest on them), with the holder's name on the licence replaced;
// - the audit log is append-only (a trigger refuses changes) and is not rewritten: its events keep the user id, which
//   from now on resolves to "Former user". One `person.erased` event records who erased whom, when and why.
// Everything runs in one transaction with the person's row locked, so two admins erasing at once erase once.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError, Forbidden } from '../errors';
import { isAdmin } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { text } from '../forms/fields';
import { m } from '$lib/paraglide/messages';

export const FORMER_USER = 'Former user';
export const FORMER_GIVEN = 'Former';
export const FORMER_FAMILY = 'holder';
export const FORMER_HOLDER = 'Former holder';
/** not an argon2 hash, so no password ever matches it */
export const UNUSABLE_PASSWORD = '!erased';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

export const eraseSchema = z.object({
	/** the person's email address typed again, so the wrong person is not erased by a slip */
	confirmEmail: text(254),
	reason: text(500)
});
export type EraseInput = z.output<typeof eraseSchema>;

export interface ErasureSummary {
	userId: string;
	sessions: number;
	roles: number;
	invitations: number;
	notifications: number;
	mail: number;
	identifiers: number;
	licences: number;
	certificates: number;
	evidenceFiles: number;
	mentionsScrubbed: number;
}

/** Strings that name the person and are long enough to replace safely in other people's notices. */
function needles(values: (string | null | undefined)[]): string[] {
	return [...new Set(values.map((v) => (v ?? '').trim()).filter((v) => v.length >= 4))];
}

export async function erasePerson(
	admin: SessionUser,
	userId: string,
	input: EraseInput,
	ip: string | null = null,
	now = new Date()
): Promise<ErasureSummary> {
	if (!isAdmin(admin)) throw new Forbidden();
	if (userId === admin.id) throw new DomainError(m.erase_not_self(), 400);
	return db.$transaction(
		async (tx) => {
			const [target] = await tx.$queryRaw<{ id: string; email: string; name: string; erased_at: Date | null }[]>`
				select id, email, name, erased_at from users where id = ${userId}::uuid for update`;
			if (!target) throw new DomainError(m.not_found(), 404);
			if (target.erased_at) throw new DomainError(m.erase_already(), 409);
			if (input.confirmEmail.trim().toLowerCase() !== target.email.toLowerCase())
				throw new FieldError('confirmEmail', m.erase_confirm_mismatch());

			const worker = await tx.workerProfile.findUnique({
				where: { userId },
				select: { id: true, givenName: true, familyName: true, email: true }
			});
			const emails = [
				...new Set([target.email, worker?.email].filter((e): e is string => !!e).map((e) => e.toLowerCase()))
			];
			const names = needles([target.name, worker ? `${worker.givenName} ${worker.familyName}` : null]);
			const u = Prisma.sql`${userId}::uuid`;
			// the reason is kept in the append-only log for good: it must not name the person
			const reason = input.reason.toLowerCase();
			if ([...names, ...emails].some((n) => reason.includes(n.toLowerCase())))
				throw new FieldError('reason', m.erase_reason_personal());

			// the login: no password matches, no session or mailed token survives, no role is left
			await tx.user.update({
				where: { id: userId },
				data: {
					name: FORMER_USER,
					email: erasedEmail(userId),
					passwordHash: UNUSABLE_PASSWORD,
					emailVerifiedAt: null,
					disabledAt: now,
					erasedAt: now
				}
			});
			const sessions = (await tx.session.deleteMany({ where: { userId } })).count;
			await tx.emailToken.deleteMany({ where: { userId } });
			await tx.rateLimit.deleteMany({ where: { key: { in: emails.map((e) => `login:account:${e}`) } } }); // throttling keyed by the address
			const roles = (await tx.membership.deleteMany({ where: { userId } })).count;
			const invitations = (await tx.invitation.deleteMany({ where: { email: { in: emails, mode: 'insensitive' } } }))
				.count;
			const notifications = (await tx.notification.deleteMany({ where: { userId } })).count;
			const mail = (await tx.outboxMessage.deleteMany({ where: { to: { in: emails, mode: 'insensitive' } } })).count;

			// notices to other people that name them (e.g. "X logged hours") keep their sense without the name
			let mentionsScrubbed = 0;
			for (const needle of [...names, ...emails]) {
				const placeholder = needle.includes('@') ? erasedEmail(userId) : FORMER_USER;
				mentionsScrubbed += await tx.$executeRaw`
					update notifications set title = replace(title, ${needle}, ${placeholder}), body = replace(body, ${needle}, ${placeholder})
					where strpos(title, ${needle}) > 0 or strpos(body, ${needle}) > 0`;
				mentionsScrubbed += await tx.$executeRaw`
					update outbox_messages set subject = replace(subject, ${needle}, ${placeholder}), text = replace(text, ${needle}, ${placeholder})
					where strpos(subject, ${needle}) > 0 or strpos(text, ${needle}) > 0`;
			}

			// the workforce record stays for the indicators, without what identifies the person
			let identifiers = 0;
			let licences = 0;
			if (worker) {
				await tx.workerProfile.update({
					where: { id: worker.id },
					data: { givenName: FORMER_GIVEN, familyName: FORMER_FAMILY, email: null }
				});
				identifiers = (await tx.workerIdentifier.deleteMany({ where: { workerProfileId: worker.id } })).count;
				licences = (
					await tx.licence.updateMany({ where: { workerProfileId: worker.id }, data: { holderName: FORMER_HOLDER } })
				).count;
			}
			// certificates verify as "issued to a former holder"; the stored signed badge named them, so it goes too
			const certificates = (
				await tx.certificate.updateMany({
					where: { userId },
					data: { holderName: '', holderErased: true, credential: Prisma.DbNull }
				})
			).count;

			// their uploads: bytes emptied, the file name (which may carry a name) made generic; the row stays so the
			// entries that cite it keep their history. Agreement documents are the organisations', not the person's.
			const evidenceFiles = await tx.$executeRaw`
				update evidence_files f set data = ''::bytea, purged_at = coalesce(f.purged_at, ${now}),
					filename = 'erased' || coalesce(substring(f.filename from '\\.[A-Za-z0-9]{1,8}$'), '')
				where f.owner_id = ${u} and not exists (select 1 from field_agreements a where a.document_file_id = f.id)`;
			// free text the person wrote about themselves
			await tx.$executeRaw`
				update practicum_evaluations e set student_response = null from placements p
				where p.id = e.placement_id and p.student_id = ${u} and e.student_response is not null`;
			await tx.$executeRaw`update session_attendees set dispute_note = null where supervisee_id = ${u} and dispute_note is not null`;
			if (worker) {
				await tx.$executeRaw`
					update audit_sample_items i set response = null from licences l
					where l.id = i.licence_id and l.worker_profile_id = ${worker.id}::uuid and i.response is not null`;
			}

			const summary: ErasureSummary = {
				userId,
				sessions,
				roles,
				invitations,
				notifications,
				mail,
				identifiers,
				licences,
				certificates,
				evidenceFiles,
				mentionsScrubbed
			};
			const { userId: _id, ...counts } = summary;
			void _id;
			await audit(tx, {
				actorId: admin.id,
				action: 'person.erased',
				subjectType: 'user',
				subjectId: userId,
				ip,
				reason: input.reason,
				data: { ...counts }
			});
			return summary;
		},
		{ timeout: 60_000, maxWait: 10_000 }
	);
}
