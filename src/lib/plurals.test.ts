import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

describe("counts follow each language's plural rules", () => {
	it('says "1 crédit" and "0 crédit" in French, "0 credits" in English', () => {
		expect(m.learn_credits({ credits: 1 }, { locale: 'fr' })).toBe('1 crédit de FPC (proposé)');
		expect(m.learn_credits({ credits: 0 }, { locale: 'fr' })).toBe('0 crédit de FPC (proposé)');
		expect(m.learn_credits({ credits: 2 }, { locale: 'fr' })).toBe('2 crédits de FPC (proposés)');
		expect(m.learn_credits({ credits: 1 }, { locale: 'en' })).toBe('1 CPD credit (proposed)');
		expect(m.learn_credits({ credits: 0 }, { locale: 'en' })).toBe('0 CPD credits (proposed)');
	});

	it('falls back to the plural form for categories a language adds (French "many" for a million)', () => {
		expect(m.admin_total({ count: 1_000_000 }, { locale: 'fr' })).toBe('1000000 personnes');
		expect(m.admin_total({ count: 1 }, { locale: 'en' })).toBe('1 person');
	});

	it('names one session day without a range', () => {
		expect(m.event_days_summary({ count: 1, first: '6 Dec 2026', last: '6 Dec 2026' }, { locale: 'en' })).toBe(
			'1 session day, 6 Dec 2026'
		);
	});
});
