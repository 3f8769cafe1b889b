// What an audit FAILED changes. The audit asks for the evidence of the audited cycle as a whole (one response and one
// file per licence, no link to single entries), so the audited entries are the cycle's external activities that
// counted: a module completion is Credo's own record and is not in doubt. Pure: the audited cycle, the licence's
// cycles and the cycle's verdict in; the entries to disallow and the cycle to put back in the renewal queue out.

export interface FailureCycle {
	id: string;
	/** "YYYY-MM-DD" */
	startsOn: string;
	outcome: string;
}

export interface FailurePlan {
	/** entries disallowed in the audited cycle (none when that cycle is already decided: its decision stands) */
	disallow: string[];
	/** the undecided cycle that goes back to the regulator's renewal queue for a new decision, if the licence has one */
	reopen: string | null;
}

const undecided = (c: FailureCycle) => c.outcome === 'OPEN' || c.outcome === 'GRACE';

export function auditFailurePlan(input: {
	audited: FailureCycle;
	cycles: FailureCycle[];
	/** the audited cycle's verdict: how much each entry counted */
	counted: { id: string; counted: number }[];
	/** the worker's entries named in the verdict: their source, and whether a failed audit already disallowed them */
	entries: { id: string; source: string; disallowed: boolean }[];
}): FailurePlan {
	const { audited, cycles } = input;
	if (!undecided(audited)) {
		// a renewed or lapsed cycle is never touched; the licence's running cycle is reviewed instead
		const running = cycles.filter(undecided).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
		return { disallow: [], reopen: running?.id ?? null };
	}
	const external = new Map(input.entries.map((e) => [e.id, e.source === 'EXTERNAL' && !e.disallowed]));
	return {
		disallow: input.counted.filter((c) => c.counted > 0 && external.get(c.id)).map((c) => c.id),
		reopen: audited.id
	};
}
