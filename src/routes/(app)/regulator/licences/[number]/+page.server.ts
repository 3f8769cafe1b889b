import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import {
	decideRenewal,
	regulatorLicence,
	renewalSchema,
	jurisdictionToday,
	leaveSchema,
	recordLeave,
	setLicenceStatus,
	statusSchema
} from '$lib/server/licensing/licences';
import { cycleCompliance } from '$lib/server/licensing/compliance-data';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { flushOutbox } from '$lib/server/mail/outbox';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireRegulator();
	let licenceId: string;
	try {
		licenceId = await regulatorLicence(user, params.number);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
	const cycleId = url.searchParams.get('cycle') ?? undefined;
	const state = await cycleCompliance(licenceId, cycleId && /^[0-9a-f-]{36}$/.test(cycleId) ? cycleId : undefined);
	const licence = await db.licence.findUniqueOrThrow({
		where: { id: licenceId },
		select: {
			number: true,
			holderName: true,
			status: true,
			statusReason: true,
			cadre: true,
			jurisdictionId: true,
			issuedOn: true,
			version: true,
			cycles: {
				orderBy: { startsOn: 'desc' },
				select: {
					id: true,
					startsOn: true,
					endsOn: true,
					outcome: true,
					graceUntil: true,
					decisionReason: true,
					decidedAt: true
				}
			}
		}
	});
	const entryIds = state?.verdict.entries.map((e) => e.id) ?? [];
	const entries = await db.cpdEntry.findMany({
		where: { id: { in: entryIds } },
		select: {
			id: true,
			title: true,
			providerName: true,
			providerSlug: true,
			activityDate: true,
			credits: true,
			category: true,
			status: true,
			source: true,
			evidenceFileId: true
		}
	});
	return {
		licenceId,
		licence,
		cycle: state
			? {
					id: state.cycle.id,
					startsOn: state.cycle.startsOn,
					endsOn: state.cycle.endsOn,
					outcome: state.cycle.outcome,
					graceUntil: state.cycle.graceUntil,
					leaveDays: state.cycle.leaveDays
				}
			: null,
		verdict: state?.verdict ?? null,
		entries: entries.map((e) => ({ ...e, credits: Number(e.credits) })),
		today: await jurisdictionToday(licence.jurisdictionId)
	};
};

export const actions: Actions = {
	status: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(statusSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'status' });
		try {
			await setLicenceStatus(user, parsed.data, event.url.origin);
			void flushOutbox();
		} catch (e) {
			return failFrom(e, form, { action: 'status' });
		}
		return { statusSaved: true };
	},
	leave: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(leaveSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'leave' });
		try {
			await recordLeave(user, parsed.data);
		} catch (e) {
			return failFrom(e, form, { action: 'leave' });
		}
		return { leaveSaved: true };
	},
	decide: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(renewalSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await decideRenewal(user, parsed.data, event.url.origin);
			void flushOutbox();
		} catch (e) {
			return failFrom(e, form);
		}
		return { decided: parsed.data.decision };
	}
};
