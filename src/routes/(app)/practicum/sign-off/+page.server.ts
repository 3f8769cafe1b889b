import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { decideHours, decisionSchema, pendingForSupervisor } from '$lib/server/practicum/hours';
import { db } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { flushOutbox } from '$lib/server/mail/outbox';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const entries = await pendingForSupervisor(user);
	const placements = await db.placement.findMany({
		where: { id: { in: [...new Set(entries.map((e) => e.placementId))] } },
		select: { id: true, studentId: true }
	});
	const students = await db.user.findMany({
		where: { id: { in: placements.map((p) => p.studentId) } },
		select: { id: true, name: true }
	});
	const studentOf = new Map(placements.map((p) => [p.id, students.find((s) => s.id === p.studentId)?.name ?? '']));
	return { entries: entries.map((e) => ({ ...e, hours: Number(e.hours), student: studentOf.get(e.placementId) })) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(decisionSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			const n = await decideHours(
				user,
				form
					.getAll('entryId')
					.map(String)
					.filter((v) => /^[0-9a-f-]{36}$/.test(v)),
				parsed.data.decision,
				parsed.data.comment,
				event.url.origin
			);
			void flushOutbox();
			return { decided: n };
		} catch (e) {
			return failFrom(e, form);
		}
	}
};
