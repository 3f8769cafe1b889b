import type { PageServerLoad } from './$types';
import { parseDay, type CalendarDay } from '$lib/calendar-day';
import { requireAdmin } from '$lib/server/auth/guards';
import { auditTrail } from '$lib/server/audit/trail';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ url }) => {
	requireAdmin();
	const get = (k: string) => (url.searchParams.get(k) ?? '').trim().slice(0, 100);
	const values = { person: get('person'), action: get('action'), from: get('from'), to: get('to') };
	const errors: Record<string, string> = {};
	const day = (k: 'from' | 'to'): CalendarDay | undefined => {
		if (!values[k]) return undefined;
		const d = parseDay(values[k]);
		if (!d) errors[k] = m.audit_bad_day();
		return d ?? undefined;
	};
	const from = day('from');
	const to = day('to');
	if (from && to && from > to) errors.to = m.audit_days_order();
	const page = Math.max(1, Math.min(100_000, Number.parseInt(get('page'), 10) || 1));
	// a bad day filters nothing: the message shows beside its field and the other filters still apply
	const trail = await auditTrail({
		person: values.person || undefined,
		action: values.action || undefined,
		from: errors.from || errors.to ? undefined : from,
		to: errors.from || errors.to ? undefined : to,
		page
	});
	return { ...trail, values, errors };
};
