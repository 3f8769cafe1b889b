import { describe, expect, it } from 'vitest';
import { localeAtSignIn } from './locale';

describe('the language after signing in', () => {
	it('is the one stored on the account, whatever this browser showed last', () => {
		expect(localeAtSignIn('fr', { locale: 'en', pickedSignedOut: false })).toEqual({
			locale: 'fr',
			storeOnAccount: false
		});
		expect(localeAtSignIn('fr', { locale: null, pickedSignedOut: false })).toEqual({
			locale: 'fr',
			storeOnAccount: false
		});
	});

	it('is the one picked on the sign-in page, and the account learns it', () => {
		expect(localeAtSignIn('en', { locale: 'fr', pickedSignedOut: true })).toEqual({
			locale: 'fr',
			storeOnAccount: true
		});
		expect(localeAtSignIn('fr', { locale: 'fr', pickedSignedOut: true })).toEqual({
			locale: 'fr',
			storeOnAccount: false
		});
	});

	it('ignores a language Credo does not have, on the account or in the browser', () => {
		expect(localeAtSignIn('de', { locale: 'xx', pickedSignedOut: true })).toEqual({
			locale: null,
			storeOnAccount: false
		});
	});
});
