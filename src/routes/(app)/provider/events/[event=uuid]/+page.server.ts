import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';
import {
	addParticipants,
	dayMarkSchema,
	managedEvent,
	markAllPresent,
	participantsSchema,
	register,
	saveRegister
} from '$lib/server/certificates/events';
import { latestCohortJob, startCohortIssuance } from '$lib/server/certificates/issuance';
import { plainProgramme } from '$lib/server/certificates/programmes';
import { formAction, guarded } from '$lib/server/http';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	const ev = await guarded(() => managedEvent(user, params.event));
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	const [sheet, job] = await Promise.all([register(ev.id, page), latestCohortJob(ev.id)]);
	return { event: { ...ev, programme: plainProgramme(ev.programme) }, sheet, job };
};

/** The action guard: a signed-in manager of this event (404 for anyone else, before any parsing). */
const guard = async (event: RequestEvent) => {
	const user = requireUser();
	await guarded(() => managedEvent(user, event.params.event!));
	return user;
};
/** the button posts confirm=yes: an empty or forged post starts nothing */
const confirmed = z.object({ confirm: z.literal('yes', { error: () => m.field_required() }) });

export const actions: Actions = {
	participants: formAction({
		guard: guard,
		schema: participantsSchema,
		run: async ({ user, data, event }) => ({ added: await addParticipants(user, event.params.event!, data.emails) }),
		name: 'participants'
	}),
	register: formAction({
		guard: guard,
		run: async ({ user, form, event }) => ({ saved: await saveRegister(user, event.params.event!, form) }),
		name: 'register'
	}),
	allPresent: formAction({
		guard: guard,
		schema: dayMarkSchema,
		run: async ({ user, data, event }) => {
			await markAllPresent(user, event.params.event!, data.day);
			return { saved: true };
		},
		name: 'allPresent'
	}),
	issue: formAction({
		guard: guard,
		schema: confirmed,
		run: async ({ user, event }) => {
			await startCohortIssuance(user, event.params.event!);
			return { started: true };
		},
		name: 'issue'
	})
};
