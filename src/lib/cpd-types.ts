// How a CPD activity was delivered (its activity type), apart from what it was about (its content area, the framework's
// credit categories). The renewal rule caps each type's share of the total and gives it a credit rate per hour.

/** Every activity type, in the order forms and tables list them. */
export const ACTIVITY_TYPES = [
	'e-learning',
	'self-study',
	'live-online',
	'in-person',
	'presenting',
	'supervision-received',
	'field-instruction'
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Recorded by Credo from confirmed supervision sessions, never claimed: they count only where the rule gives a rate. */
export const SUPERVISION_TYPES = [
	'supervision-received',
	'field-instruction'
] as const satisfies readonly ActivityType[];

/** What a worker may claim as an external activity (modules are e-learning; supervision comes from the sessions). */
export const CLAIMABLE_TYPES = ACTIVITY_TYPES.filter(
	(t) => !(SUPERVISION_TYPES as readonly string[]).includes(t)
) as ActivityType[];

export const isSupervisionType = (t: string) => (SUPERVISION_TYPES as readonly string[]).includes(t);
