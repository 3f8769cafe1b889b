// Which language someone reads after signing in. The account keeps the last language chosen while signed in (on any
// device), so it wins over an older choice left in this browser; but a language picked on this browser while signed
// out (on the sign-in page) is newer than anything on the account, so it wins and the account learns it.
import { locales, type Locale } from '$lib/paraglide/runtime';

const isLocale = (v: string | null | undefined): v is Locale => (locales as readonly string[]).includes(v ?? '');

export function localeAtSignIn(
	account: string,
	browser: { locale: string | null; pickedSignedOut: boolean }
): { locale: Locale | null; storeOnAccount: boolean } {
	if (browser.pickedSignedOut && isLocale(browser.locale))
		return { locale: browser.locale, storeOnAccount: browser.locale !== account };
	return { locale: isLocale(account) ? account : null, storeOnAccount: false };
}
