import { describe, expect, it } from 'vitest';
import { decisionOptions, type DecisionCycle } from './decisions';
import { knownDay } from '$lib/calendar-day';

const open: DecisionCycle = { outcome: 'OPEN', endsOn: knownDay('2025-12-31'), graceUntil: null };
const grace: DecisionCycle = { outcome: 'GRACE', endsOn: knownDay('2025-12-31'), graceUntil: knownDay('2026-01-30') };
const offered = (c: DecisionCycle, verdict: string | null, today: string) =>
	decisionOptions(c, verdict, knownDay(today))
		.filter((o) => o.allowed)
		.map((o) => o.decision);
const why = (c: DecisionCycle, verdict: string | null, today: string, decision: string) => {
	const o = decisionOptions(c, verdict, knownDay(today)).find((x) => x.decision === decision)!;
	return o.allowed ? null : o.reason;
};

describe('renewal decisions valid now', () => {
	it('always answers the three decisions, each allowed or with a reason', () => {
		const options = decisionOptions(open, 'not-met', knownDay('2026-01-05'));
		expect(options.map((o) => o.decision)).toEqual(['renew', 'grace', 'lapse']);
		for (const o of options) if (!o.allowed) expect(o.reason.length).toBeGreaterThan(10);
	});

	it('a compliant cycle: only renewal, before or after its end; grace and lapse say to renew', () => {
		expect(offered(open, 'met', '2025-11-01')).toEqual(['renew']);
		expect(offered(open, 'met', '2026-01-05')).toEqual(['renew']);
		expect(why(open, 'met', '2026-01-05', 'grace')).toMatch(/met: renew instead/);
	});

	it('a short cycle that has not ended: nothing yet, and the reasons give the end date', () => {
		expect(offered(open, 'not-met', '2025-11-01')).toEqual([]);
		expect(why(open, 'not-met', '2025-11-01', 'grace')).toMatch(/runs until 31 Dec 2025/);
		expect(why(open, 'not-met', '2025-11-01', 'lapse')).toMatch(/runs until 31 Dec 2025/);
		expect(why(open, 'not-met', '2025-11-01', 'renew')).toMatch(/not met/);
	});

	it('a short cycle that has ended: grace only; lapse says grace comes first (no trial and error)', () => {
		expect(offered(open, 'not-met', '2026-01-05')).toEqual(['grace']);
		expect(why(open, 'not-met', '2026-01-05', 'lapse')).toMatch(/grace period must be granted first/);
	});

	it('in grace: nothing while it runs (the reason gives its end), lapse once it has ended, renew once met', () => {
		expect(offered(grace, 'not-met', '2026-01-30')).toEqual([]);
		expect(why(grace, 'not-met', '2026-01-30', 'lapse')).toMatch(
			/until 30 Jan 2026: the licence can lapse from 31 Jan 2026/
		);
		expect(why(grace, 'not-met', '2026-01-30', 'grace')).toMatch(/already been granted, until 30 Jan 2026/);
		expect(offered(grace, 'not-met', '2026-01-31')).toEqual(['lapse']);
		expect(offered(grace, 'met', '2026-01-20')).toEqual(['renew']);
		expect(offered(grace, 'met', '2026-02-20')).toEqual(['renew']);
	});

	it('a licence that is not active cannot be renewed; a decided cycle allows nothing', () => {
		expect(why(open, 'not-renewable', '2026-01-05', 'renew')).toMatch(/not active/);
		expect(offered({ ...open, outcome: 'RENEWED' }, 'met', '2026-01-05')).toEqual([]);
		expect(why({ ...open, outcome: 'LAPSED' }, 'met', '2026-01-05', 'renew')).toMatch(/already been decided/);
	});
});
