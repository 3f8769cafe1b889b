// The DHIS2 export of the worked example (docs/domains/indicators.md, docs/domains/dhis2.md) against a file written by
// hand from those documents; the mapping's validation; who may save it.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { WORKED_AS_OF, WORKED_YEAR, workedExample } from '../../../../tests/helpers/worked-example';
import { AREAS_LISTED, reportContext, type ReportContext } from './context';
import { parseFilters } from './filters';
import { indicatorReport, type IndicatorReport } from './report';
import { dataValueSets, type DataValue } from './dhis2';
import { defaultMapping, fieldName, mappingFromForm, mappingSchema, type Dhis2Mapping } from './dhis2-mapping';
import { saveDhis2Mapping, storedMapping } from './dhis2-store';
import { publishedDhis2 } from './dhis2-export';
import { AREAS_FOUND, dhis2Page, saveDhis2Form } from './dhis2-page';
import { DomainError, Forbidden } from '../errors';
import { day } from '../../../../tests/helpers/licensing';
import type { SessionUser } from '../auth/session';

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8'));
const MAPPING: Dhis2Mapping = json('docs/examples/dhis2/mapping.json');
const EXPECTED: { dataValues: DataValue[] } = json('tests/fixtures/dhis2/worked-example.json');
const SCHEMA = json('docs/examples/dhis2/dataValueSets.schema.json');
const mapping = (): Dhis2Mapping => structuredClone(MAPPING);
const key = (v: DataValue) => [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo ?? ''].join(' | ');
const sorted = (values: DataValue[]) => [...values].sort((a, b) => key(a).localeCompare(key(b)));
const period = (version: 'strict' | 'aggregate' = 'strict') =>
	({
		asOf: WORKED_AS_OF,
		year: WORKED_YEAR,
		version
	}) as const;

let ctx: ReportContext;
let reader: SessionUser;
let p: IndicatorReport;
async function report(over: Record<string, string> = {}): Promise<IndicatorReport> {
	const q = { date: WORKED_AS_OF, year: String(WORKED_YEAR), area: 'P', ...over };
	const parsed = parseFilters(ctx, new URLSearchParams(q));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return indicatorReport(ctx, parsed.filters);
}

