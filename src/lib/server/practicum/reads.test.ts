import { describe, expect, it } from 'vitest';
import { agreementsOf } from './placements';
import { editableEntry, logHours, signOffQueue, tickedEntries, withdrawHours } from './hours';
import { DomainError } from '../errors';
import { parseDay } from '$lib/calendar-day';
import { signedPlacement as practicum } from '../../../../tests/helpers/practicum';

const entry = {
	date: parseDay('2026-03-02')!,
	hours: 6,
	activity: 'Home visits',
	competencies: ['CORE.CASE_MANAGEMENT']
};

describe('what the practicum pages read', () => {
	it("a coordinator sees their own university's agreements only", async () => {
		const p = await practicum();
		const other = await practicum();
		const ids = (await agreementsOf(p.coordinator)).map((a) => a.id);
		expect(ids).toContain(p.agreement.id);
		expect(ids).not.toContain(other.agreement.id);
	});

	it("the sign-off queue holds the supervisor's pending entries with the student's name, nobody else's", async () => {
		const p = await practicum();
		const other = await practicum();
		const logged = await logHours(p.student, p.placement.id, entry);
		await logHours(other.student, other.placement.id, entry);
		const queue = await signOffQueue(p.supervisor);
		expect(queue.map((e) => [e.id, e.student, e.hours])).toEqual([[logged.id, p.student.name, 6]]);
	});

	it('a student may edit their own pending entry; not after withdrawing it, and never someone else', async () => {
		const p = await practicum();
		const logged = await logHours(p.student, p.placement.id, entry);
		expect((await editableEntry(p.student.id, logged.id))?.id).toBe(logged.id);
		expect(await editableEntry(p.supervisor.id, logged.id)).toBeNull();
		await withdrawHours(p.student, logged.id);
		expect(await editableEntry(p.student.id, logged.id)).toBeNull();
	});

	it('the ticked entries are ids; a forged value is refused like none ticked', () => {
		const form = new FormData();
		const id = '0b6c4f4e-8d43-4a55-9a8e-0a3a8f0c2b11';
		form.append('entryId', id);
		expect(tickedEntries(form)).toEqual([id]);
		form.append('entryId', 'nope');
		expect(() => tickedEntries(form)).toThrow(DomainError);
		expect(tickedEntries(new FormData())).toEqual([]);
	});
});
