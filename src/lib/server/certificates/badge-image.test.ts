// Issue 21: the badge image credentials name (achievement.image), served publicly as an SVG made from the programme's
// title and the provider's name; what a provider typed stays text.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';
import { badgeSvg, wrap, xmlText } from './badge-image';
import { GET } from '../../../routes/issuers/[slug]/badges/[programme].svg/+server';

/** The element names of an SVG, in order: only these may be markup; anything a provider typed must be text. */
const elements = (svg: string) => [...svg.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((x) => x[1]);
const DRAWN = new Set(['svg', 'title', 'rect', 'circle', 'text', 'tspan']);

async function get(slug: string, programme: string) {
	try {
		const r = await GET({ params: { slug, programme } } as unknown as Parameters<typeof GET>[0]);
		return { status: r.status, headers: r.headers, body: await r.text() };
	} catch (e) {
		return { status: (e as { status?: number }).status ?? 500, headers: new Headers(), body: '' };
	}
}

describe('the badge image', () => {
	it('keeps markup typed into a title or a provider name as text', () => {
		const svg = badgeSvg({
			title: '<script>alert(1)</script> & "quotes" \u0007 <img src=x onerror=alert(2)>',
			provider: "O'Brien </text><script>x</script>"
		});
		expect(elements(svg).every((e) => DRAWN.has(e))).toBe(true);
		expect(svg).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
		expect(svg).toContain('&lt;script&gt;');
		expect(svg).toContain('O&apos;Brien');
		expect(svg).not.toContain('\u0007'); // a character XML refuses would make the whole picture unreadable
	});

	it('wraps a long title into a few lines and cuts the rest', () => {
		expect(wrap('Child protection in-service course (five days)', 18, 5)).toEqual([
			'Child protection',
			'in-service course',
			'(five days)'
		]);
		const long = wrap('word '.repeat(100), 18, 3);
		expect(long).toHaveLength(3);
		expect(long[2].endsWith('…')).toBe(true);
		expect(wrap('x'.repeat(40), 18, 5)).toEqual(['x'.repeat(18), 'x'.repeat(18), 'xxxx']);
		expect(xmlText('a\u0000b\uD800c')).toBe('abc');
	});

	it('is served publicly as SVG with CORS, for the provider that owns the programme only', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const p = await db.programme.create({
			data: {
				jurisdictionId: j.id,
				providerId: org.id,
				code: `P-${randomUUID().slice(0, 6)}`,
				title: '<script>alert("x")</script> Case management',
				createdById: (await makeUser()).id
			}
		});
		const r = await get(org.slug, p.id);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(r.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		expect(r.body).toContain(org.name);
		expect(elements(r.body).every((e) => DRAWN.has(e))).toBe(true);

		expect((await get(other.slug, p.id)).status).toBe(404);
		expect((await get(org.slug, randomUUID())).status).toBe(404);
		for (const bad of ['not-a-uuid', '', '\u0000', 'x'.repeat(5000)]) {
			expect((await get(org.slug, bad)).status).toBe(404);
			expect((await get(bad, p.id)).status).toBe(404);
		}
	});
});
