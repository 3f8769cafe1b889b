import { describe, expect, it } from 'vitest';
import { fillHtmlSlots, htmlOnce } from './html-slots';

describe('htmlOnce / fillHtmlSlots', () => {
	const body = '<h2>Key points</h2><p>Costs $& and $1 nothing.</p>';

	it('returns the HTML itself as data on a client-side navigation, and keeps nothing for the page', () => {
		const locals: App.Locals = { user: null, sessionId: null };
		expect(htmlOnce({ isDataRequest: true, locals }, 'module-body', body)).toBe(body);
		expect(locals.htmlSlots).toBeUndefined();
	});

	it('on a page render returns a placeholder and puts the HTML where the markup has it, once', () => {
		const locals: App.Locals = { user: null, sessionId: null };
		const data = htmlOnce({ isDataRequest: false, locals }, 'module-body', body);
		expect(data).not.toContain('Key points');
		// the markup holds the placeholder; the hydration data holds it escaped (devalue writes < as \u003C)
		const page = `<main><div class="prose">${data}</div></main><script>data: {html:"${data.replace('<', '\\u003C')}"}</script>`;
		const filled = fillHtmlSlots(page, locals.htmlSlots);
		expect(filled).toBe(
			`<main><div class="prose">${body}</div></main><script>data: {html:"\\u003C!--credo-slot:module-body-->"}</script>`
		);
		expect(filled.split('Key points')).toHaveLength(2); // sent once; "$&" in the HTML is not a replacement pattern
	});

	it('leaves pages without slots alone', () => {
		expect(fillHtmlSlots('<p>x</p>', undefined)).toBe('<p>x</p>');
	});
});
