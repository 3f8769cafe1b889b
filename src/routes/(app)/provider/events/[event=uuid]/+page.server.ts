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
	PARTICIPANT_LISTS,
	participantsFile,
	participantsSchema,
	register,
	registerCandidates,
	removeParticipant,
	saveRegister,
	saveSessionDays,
	SESSION_DAY_LISTS,
	sessionDays,
	sessionDaysSchema
} from '$lib/server/certificates/events';
import { sessionDaysOf } from '$lib/server/certificates/session-days';
import {
	checkCohortIssuance,
	cohortSchema,
	latestCohortJob,
	startCohortIssuance
} from '$lib/server/certificates/issuance';
import { plainProgramme } from '$lib/server/certificates/programmes';
import { uuid } from '$lib/server/forms/fields';
import { formAction, guarded } from '$lib/server/http';
import { fromDate } from '$lib/calendar-day';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	const ev = await guarded(() => managedEvent(user, params.event));
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	const find = (url.searchParams.get('find') ?? '').slice(0, 200);
	const [sheet, job, candidates] = await Promise.all([
		register(ev.id, page),
		latestCohortJob(ev.id),
		registerCandidates(ev.id, ev.jurisdictionId, find)
	]);
	const { programme, sessionDays: _days, ...rest } = ev;
	return {
		event: { ...rest, programme: plainProgramme(programme) },
		days: sessionDays(ev),
		period: sessionDaysOf(fromDate(ev.startsOn), fromDate(ev.endsOn), false),
		sheet,
		job,
		find,
		candidates
	};
};

/** The action guard: a signed-in manager of this event (404 for anyone else, before any parsing). */
const guard = async (event: RequestEvent) => {
	const user = requireUser();
	await guarded(() => managedEvent(user, event.params.event!));
	return user;
};
/** the button posts confirm=yes: an empty or forged post starts nothing */
const confirmed = cohortSchema.extend({ confirm: z.literal('yes', { error: () => m.field_required() }) });

export const actions: Actions = {
	participants: formAction({
		guard: guard,
		schema: participantsSchema,
		lists: PARTICIPANT_LISTS,
		run: async ({ user, data, form, event }) => ({
			added: await addParticipants(user, event.params.event!, {
				text: data.entries,
				file: participantsFile(form),
				workerIds: data.workerId
			})
		}),
		name: 'participants'
	}),
	remove: formAction({
		guard: guard,
		schema: z.object({ workerId: uuid() }),
		run: async ({ user, data, event }) => {
			await removeParticipant(user, event.params.event!, data.workerId);
			return { removed: true };
		},
		name: 'remove'
	}),
	days: formAction({
		guard: guard,
		schema: sessionDaysSchema,
		lists: SESSION_DAY_LISTS,
		run: async ({ user, data, event }) => ({ days: await saveSessionDays(user, event.params.event!, data.day) }),
		name: 'days'
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
	/** the "check your answers" step: what issuing would do, dated which day */
	check: formAction({
		guard: guard,
		schema: cohortSchema,
		run: async ({ user, data, event }) => ({
			check: await checkCohortIssuance(user, event.params.event!, data.issuedOn ?? null)
		}),
		name: 'check'
	}),
	issue: formAction({
		guard: guard,
		schema: confirmed,
		run: async ({ user, data, event }) => {
			await startCohortIssuance(user, event.params.event!, data.issuedOn ?? null);
			return { started: true };
		},
		name: 'issue'
	})
};