describe('the DHIS2 export of the worked example', () => {
	beforeAll(async () => {
		const { jurisdiction, regulator } = await workedExample();
		reader = regulator;
		ctx = await reportContext(regulator, jurisdiction.code);
		p = await report();
	}, 60_000);

	it('is the hand-written file, value by value and field by field', () => {
		const out = dataValueSets(p, period(), mapping());
		if (!out.ok) throw new Error(JSON.stringify(out.problems));
		const [got, want] = [sorted(out.dataValueSet.dataValues), sorted(EXPECTED.dataValues)];
		expect(got.map(key)).toEqual(want.map(key)); // the same cells, none missing, none extra
		for (const [i, w] of want.entries())
			for (const field of ['dataElement', 'period', 'orgUnit', 'categoryOptionCombo', 'value'] as const)
				expect(got[i][field], `${key(w)}: ${field}`).toBe(w[field]);
		expect(got.every((v) => typeof v.value === 'string')).toBe(true);
	});

	it('is valid against the documented dataValueSets schema, and the example in the docs is that same file', () => {
		const out = dataValueSets(p, period(), mapping());
		const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
		expect(out.ok && validate(out.dataValueSet), JSON.stringify(validate.errors)).toBe(true);
		expect(json('docs/examples/dhis2/worked-example.dataValueSets.json')).toEqual(EXPECTED);
		// the schema refuses what DHIS2 would: a percentage, a period with dashes, a code with a space at the end
		for (const bad of [{ value: '46.2' }, { period: '2026-06-30' }, { orgUnit: 'P ' }])
			expect(validate({ dataValues: [{ ...EXPECTED.dataValues[0], ...bad }] })).toBe(false);
	});

	it('the aggregate version fills the aggregate numerator; the whole jurisdiction reports on its root org unit', async () => {
		const aggregate = dataValueSets(await report({ version: 'aggregate' }), period('aggregate'), mapping());
		const elements = aggregate.ok ? new Set(aggregate.dataValueSet.dataValues.map((v) => v.dataElement)) : new Set();
		expect(elements.has('CREDO_VAC_CERTIFIED_AGGREGATE')).toBe(true);
		expect([...elements].some((e) => String(e).startsWith('CREDO_VAC_CERTIFIED_STRICT'))).toBe(false);

		const whole = dataValueSets(await report({ area: '' }), period(), mapping());
		if (!whole.ok) throw new Error(JSON.stringify(whole.problems));
		const totals = whole.dataValueSet.dataValues.filter((v) => v.dataElement === 'CREDO_VAC_WORKERS');
		expect(totals).toEqual([
			{ dataElement: 'CREDO_VAC_WORKERS', period: '20260630', orgUnit: 'EXAMPLELAND', value: '3' },
			{ dataElement: 'CREDO_VAC_WORKERS', period: '20260630', orgUnit: 'P', value: '3' } // P: the one province
		]);
	});

	it('values sharing one category option combination are added up', () => {
		const merged = mapping();
		merged.categoryOptionCombos.sex.FEMALE = 'SEX_UNKNOWN'; // female (1 of 1) and not recorded (1 of 1)
		const out = dataValueSets(p, period(), merged);
		const sex = out.ok ? out.dataValueSet.dataValues.filter((v) => v.categoryOptionCombo === 'SEX_UNKNOWN') : [];
		expect(sex.map((v) => [v.dataElement, v.value])).toEqual([
			['CREDO_VAC_CERTIFIED_STRICT_SEX', '2'],
			['CREDO_VAC_WORKERS_SEX', '2']
		]);
	});

	it('a value the mapping lacks is never guessed: the export is refused with the list of what is missing', () => {
		const partial = mapping();
		delete partial.categoryOptionCombos.cadre.PARA_PROF; // B: in RAM 45 and, as 0 of 0, in VAC
		delete partial.categoryOptionCombos.track.NOT_RECORDED; // B and D
		const out = dataValueSets(p, period(), partial);
		expect(out).toEqual({
			ok: false,
			problems: [
				{ kind: 'combo', dimension: 'cadre', key: 'PARA_PROF', label: 'Para-professional' },
				{ kind: 'combo', dimension: 'track', key: null, label: 'not recorded' }
			]
		});
		expect(dataValueSets(p, period(), null)).toEqual({ ok: false, problems: [{ kind: 'mapping' }] });
		expect(dataValueSets(p, { ...period(), partnerId: 'x' }, mapping())).toEqual({
			ok: false,
			problems: [{ kind: 'partner' }]
		});
		const tooLong = mapping();
		tooLong.orgUnits.areas.D1 = 'D'.repeat(51);
		const refused = dataValueSets(p, period(), tooLong);
		expect(refused.ok ? [] : refused.problems.map((x) => x.kind)).toEqual(['orgUnit']);
	});
});

describe('the export of a published report', () => {
	it('goes through the saved mapping, for whoever may read the report (404 otherwise); a partner-only report is refused', async () => {
		const j = ctx.jurisdiction.id;
		const publish = (partnerId: string | null) =>
			db.publishedReport.create({
				data: {
					jurisdictionId: j,
					areaId: ctx.areas.find((a) => a.code === 'P')!.id,
					asOf: day(WORKED_AS_OF),
					year: WORKED_YEAR,
					version: 'strict',
					partnerId,
					title: 'Worked example',
					figures: { report: p, qa: null, scope: { areaCode: 'P', partnerCode: '', partnerName: '' } } as never,
					publishedById: reader.id
				}
			});
		const published = await publish(null);
		expect((await publishedDhis2(reader, published.id)).result).toEqual({ ok: false, problems: [{ kind: 'mapping' }] });
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: j }])).id);
		await saveDhis2Mapping(analyst, j, mapping());
		const { result } = await publishedDhis2(reader, published.id);
		expect(result.ok && sorted(result.dataValueSet.dataValues)).toEqual(sorted(EXPECTED.dataValues));
		const stranger = await sessionUserOf(
			(await makeUser([{ role: 'REGULATOR', jurisdictionId: (await makeJurisdiction()).id }])).id
		);
		await expect(publishedDhis2(stranger, published.id)).rejects.toMatchObject({ status: 404 });
		await expect(publishedDhis2(stranger, published.id)).rejects.toBeInstanceOf(DomainError);
		const partner = await makeOrg(j, 'NGO');
		const partnerOnly = await publish(partner.id);
		expect((await publishedDhis2(reader, partnerOnly.id)).result).toEqual({
			ok: false,
			problems: [{ kind: 'partner' }]
		});
	});
});

