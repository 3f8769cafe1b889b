import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { auditTrail, subjectHref } from './trail';
import { makeUser } from '../../../../tests/helpers/db';

describe('audit trail', () => {
	it('names the actor and filters by person, action and days, a page at a time', async () => {
		const tag = randomUUID().slice(0, 8);
		const ama = await makeUser();
		await db.user.update({ where: { id: ama.id }, data: { name: `Ama Trail-${tag}` } });
		const kofi = await makeUser();
		await db.user.update({ where: { id: kofi.id }, data: { name: `Kofi Trail-${tag}` } });
		const action = `test.trail_${tag}`;
		const at = (day: string) => new Date(`${day}T10:00:00Z`);
		await db.auditEvent.createMany({
			data: [
				{ actorId: ama.id, action, subjectType: 'user', subjectId: kofi.id, at: at('2026-03-01') },
				{ actorId: ama.id, action, subjectType: 'user', subjectId: kofi.id, at: at('2026-03-02') },
				{ actorId: ama.id, action: `${action}_other`, subjectType: 'x', at: at('2026-03-02') },
				{ actorId: kofi.id, action, subjectType: 'worker', subjectId: 'not-an-id', at: at('2026-03-03') },
				{ actorId: null, action, subjectType: 'user', at: at('2026-03-04') }
			]
		});

		const all = await auditTrail({ action });
		expect(all.total).toBe(4);
		expect(all.events.map((e) => e.actor?.name ?? null)).toEqual([
			null,
			`Kofi Trail-${tag}`,
			`Ama Trail-${tag}`,
			`Ama Trail-${tag}`
		]);
		expect(all.events[2].subjectHref).toBe(`/admin/users/${kofi.id}`);
		expect(all.events[1].subjectHref).toBeNull(); // not a record id

		const byAma = await auditTrail({ person: `ama trail-${tag}` });
		expect(byAma.total).toBe(3);
		expect(byAma.events.every((e) => e.actor?.id === ama.id)).toBe(true);
		expect((await auditTrail({ person: `Nobody ${tag}` })).total).toBe(0);

		const days = await auditTrail({ action, from: '2026-03-02', to: '2026-03-03' });
		expect(days.events.map((e) => e.at.toISOString().slice(0, 10))).toEqual(['2026-03-03', '2026-03-02']);

		const first = await auditTrail({ action }, 3);
		expect([first.page, first.pages, first.events.length]).toEqual([1, 2, 3]);
		const second = await auditTrail({ action, page: 2 }, 3);
		expect(second.events.map((e) => e.at.toISOString().slice(0, 10))).toEqual(['2026-03-01']);
		expect((await auditTrail({ action, page: 99 }, 3)).page).toBe(2); // past the end: the last page
	});

	it('links the records that have a page', () => {
		const id = randomUUID();
		expect(subjectHref('user', id)).toBe(`/admin/users/${id}`);
		expect(subjectHref('worker', id)).toBe(`/workers/${id}`);
		expect(subjectHref('licence', id)).toBeNull();
		expect(subjectHref('user', null)).toBeNull();
	});
});
