import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';

export interface AuditInput {
	actorId?: string | null;
	action: string;
	subjectType: string;
	subjectId?: string | null;
	jurisdictionId?: string | null;
	organisationId?: string | null;
	ip?: string | null;
	reason?: string | null;
	data?: Prisma.InputJsonValue;
}

/** Appends an audit event. Pass the transaction that makes the change so the event commits with it. */
export async function audit(tx: Db, event: AuditInput): Promise<void> {
	await tx.auditEvent.create({ data: event });
}
