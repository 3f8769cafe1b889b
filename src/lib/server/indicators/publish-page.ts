// What the publishing and published-report pages show of a report's scope: labels, never codes or ids.
import type { ReportContext } from './context';
import type { Filters } from './filters';
import { m } from '$lib/paraglide/messages';
import { formatDay } from '$lib/dates';
import type { IndicatorReport, RamRow, VacRow } from './report';
import type { Cell, Reason, WorkerChange } from './published';

export interface ScopeSummary {
	jurisdiction: string;
	area: string;
	asOf: string;
	year: number;
	version: string;
	partner: string;
}

/** The scope of a report as rows of a summary list. */
export function scopeSummary(ctx: ReportContext, f: Filters, partnerName?: string): ScopeSummary {
	const area = ctx.areas.find((a) => a.id === f.areaId);
	return {
		jurisdiction: ctx.jurisdiction.name,
		area: area?.name ?? m.ind_whole_jurisdiction(),
		asOf: formatDay(f.asOf),
		year: f.year,
		version: f.version === 'strict' ? m.ind_version_strict() : m.ind_version_aggregate(),
		partner: partnerName || ctx.partners.find((p) => p.id === f.partner)?.name || m.ind_partner_any()
	};
}

/** The title a report is offered under: what it reports and as of when. */
export function defaultTitle(ctx: ReportContext, f: Filters): string {
	const area = ctx.areas.find((a) => a.id === f.areaId);
	return m.pub_default_title({ scope: area?.name ?? ctx.jurisdiction.name, date: formatDay(f.asOf), year: f.year });
}

const DIMENSION: Record<Cell['dimension'], () => string> = {
	total: () => m.pub_dim_total(),
	area: () => m.ind_by_area(),
	cadre: () => m.ind_by_cadre(),
	sector: () => m.ind_by_sector(),
	sex: () => m.ind_by_sex(),
	track: () => m.ind_by_track(),
	credential: () => m.pub_dim_credential(),
	education: () => m.pub_dim_education()
};

const REASON: Record<Reason, () => string> = {
	'worker-added': () => m.pub_reason_worker_added(),
	'worker-corrected': () => m.pub_reason_worker_corrected(),
	'certificate-added': () => m.pub_reason_certificate_added(),
	'certificate-revoked': () => m.pub_reason_certificate_revoked(),
	'recognition-changed': () => m.pub_reason_recognition(),
	'licence-status-changed': () => m.pub_reason_licence_status(),
	'licence-decided': () => m.pub_reason_licence_decided(),
	unexplained: () => m.pub_reason_unexplained()
};

type AnyRow = { key: string | null; label: string };

/** The rows of one breakdown of a report (the total as a one-row breakdown). */
function rowsOf(r: IndicatorReport, indicator: Cell['indicator'], dimension: Cell['dimension']): AnyRow[] {
	if (indicator === 'vac')
		return dimension === 'total' ? [r.vac.total] : (r.vac.by.find((d) => d.dimension === dimension)?.rows ?? []);
	if (dimension === 'total') return [r.ram.total];
	if (dimension === 'area') return r.ram.areas;
	return r.ram.by.find((d) => d.dimension === dimension)?.rows ?? [];
}

/** A cell in words: "Certified (VAC 3.1(d).1) — by cadre: Social worker". Labels from either report (a group may
 *  exist in one only). */
export function cellLabel(c: Cell, reports: IndicatorReport[]): string {
	const group =
		c.dimension === 'total'
			? reports[0].scope.name
			: (reports.flatMap((r) => rowsOf(r, c.indicator, c.dimension)).find((row) => row.key === c.key)?.label ??
				m.ind_not_recorded());
	const measure =
		c.indicator === 'ram'
			? m.pub_measure_ram()
			: c.measure === 'certified'
				? m.pub_measure_vac_certified()
				: m.pub_measure_vac_workers();
	return `${measure} — ${DIMENSION[c.dimension]()}: ${group}`;
}

export interface FigureDiff {
	indicator: string;
	group: string;
	published: string;
	now: string;
}

const fmtVac = (r: VacRow | undefined) => (r ? `${r.certified} / ${r.workers}` : '0 / 0');
const fmtRam = (r: RamRow | undefined) => (r ? String(r.workers) : '0');

/** Every figure of the report that differs between the published and the recomputed report. Pure. */
export function figureDiffs(pub: IndicatorReport, now: IndicatorReport): FigureDiff[] {
	const out: FigureDiff[] = [];
	const compare = <R extends AnyRow>(
		indicator: string,
		dimension: Cell['dimension'],
		a: R[],
		b: R[],
		fmt: (r: R | undefined) => string
	) => {
		const keys = [...new Set([...a, ...b].map((r) => r.key))];
		for (const key of keys) {
			const x = a.find((r) => r.key === key);
			const y = b.find((r) => r.key === key);
			if (fmt(x) !== fmt(y))
				out.push({
					indicator,
					group: `${DIMENSION[dimension]()}: ${dimension === 'total' ? pub.scope.name : (x ?? y)!.label}`,
					published: fmt(x),
					now: fmt(y)
				});
		}
	};
	const vac = m.pub_figure_vac();
	const ram = m.pub_figure_ram();
	compare(vac, 'total', [pub.vac.total], [now.vac.total], fmtVac);
	for (const d of pub.vac.by)
		compare(vac, d.dimension, d.rows, now.vac.by.find((x) => x.dimension === d.dimension)?.rows ?? [], fmtVac);
	compare(ram, 'total', [pub.ram.total], [now.ram.total], fmtRam);
	compare(ram, 'area', pub.ram.areas, now.ram.areas, fmtRam);
	for (const d of pub.ram.by)
		compare(ram, d.dimension, d.rows, now.ram.by.find((x) => x.dimension === d.dimension)?.rows ?? [], fmtRam);
	return out;
}

/** A changed worker as the page lists them: name, cells in words, reasons in words. */
export function changeView(c: WorkerChange, reports: IndicatorReport[]) {
	return {
		name: c.name,
		entered: c.entered.map((x) => cellLabel(x, reports)),
		left: c.left.map((x) => cellLabel(x, reports)),
		reasons: c.reasons.map((r) => REASON[r]()),
		certificateBefore: c.certificateBefore,
		certificateAfter: c.certificateAfter
	};
}
