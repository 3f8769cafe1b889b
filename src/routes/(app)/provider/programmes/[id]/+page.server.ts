import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { managedProgramme, readProgrammeForm, recognitionRequestSchema, requestRecognition, setArchived, updateProgramme } from '$lib/server/certificates/programmes';
import { createEvent, eventSchema } from '$lib/server/certificates/events';
import { programmeFormOptions } from '$lib/server/certificates/forms';
import { formValues } from '$lib/server/people/forms';
import { failFrom, formAction, readForm } from '$lib/server/http';
import { z } from 'zod';

async function programmeOf(id: string) {
	try {
		return await managedProgramme(requireUser(), id);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
}

export const load: PageServerLoad = async ({ params }) => {
	const programme = await programmeOf(params.id);
	const [events, certificates, certificateCount] = await Promise.all([
		db.trainingEvent.findMany({ where: { programmeId: programme.id }, orderBy: { startsOn: 'desc' }, include: { _count: { select: { participants: true } } } }),
		db.certificate.findMany({ where: { programmeId: programme.id }, orderBy: { issuedAt: 'desc' }, take: 50, select: { id: true, holderName: true, issuedOn: true, expiresOn: true, revokedAt: true } }),
		db.certificate.count({ where: { programmeId: programme.id } })
	]);
	return {
		programme: { ...programme, minPracticumHours: programme.minPracticumHours?.toString() ?? null, minSupervisionHours: programme.minSupervisionHours?.toString() ?? null },
		events, certificates, certificateCount, ...programmeFormOptions()
	};
};

const empty = z.object({});

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = readProgrammeForm(form);
		if (!parsed.ok) return fail(400, { action: 'update', errors: parsed.errors, values: formValues(form), message: null, chosenModules: parsed.chosenModules, chosenCompetencies: parsed.chosenCompetencies });
		try {
			const { reconfirm } = await updateProgramme(user, event.params.id!, parsed.data);
			return { action: 'update', saved: true, reconfirm };
		} catch (e) {
			return failFrom(e, form, { action: 'update' });
		}
	},
	recognition: formAction(() => requireUser(), recognitionRequestSchema, async (user, data, _f, event) => {
		await requestRecognition(user, event.params.id!, data);
		return { saved: true };
	}, { action: 'recognition' }),
	event: formAction(() => requireUser(), eventSchema, async (user, data, _f, event) => {
		const ev = await createEvent(user, event.params.id!, data);
		redirect(303, `/provider/events/${ev.id}`);
	}, { action: 'event' }),
	archive: formAction(() => requireUser(), empty, async (user, _d, form, event) => {
		await setArchived(user, event.params.id!, form.get('archive') === 'yes');
		return { saved: true };
	}, { action: 'archive' })
};
