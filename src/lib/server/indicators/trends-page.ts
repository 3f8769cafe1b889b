// The trends page's scope from the address: an area (by code), a version, a supporting partner (by code); each bad
// value gets a message beside its field and the page shows no series until all are good.
import type { ReportContext } from './context';
import type { TrendScope } from './trends';
import { m } from '$lib/paraglide/messages';

export function parseTrendScope(ctx: ReportContext, params: URLSearchParams) {
	const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 200);
	const values = { area: get('area'), version: get('version') || 'strict', partner: get('partner') };
	const errors: Record<string, string> = {};
	if (values.area && !ctx.areas.some((a) => a.code === values.area)) errors.area = m.ind_area_unknown();
	if (values.version !== 'strict' && values.version !== 'aggregate') errors.version = m.field_choose();
	if (values.partner && !ctx.partners.some((p) => p.code === values.partner)) errors.partner = m.ind_partner_unknown();
	if (Object.keys(errors).length) return { ok: false as const, values, errors };
	const scope: TrendScope = {
		areaCode: values.area,
		version: values.version as TrendScope['version'],
		partnerCode: values.partner
	};
	return { ok: true as const, values, errors, scope };
}
