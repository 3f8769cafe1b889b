// The Content-Disposition header of a download, per RFC 6266: a header may only hold Latin-1, so a name in another
// script (сертификат.png) would make the Response throw. The plain `filename` gets an ASCII fallback and, when the name
// is not plain ASCII, `filename*=UTF-8''…` carries it percent-encoded (RFC 8187), which browsers prefer.

/** RFC 8187 attr-chars stay as they are; everything else is percent-encoded from UTF-8. */
function extValue(name: string): string {
	const wellFormed = name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
	return encodeURIComponent(wellFormed).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"` and, for any other name, `; filename*=UTF-8''percent-encoded`. */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
	const name = filename || 'download';
	// printable ASCII without the quote, the backslash and %, which some browsers would decode
	const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
	const header = `${type}; filename="${fallback}"`;
	return fallback === name ? header : `${header}; filename*=UTF-8''${extValue(name)}`;
}
