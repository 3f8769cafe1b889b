import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { audit } from './audit';

describe('audit events are append-only in the database', () => {
	it('refuses UPDATE and DELETE, and the row stays as written', async () => {
		const subjectId = `subject-${Math.random()}`;
		await audit(db, { action: 'test.event', subjectType: 'test', subjectId, reason: 'original' });
		const row = await db.auditEvent.findFirstOrThrow({ where: { subjectId } });
		await expect(db.$executeRaw`update audit_events set reason = 'changed' where id = ${row.id}`).rejects.toThrow(
			/append-only/
		);
		await expect(db.$executeRaw`delete from audit_events where id = ${row.id}`).rejects.toThrow(/append-only/);
		await expect(db.auditEvent.update({ where: { id: row.id }, data: { reason: 'changed' } })).rejects.toThrow();
		await expect(db.auditEvent.deleteMany({ where: { subjectId } })).rejects.toThrow();
		await expect(db.$executeRawUnsafe('truncate audit_events')).rejects.toThrow(/append-only/);
		const after = await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } });
		expect(after.reason).toBe('original');
	});
});
