import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/http';
import { decideProposal, decideSchema } from '$lib/server/people/link-proposals';
import type { z } from 'zod';
import { openProposals, possibleDuplicates, DUPLICATE_GROUPS } from '$lib/server/people/people-review';

// a global administrator or this jurisdiction's: 403 otherwise, 404 for an unknown code
const guard = (event: RequestEvent) => requireJurisdictionAdmin(event.params.code!);

type DecideInput = {
	user: Awaited<ReturnType<typeof guard>>;
	data: z.output<typeof decideSchema>;
	event: RequestEvent;
};

export const load: PageServerLoad = async (event) => {
	const { jurisdiction } = await guard(event);
	const [proposals, duplicates] = await Promise.all([
		openProposals(jurisdiction.id),
		possibleDuplicates(jurisdiction.id)
	]);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		proposals,
		duplicates,
		shown: DUPLICATE_GROUPS
	};
};

/** Confirm and reject share everything but the decision; both answer as the one form 'decide'. */
const decide = (decision: 'confirm' | 'reject') => ({
	guard,
	schema: decideSchema,
	run: async ({ user: { user, jurisdiction }, data, event }: DecideInput) => ({
		decided: await decideProposal(user, jurisdiction.id, data.proposalId, decision, event.url.origin),
		proposalId: data.proposalId
	}),
	name: 'decide'
});

export const actions: Actions = {
	confirm: formAction(decide('confirm')),
	reject: formAction(decide('reject'))
};
