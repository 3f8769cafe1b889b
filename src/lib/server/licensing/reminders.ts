// A worker hears, once per cycle, when the cycle ends within the notice window and requirements are still missing.
import { db } from '../db';
import { notify, noticeSubject } from '../people/notifications';
import { cycleCompliance } from './compliance-data';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { formatDay } from '$lib/dates';
import { localFramework } from '../content';

export const NOTICE_DAYS = Number(process.env.CYCLE_NOTICE_DAYS ?? 30);

export async function remindCyclesEnding(origin: string, now = new Date(), limit = 200): Promise<number> {
	const until = new Date(now.getTime() + NOTICE_DAYS * 86_400_000);
	const due = await db.$queryRaw<{ id: string; licence_id: string; user_id: string }[]>`
		select c.id, c.licence_id, w.user_id from licence_cycles c
		join licences l on l.id = c.licence_id join worker_profiles w on w.id = l.worker_profile_id
		where c.outcome = 'OPEN' and c.ends_on >= ${now}::date and c.ends_on <= ${until}::date and l.status = 'ACTIVE' and w.user_id is not null
			and not exists (select 1 from notifications n where n.user_id = w.user_id and n.link = '/cpd#cycle-' || c.id::text)
		limit ${limit}`;
	let sent = 0;
	for (const row of due) {
		const state = await cycleCompliance(row.licence_id, row.id);
		const user = await db.user.findUnique({ where: { id: row.user_id } });
		if (!state || !user) continue;
		const locale = asLocale(user.locale);
		// in words, in the reader's language: "10 more credits in total, 2 more credits in Ethics…" (never a category id)
		const titles = new Map(localFramework(locale).categories.map((c) => [c.id, c.title]));
		const missing = state.verdict.missing
			.map((x) =>
				x.kind === 'total'
					? m.cpd_missing_total({ short: x.short }, { locale })
					: m.cpd_missing_category({ short: x.short, category: titles.get(x.category) ?? x.category }, { locale })
			)
			.join(', ');
		await db.$transaction((tx) =>
			notify(
				tx,
				user,
				{
					kind: 'cycle-ending',
					subject: noticeSubject.renewal(row.id),
					title: m.notice_cycle_ending_title({}, { locale }),
					body: m.notice_cycle_ending_body(
						{
							number: state.licence.number,
							date: formatDay(state.cycle.endsOn, locale),

							missing: missing || '—'
						},
						{ locale }
					),
					link: `/cpd#cycle-${row.id}`
				},
				origin
			)
		);
		sent++;
	}
	return sent;
}
