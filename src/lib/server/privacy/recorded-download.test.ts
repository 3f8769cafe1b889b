import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { recordDownload } from './my-data';
import { makeUser } from '../../../../tests/helpers/db';

describe('downloading my data', () => {
	it('is audited with its format and address, against the person who downloaded it', async () => {
		const u = await makeUser();
		await recordDownload(u.id, 'pdf', '203.0.113.9');
		const events = await db.auditEvent.findMany({ where: { actorId: u.id, action: 'person.data_downloaded' } });
		expect(events.map((e) => [e.subjectId, e.ip, e.data])).toEqual([[u.id, '203.0.113.9', { format: 'pdf' }]]);
	});
});
