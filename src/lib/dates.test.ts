import { describe, expect, it } from 'vitest';
import { formatDay } from './dates';
import { toDate } from './calendar-day';

describe('formatDay', () => {
	it('shows a CalendarDay and its `date` column value as the same day, even where the server is behind UTC', () => {
		const tz = process.env.TZ;
		process.env.TZ = 'Pacific/Niue'; // UTC−11: a local formatter would show 5 December
		try {
			expect(formatDay('2026-12-06')).toBe(formatDay(toDate('2026-12-06')));
			expect(formatDay('2026-12-06')).toMatch(/\b6\b/);
			expect(formatDay('2026-12-06')).not.toMatch(/\b5\b/);
		} finally {
			if (tz === undefined) delete process.env.TZ;
			else process.env.TZ = tz;
		}
	});
});
