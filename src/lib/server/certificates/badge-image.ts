// The image of a programme's Open Badges achievement: an SVG drawn from the programme's title and the provider's
// name, served at a stable public address (/issuers/<slug>/badges/<programme id>.svg) that signed credentials name.
// The address uses the programme's id, which never changes (its code and title may); the picture shows the current
// title. Titles are text typed by providers: every character reaches the SVG escaped, so markup stays text.
import { db } from '../db';
import { match as isUuid } from '../../../params/uuid';
import { issuerBase } from './origin';

/** The badge's address: under the issuer base, like the issuer id, so it stays what the signed credential says. */
export const badgeUrl = (slug: string, programmeId: string) =>
	`${issuerBase()}/issuers/${encodeURIComponent(slug)}/badges/${programmeId}.svg`;

// Characters XML 1.0 does not allow (C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF): dropped,
// or the SVG would not parse at all.
const NOT_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an SVG text node or attribute value: markup characters escaped, characters XML refuses dropped. */
export function xmlText(s: string): string {
	return s
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Words laid into at most `lines` lines of about `width` characters; the last line ends with … when cut. */
export function wrap(text: string, width: number, lines: number): string[] {
	const out: string[] = [];
	let line = '';
	const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
	for (const word of words.flatMap((w) => chunks(w, width))) {
		if (line && line.length + 1 + word.length > width) {
			out.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) out.push(line);
	if (out.length <= lines) return out;
	const kept = out.slice(0, lines);
	kept[lines - 1] = `${[...kept[lines - 1]]
		.slice(0, width - 1)
		.join('')
		.trimEnd()}…`;
	return kept;
}

function chunks(word: string, width: number): string[] {
	const chars = [...word];
	const out: string[] = [];
	for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
	return out;
}

/** The badge: a 400 × 400 SVG with the title (up to five lines) on a seal and the provider's name beneath. */
export function badgeSvg(badge: { title: string; provider: string }): string {
	const title = wrap(badge.title, 18, 5);
	const provider = wrap(badge.provider, 30, 2);
	const size = title.length > 3 ? 22 : 24;
	const top = 190 - ((title.length - 1) * size * 1.2) / 2;
	const label = xmlText(`${badge.title} — ${badge.provider}`);
	const lines = (ls: string[], y: number, step: number) =>
		ls.map((l, i) => `<tspan x="200" y="${(y + i * step).toFixed(1)}">${xmlText(l)}</tspan>`).join('');
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${label}">`,
		`<title>${label}</title>`,
		'<rect width="400" height="400" rx="24" fill="#f7f8fa"/>',
		'<circle cx="200" cy="190" r="150" fill="#1d4e89"/>',
		'<circle cx="200" cy="190" r="136" fill="none" stroke="#ffffff" stroke-width="3"/>',
		`<text font-family="sans-serif" font-size="${size}" font-weight="bold" fill="#ffffff" text-anchor="middle">${lines(title, top, size * 1.2)}</text>`,
		`<text font-family="sans-serif" font-size="16" fill="#1b2430" text-anchor="middle">${lines(provider, 364, 20)}</text>`,
		'</svg>'
	].join('');
}

/** The badge of a provider's programme (archived ones too: credentials keep showing it), or null when none. */
export async function programmeBadge(slug: string, programmeId: string): Promise<string | null> {
	// no slug holds a NUL (PostgreSQL cannot compare one) or runs past 100 characters
	if (!isUuid(programmeId) || !slug || slug.length > 100 || slug.includes('\u0000')) return null;
	const p = await db.programme.findFirst({
		where: { id: programmeId, provider: { slug } },
		select: { title: true, provider: { select: { name: true } } }
	});
	return p ? badgeSvg({ title: p.title, provider: p.provider.name }) : null;
}
