import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { addParticipants, dayMarkSchema, managedEvent, markAllPresent, participantsSchema, register, saveRegister } from '$lib/server/certificates/events';
import { latestCohortJob, startCohortIssuance } from '$lib/server/certificates/issuance';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	let ev;
	try {
		ev = await managedEvent(user, params.id);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	const [sheet, job] = await Promise.all([register(ev.id, page), latestCohortJob(ev.id)]);
	return { event: ev, sheet, job };
};

const guard = () => requireUser();
const empty = z.object({});

export const actions: Actions = {
	participants: formAction(guard, participantsSchema, async (user, data, _f, event) => ({ added: await addParticipants(user, event.params.id!, data.emails) }), { action: 'participants' }),
	register: formAction(guard, empty, async (user, _d, form, event) => ({ saved: await saveRegister(user, event.params.id!, form) }), { action: 'register' }),
	allPresent: formAction(guard, dayMarkSchema, async (user, data, _f, event) => {
		await markAllPresent(user, event.params.id!, data.day);
		return { saved: true };
	}, { action: 'allPresent' }),
	issue: formAction(guard, empty, async (user, _d, _f, event) => {
		await startCohortIssuance(user, event.params.id!);
		return { started: true };
	}, { action: 'issue' })
};
