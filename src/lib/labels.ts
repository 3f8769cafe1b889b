// Display names for enum values, in the reader's language.
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';

export function asLocale(value: string | null | undefined): Locale {
	return (locales as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en';
}

const ROLE: Record<string, (i: object, o: { locale: Locale }) => string> = {
	LEARNER: m.role_learner,
	SUPERVISOR: m.role_supervisor,
	COORDINATOR: m.role_coordinator,
	PROVIDER: m.role_provider,
	AUTHOR: m.role_author,
	REGULATOR: m.role_regulator,
	ANALYST: m.role_analyst,
	ADMIN: m.role_admin
};

export function roleLabel(role: string, locale?: string): string {
	const fn = ROLE[role];
	return fn ? fn({}, { locale: asLocale(locale ?? undefined) }) : role;
}

const ORG: Record<string, () => string> = {
	UNIVERSITY: m.org_university,
	GOVERNMENT_AGENCY: m.org_government_agency,
	NGO: m.org_ngo,
	TRAINING_PROVIDER: m.org_training_provider,
	REGULATOR: m.org_regulator,
	MINISTRY: m.org_ministry
};

export function orgTypeLabel(type: string): string {
	return ORG[type]?.() ?? type;
}

const LICENCE: Record<string, () => string> = {
	ACTIVE: m.licence_active,
	LAPSED: m.licence_lapsed,
	SUSPENDED: m.licence_suspended,
	REVOKED: m.licence_revoked
};

export function licenceStatusLabel(status: string): string {
	return LICENCE[status]?.() ?? status;
}

const OUTCOME: Record<string, () => string> = {
	OPEN: m.cycle_open,
	RENEWED: m.cycle_renewed,
	GRACE: m.cycle_grace,
	LAPSED: m.cycle_lapsed
};

export function cycleOutcomeLabel(outcome: string): string {
	return OUTCOME[outcome]?.() ?? outcome;
}

const WHY: Record<string, () => string> = {
	counted: m.why_counted,
	capped: m.why_capped,
	'outside-cycle': m.why_outside,
	pending: m.why_pending,
	rejected: m.why_rejected,
	unaccredited: m.why_unaccredited,
	'self-reported': m.why_self_reported,
	'repeat-module': m.why_repeat,
	'counted-earlier': m.why_counted_earlier,
	disallowed: m.why_disallowed,
	rated: m.why_rated,
	'not-in-rule': m.why_not_in_rule
};
/** Why a CPD entry counted, or did not, in a cycle (the compliance rule's reason, in words). */
export const whyLabel = (why: string) => (WHY[why] ?? (() => why))();

const ACTIVITY_TYPE: Record<string, () => string> = {
	'e-learning': m.activity_type_e_learning,
	'self-study': m.activity_type_self_study,
	'live-online': m.activity_type_live_online,
	'in-person': m.activity_type_in_person,
	presenting: m.activity_type_presenting,
	'supervision-received': m.activity_type_supervision_received,
	'field-instruction': m.activity_type_field_instruction
};
/** How a CPD activity was delivered ($lib/cpd-types.ts), in words. */
export const activityTypeLabel = (t: string) => (ACTIVITY_TYPE[t] ?? (() => t))();

const QUEUE_STATE: Record<string, () => string> = {
	open: m.renewals_filter_open,
	grace: m.renewals_filter_grace,
	compliant: m.renewals_filter_compliant
};
/** A filter of the renewal queue, as its heading and the regulator's home name it. */
export const queueStateLabel = (s: string) => (QUEUE_STATE[s] ?? (() => s))();

const RECOGNITION: Record<string, () => string> = {
	NONE: m.recognition_none,
	REQUESTED: m.recognition_requested,
	CONFIRMED: m.recognition_confirmed,
	REFUSED: m.recognition_refused,
	WITHDRAWN: m.recognition_withdrawn
};
export const recognitionLabel = (s: string) => (RECOGNITION[s] ?? (() => s))();

const EVENT_MODE: Record<string, () => string> = {
	IN_PERSON: m.event_mode_in_person,
	LIVE_ONLINE: m.event_mode_live_online
};
export const eventModeLabel = (s: string) => (EVENT_MODE[s] ?? (() => s))();

const MARK: Record<string, () => string> = {
	present: m.event_mark_present,
	absent: m.event_mark_absent,
	makeup: m.event_mark_makeup
};
export const markLabel = (s: string) => (MARK[s] ?? (() => s))();

const VERIFY: Record<string, () => string> = {
	valid: m.verify_status_valid,
	expired: m.verify_status_expired,
	revoked: m.verify_status_revoked,
	not_yet_valid: m.verify_status_not_yet_valid
};
export const verifyStatusLabel = (s: string) => (VERIFY[s] ?? (() => s))();

const DECISION: Record<string, () => string> = {
	confirm: m.recog_done_confirm,
	refuse: m.recog_done_refuse,
	withdraw: m.recog_done_withdraw
};
export const decisionDoneLabel = (s: string) => (DECISION[s] ?? (() => s))();

const JOB: Record<string, () => string> = {
	queued: m.job_queued,
	issuing: m.job_issuing,
	done: m.job_done,
	failed: m.job_failed
};
export const jobStateLabel = (s: string) => (JOB[s] ?? (() => s))();

const label = (table: Record<string, () => string>) => (s: string) => (table[s] ?? (() => s))();

export const placementStatusLabel = label({
	PLANNED: m.words_placement_planned,
	ACTIVE: m.words_placement_active,
	COMPLETED: m.words_placement_completed,
	ENDED_EARLY: m.words_placement_ended_early,
	TRANSFERRED: m.words_placement_transferred
});

export const practicumOutcomeLabel = label({
	PASS: m.words_outcome_pass,
	FAIL: m.words_outcome_fail,
	INCOMPLETE: m.words_outcome_incomplete
});

export const auditItemStatusLabel = label({
	REQUESTED: m.words_audit_requested,
	SUBMITTED: m.words_audit_submitted,
	PASSED: m.words_audit_passed,
	FAILED: m.words_audit_failed
});

export const supervisionFormatLabel = label({
	INDIVIDUAL: m.format_individual,
	GROUP: m.format_group,
	PEER: m.format_peer
});

export const cpdStatusLabel = label({
	RECORDED: m.cpd_status_recorded,
	PENDING: m.cpd_status_pending,
	APPROVED: m.cpd_status_approved,
	REJECTED: m.cpd_status_rejected
});

export const hoursStatusLabel = label({
	PENDING: m.words_hours_pending,
	APPROVED: m.words_hours_approved,
	REJECTED: m.words_hours_rejected,
	WITHDRAWN: m.hours_withdrawn
});

export const evaluationKindLabel = label({ MIDTERM: m.evaluation_midterm, FINAL: m.evaluation_final });