describe('the mapping form', () => {
	const TRACKS = ['core', 'justice', 'care-reform', 'para-professional'];
	const AREAS = ['P', 'D1', 'D2'];
	const formOf = (m: Dhis2Mapping, over: Record<string, string> = {}) => {
		const fields: Record<string, string> = { [fieldName.root()]: m.orgUnits.root };
		for (const [measure, parts] of Object.entries(m.dataElements))
			for (const [part, code] of Object.entries(parts)) fields[`de.${measure}.${part}`] = code!;
		for (const a of AREAS) fields[fieldName.area(a)] = m.orgUnits.areas[a] ?? a;
		for (const [b, codes] of Object.entries(m.categoryOptionCombos))
			for (const [v, code] of Object.entries(codes)) fields[`coc.${b}.${v}`] = code;
		Object.assign(fields, over);
		return (name: string) => fields[name] ?? null;
	};

	it('reads back the example mapping exactly; the suggested codes are a valid mapping', () => {
		expect(mappingFromForm(formOf(MAPPING), AREAS, TRACKS)).toEqual({ ok: true, mapping: MAPPING });
		expect(mappingSchema.safeParse(MAPPING).success).toBe(true);
		expect(mappingSchema.safeParse(defaultMapping('TZ', TRACKS)).success).toBe(true);
	});

	it('every bad code gets its message beside its field: too long, spaces at an end, a required one empty', () => {
		const read = mappingFromForm(
			formOf(MAPPING, {
				'de.vacWorkers.cadre': 'X'.repeat(51),
				'coc.sex.MALE': ' SEX_MALE',
				'ou.area.D1': 'D1 ',
				'de.childPopulation.total': '',
				'ou.root': ''
			}),
			AREAS,
			TRACKS
		);
		expect(read.ok).toBe(false);
		const errors = read.ok ? {} : read.errors;
		expect(Object.keys(errors).sort()).toEqual([
			'coc.sex.MALE',
			'de.childPopulation.total',
			'de.vacWorkers.cadre',
			'ou.area.D1',
			'ou.root'
		]);
		expect(errors['de.vacWorkers.cadre']).toMatch(/50/);
		expect(errors['coc.sex.MALE']).toMatch(/space/);
		expect(mappingFromForm(formOf(MAPPING, { 'de.vacWorkers.cadre': 'X'.repeat(50) }), AREAS, TRACKS).ok).toBe(true);
	});

	it("an empty combination leaves the value unmapped; an empty area (or its own code) means the area's own code", () => {
		const read = mappingFromForm(
			formOf(MAPPING, { 'coc.cadre.STUDENT': '', 'ou.area.D2': '', 'ou.area.D1': 'OU_D1' }),
			AREAS,
			TRACKS
		);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		expect(read.mapping.categoryOptionCombos.cadre.STUDENT).toBeUndefined();
		expect(read.mapping.orgUnits.areas).toEqual({ D1: 'OU_D1' });
	});

	it('an area the form did not show keeps its saved org unit (a country of many areas shows a few)', () => {
		const get = formOf(MAPPING);
		const without = (name: string) => (name === fieldName.area('D2') ? null : get(name));
		const read = mappingFromForm(without, AREAS, TRACKS, { D2: 'OU_SAVED', D1: 'OU_OLD' });
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		// D2 not posted: kept; D1 posted: what was typed (the example's own), never the saved one
		expect(read.mapping.orgUnits.areas.D2).toBe('OU_SAVED');
		expect(read.mapping.orgUnits.areas.D1).toBe(MAPPING.orgUnits.areas.D1);
		const none = mappingFromForm(without, AREAS, TRACKS);
		expect(none.ok && none.mapping.orgUnits.areas.D2).toBeUndefined();
	});

	it('a stored mapping that does not fit is refused by the schema', () => {
		const bad = mapping() as unknown as { dataElements: { vacWorkers: { total: unknown } } };
		bad.dataElements.vacWorkers.total = 42;
		expect(mappingSchema.safeParse(bad).success).toBe(false);
		expect(mappingSchema.safeParse({ ...MAPPING, orgUnits: { root: 'A', areas: { P: '' } } }).success).toBe(false);
	});
});

