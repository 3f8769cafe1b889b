import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { choice } from '$lib/server/forms/fields';
import {
	managedProgramme,
	programmeChoices,
	plainProgramme,
	programmeInput,
	recognitionRequestSchema,
	requestRecognition,
	setArchived,
	updateProgramme
} from '$lib/server/certificates/programmes';
import { createEvent, eventSchema } from '$lib/server/certificates/events';
import { programmeFormOptions } from '$lib/server/certificates/forms';
import { partnerOptions } from '$lib/server/certificates/partners';
import { programmeActivity } from '$lib/server/certificates/programme-lists';
import { recognitionPeriods } from '$lib/server/certificates/recognition-periods';
import { formAction, guarded } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { z } from 'zod';

const programmeOf = (id: string) => guarded(() => managedProgramme(requireUser(), id));
/** The action guard: a signed-in manager of this programme (404 for anyone else, before any parsing). */
const manager = async (event: RequestEvent) => {
	const user = requireUser();
	await guarded(() => managedProgramme(user, event.params.programme!));
	return user;
};

export const load: PageServerLoad = async ({ params }) => {
	const programme = await programmeOf(params.programme);
	const { events, certificates, certificateCount } = await programmeActivity(programme.id);
	return {
		programme: plainProgramme(programme),
		events,
		certificates,
		certificateCount,
		recognitionPeriods: (await recognitionPeriods([programme.id])).get(programme.id) ?? [],
		...programmeFormOptions(),
		partners: await partnerOptions([{ id: programme.providerId, jurisdictionId: programme.jurisdictionId }]),
		idempotencyKey: newIdempotencyKey()
	};
};

const archiveSchema = z.object({ archive: choice(['yes', 'no'] as const) });

export const actions: Actions = {
	update: formAction({
		guard: manager,
		run: async ({ user, form, event }) => {
			const { reconfirm } = await updateProgramme(user, event.params.programme!, programmeInput(form));
			return { saved: true, reconfirm };
		},
		name: 'update',
		refill: programmeChoices
	}),
	recognition: formAction({
		guard: manager,
		schema: recognitionRequestSchema,
		run: async ({ user, data, event }) => {
			await requestRecognition(user, event.params.programme!, data);
			return { saved: true };
		},
		name: 'recognition'
	}),
	event: formAction({
		guard: manager,
		schema: eventSchema,
		run: async ({ user, data, event, once }) => {
			const ev = await createEvent(user, event.params.programme!, data, once);
			redirect(303, `/provider/events/${ev.id}`);
		},
		name: 'event',
		claimsKey: true
	}),
	archive: formAction({
		guard: manager,
		schema: archiveSchema,
		run: async ({ user, data, event }) => {
			await setArchived(user, event.params.programme!, data.archive === 'yes');
			return { saved: true };
		},
		name: 'archive'
	})
};
