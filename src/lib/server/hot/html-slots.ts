// Large server-rendered HTML that a page needs once, not twice. SvelteKit serialises everything a server load returns
// into the page for hydration, so a module body returned as data was sent twice (in the markup and again as a string
// in the hydration data): half the module page's bytes and a tenth of its server time. For a full page render the
// load returns a placeholder comment instead and the HTML goes into the markup here, after rendering; Svelte's
// {@html} adopts whatever markup it finds while hydrating, and a client-side navigation (a data request) still gets
// the HTML itself as data.
import type { RequestEvent } from '@sveltejs/kit';

const placeholder = (key: string) => `<!--credo-slot:${key}-->`;

/** The HTML for a data request; for a page render a placeholder, filled in by fillHtmlSlots. */
export function htmlOnce(event: Pick<RequestEvent, 'isDataRequest' | 'locals'>, key: string, html: string): string {
	if (event.isDataRequest) return html;
	(event.locals.htmlSlots ??= new Map()).set(key, html);
	return placeholder(key);
}

/** Puts each slot's HTML where its placeholder was rendered (the first occurrence: in the hydration data the
 *  placeholder is escaped, `<` as \u003C, so it cannot match there). */
export function fillHtmlSlots(page: string, slots: Map<string, string> | undefined): string {
	if (!slots?.size) return page;
	for (const [key, html] of slots) page = page.replace(placeholder(key), () => html);
	return page;
}