describe('saving the mapping', () => {
	it('the ministry (analysts, an analyst of a ministry organisation) and administrators save it, audited once per change; a regulator only reads', async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: j.id }])).id);
		const ministry = await makeOrg(j.id, 'NGO');
		const officer = await sessionUserOf((await makeUser([{ role: 'ANALYST', organisationId: ministry.id }])).id);
		const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		const otherAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: other.id }])).id);
		const audits = () => db.auditEvent.count({ where: { jurisdictionId: j.id, action: 'dhis2_mapping.updated' } });

		for (const refused of [regulator, otherAdmin])
			await expect(saveDhis2Mapping(refused, j.id, mapping())).rejects.toBeInstanceOf(Forbidden);
		expect(await storedMapping(j.id)).toBeNull();
		expect(await audits()).toBe(0);

		expect(await saveDhis2Mapping(analyst, j.id, mapping())).toBe(true);
		expect((await storedMapping(j.id))?.mapping).toEqual(MAPPING);
		expect(await saveDhis2Mapping(officer, j.id, mapping())).toBe(false); // unchanged: nothing written
		expect(await audits()).toBe(1);
		const changed = mapping();
		changed.orgUnits.root = 'TZ_ROOT';
		expect(await saveDhis2Mapping(officer, j.id, changed)).toBe(true);
		const last = await db.auditEvent.findFirstOrThrow({
			where: { jurisdictionId: j.id, action: 'dhis2_mapping.updated' },
			orderBy: { at: 'desc' }
		});
		expect(last.actorId).toBe(officer.id);
		expect((last.data as unknown as { from: Dhis2Mapping }).from.orgUnits.root).toBe('EXAMPLELAND');
		expect(await audits()).toBe(2);
	});
});

describe('the mapping page of a country of many areas', () => {
	it('lists every area up to a few dozen; beyond, those with their own org unit and those found; saving keeps the rest', async () => {
		const j = await makeJurisdiction();
		const jur = await db.jurisdiction.findUniqueOrThrow({ where: { id: j.id } });
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: j.id }])).id);
		const areas = (n: number, from = 0) =>
			db.adminArea.createMany({
				data: Array.from({ length: n }, (_, i) => ({
					jurisdictionId: j.id,
					code: `D${String(from + i).padStart(3, '0')}`,
					name: `District ${from + i}`
				}))
			});
		await areas(AREAS_LISTED);
		let page = await dhis2Page(analyst, await reportContext(analyst, jur.code));
		expect(page.areas.all).toBe(true);
		expect(page.areas.own).toHaveLength(AREAS_LISTED);

		await areas(1_000, AREAS_LISTED);
		const ctx = await reportContext(analyst, jur.code);
		page = await dhis2Page(analyst, ctx);
		expect(page.areas).toMatchObject({ all: false, count: 1_060, own: [], found: [] });
		// the boxes a first save posts: every code but the areas', and one area found by name
		const form = new FormData();
		const fill = (fields: { name: string; value: string }[]) => fields.forEach((f) => form.set(f.name, f.value));
		for (const g of page.measures) fill(g.fields);
		for (const g of page.combos) fill(g.fields.filter((f) => f.value));
		form.set(page.root.name, 'ROOT');
		page = await dhis2Page(analyst, ctx, 'district 7');
		expect(page.areas.found.length).toBe(AREAS_FOUND);
		expect(page.areas.more).toBe(true);
		page = await dhis2Page(analyst, ctx, 'District 999');
		expect(page.areas.found.map((a) => a.code)).toEqual(['D999']);
		form.set(fieldName.area('D999'), 'OU_999');
		expect(await saveDhis2Form(analyst, ctx, form)).toBe(true);

		// next visit: the area with its own org unit is shown without a search, and a search does not list it again
		page = await dhis2Page(analyst, ctx, 'd99');
		expect(page.areas.own.map((a) => [a.code, a.value])).toEqual([['D999', 'OU_999']]);
		expect(page.areas.found.map((a) => a.code)).not.toContain('D999');
		// a second area given its own: the first keeps its own though its box was not posted
		form.delete(fieldName.area('D999'));
		form.set(fieldName.area('D123'), 'OU_123');
		expect(await saveDhis2Form(analyst, ctx, form)).toBe(true);
		expect((await storedMapping(j.id))?.mapping?.orgUnits.areas).toEqual({ D999: 'OU_999', D123: 'OU_123' });
		// emptied: back to its own code
		form.set(fieldName.area('D999'), '');
		form.delete(fieldName.area('D123'));
		expect(await saveDhis2Form(analyst, ctx, form)).toBe(true);
		expect((await storedMapping(j.id))?.mapping?.orgUnits.areas).toEqual({ D123: 'OU_123' });
	}, 30_000);
});
