import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { choice } from '$lib/server/forms/fields';
import {
	managedProgramme,
	plainProgramme,
	readProgrammeForm,
	recognitionRequestSchema,
	requestRecognition,
	setArchived,
	updateProgramme
} from '$lib/server/certificates/programmes';
import { createEvent, eventSchema } from '$lib/server/certificates/events';
import { programmeFormOptions } from '$lib/server/certificates/forms';
import { formValues } from '$lib/server/forms/parse';
import { failFrom, formAction, guarded, readForm } from '$lib/server/http';
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
	const [events, certificates, certificateCount] = await Promise.all([
		db.trainingEvent.findMany({
			where: { programmeId: programme.id },
			orderBy: { startsOn: 'desc' },
			include: { _count: { select: { participants: true } } }
		}),
		db.certificate.findMany({
			where: { programmeId: programme.id },
			orderBy: { issuedAt: 'desc' },
			take: 50,
			select: { id: true, holderName: true, issuedOn: true, expiresOn: true, revokedAt: true }
		}),
		db.certificate.count({ where: { programmeId: programme.id } })
	]);
	return {
		programme: plainProgramme(programme),
		events,
		certificates,
		certificateCount,
		...programmeFormOptions(),
		idempotencyKey: newIdempotencyKey()
	};
};

const archiveSchema = z.object({ archive: choice(['yes', 'no'] as const) });

export const actions: Actions = {
	update: async (event) => {
		const user = await manager(event);
		const form = await readForm(event);
		const parsed = readProgrammeForm(form);
		if (!parsed.ok)
			return fail(400, {
				action: 'update',
				errors: parsed.errors,
				values: formValues(form),
				message: null,
				chosenModules: parsed.chosenModules,
				chosenCompetencies: parsed.chosenCompetencies
			});
		try {
			const { reconfirm } = await updateProgramme(user, event.params.programme!, parsed.data);
			return { action: 'update', saved: true, reconfirm };
		} catch (e) {
			return failFrom(e, form, { action: 'update' });
		}
	},
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
		run: async ({ user, form, event }) => {
			await setArchived(user, event.params.programme!, form.get('archive') === 'yes');
			return { saved: true };
		},
		name: 'archive'
	})
};
