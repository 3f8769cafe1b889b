// Numbers as the reader's language writes them.
import { getLocale } from '$lib/paraglide/runtime';

export function formats() {
	const locale = getLocale();
	const int = new Intl.NumberFormat(locale);
	const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
	return {
		int: (n: number) => int.format(n),
		one: (n: number | null) => (n === null ? '—' : one.format(n)),
		pct: (n: number | null) => (n === null ? '—' : pct.format(n / 100))
	};
}
