import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { csvStream } from '../csv/writer';
import type { SessionUser } from '../auth/session';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { personWithEverything } from '../../../../tests/helpers/person';
import { registerContext, searchWorkers } from './register';
import { parseRegisterQuery, resolveFilters } from './register-filters';
import { registerCsv } from './register-csv';
import { workerRecord } from './register-record';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Jurisdiction A: region R → district D → ward W, and region R2; two organisations; three workers. B: one worker. */
async function world() {
	const a = await makeJurisdiction();
	const b = await makeJurisdiction();
	const area = async (code: string, depth: number, parentId: string | null) =>
		db.adminArea.create({
			data: { jurisdictionId: a.id, code: `${a.code}-${code}`, name: `Area ${code}`, depth, parentId }
		});
	const r = await area('R', 0, null);
	const d = await area('D', 1, r.id);
	const w = await area('W', 2, d.id);
	const r2 = await area('R2', 0, null);
	const gov = await makeOrg(a.id, 'REGULATOR');
	const ngo = await makeOrg(a.id, 'NGO');
	const worker = (
		data: Record<string, unknown>,
		ids: { kind: 'NATIONAL_WORKER_ID' | 'LICENCE_NUMBER'; value: string }[]
	) =>
		db.workerProfile.create({
			data: {
				jurisdictionId: a.id,
				...(data as { givenName: string; familyName: string }),
				identifiers: { create: ids.map((i) => ({ ...i, jurisdictionId: a.id })) }
			}
		});
	const elodie = await worker(
		{
			givenName: 'Élodie',
			familyName: 'Ndayishimiye',
			areaId: w.id,
			organisationId: gov.id,
			cadre: 'PROF_SW',
			sector: 'GOVERNMENTAL',
			paid: true,
			sex: 'FEMALE',
			educationLevel: 'BACHELOR',
			employmentStart: day('2020-02-01'),
			cpFrom: day('2020-03-01'),
			cpTo: day('2024-12-31')
		},
		[
			{ kind: 'NATIONAL_WORKER_ID', value: `${a.code}-001` },
			{ kind: 'LICENCE_NUMBER', value: `L-${a.code}-1` }
		]
	);
	const amara = await worker(
		{
			givenName: 'Amara',
			familyName: 'Mensah',
			areaId: d.id,
			organisationId: ngo.id,
			cadre: 'PARA_PROF',
			sector: 'NON_GOVERNMENTAL'
		},
		[{ kind: 'NATIONAL_WORKER_ID', value: `${a.code}-002` }]
	);
	const formula = await worker(
		{ givenName: '=HYPERLINK("http://evil.example")', familyName: '+Zed', areaId: r2.id, paid: false },
		[{ kind: 'NATIONAL_WORKER_ID', value: `-${a.code}-003` }]
	);
	const other = await db.workerProfile.create({
		data: { jurisdictionId: b.id, givenName: 'Bea', familyName: 'Elsewhere' }
	});
	const as = async (roles: Parameters<typeof makeUser>[0]) => sessionUserOf((await makeUser(roles)).id);
	return {
		a,
		b,
		areas: { r, d, w, r2 },
		gov,
		ngo,
		workers: { elodie, amara, formula, other },
		analystA: await as([{ role: 'ANALYST', jurisdictionId: a.id }]),
		regulatorB: await as([{ role: 'REGULATOR', jurisdictionId: b.id }]),
		adminA: await as([{ role: 'ADMIN', jurisdictionId: a.id }]),
		learner: await as([{ role: 'LEARNER', jurisdictionId: a.id }])
	};
}

let t: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
	t = await world();
});

/** The register searched as the page does it: the query string, the codes checked, one page. */
async function search(user: SessionUser, query: string, jurisdiction = t.a.code) {
	const parsed = parseRegisterQuery(new URLSearchParams(`jurisdiction=${jurisdiction}&${query}`));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const ctx = await registerContext(user, parsed.query.jurisdiction);
	const resolved = resolveFilters(parsed.query, ctx);
	if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
	return {
		ctx,
		filters: resolved.filters,
		page: await searchWorkers(user, ctx.jurisdiction.id, resolved.filters, parsed.query.page)
	};
}
const names = async (user: SessionUser, query: string) =>
	(await search(user, query)).page.rows.map((r) => r.familyName);

describe('who may read the register', () => {
	it('a learner is refused (403) the list, the CSV and a record', async () => {
		await expect(registerContext(t.learner, t.a.code)).rejects.toMatchObject({ status: 403 });
		const filters = { q: null, patterns: [], areaId: null, cadre: null, sector: null, organisationId: null };
		await expect(searchWorkers(t.learner, t.a.id, filters, 1)).rejects.toMatchObject({ status: 403 });
		expect(() => registerCsv(t.learner, t.a.id, filters)).toThrow(expect.objectContaining({ status: 403 }));
		await expect(workerRecord(t.learner, t.workers.elodie.id)).rejects.toMatchObject({ status: 403 });
	});

	it("an analyst of A is told B's register and B's worker do not exist (404)", async () => {
		await expect(registerContext(t.analystA, t.b.code)).rejects.toMatchObject({ status: 404 });
		await expect(workerRecord(t.analystA, t.workers.other.id)).rejects.toMatchObject({ status: 404 });
		const filters = { q: null, patterns: [], areaId: null, cadre: null, sector: null, organisationId: null };
		await expect(searchWorkers(t.analystA, t.b.id, filters, 1)).rejects.toMatchObject({ status: 404 });
		expect(() => registerCsv(t.analystA, t.b.id, filters)).toThrow(expect.objectContaining({ status: 404 }));
		// and a regulator of B does not see A's workers
		await expect(workerRecord(t.regulatorB, t.workers.elodie.id)).rejects.toMatchObject({ status: 404 });
	});

	it("A's analyst and administrator read A's register; its default jurisdiction is theirs", async () => {
		expect((await registerContext(t.analystA)).jurisdiction.id).toBe(t.a.id);
		expect((await search(t.adminA, '')).page.total).toBe(3);
		expect((await search(t.analystA, '')).page.total).toBe(3);
	});

	it('lists the areas depth first and the organisations of the jurisdiction for the filters', async () => {
		const ctx = await registerContext(t.analystA, t.a.code);
		expect(ctx.areas.map((x) => [x.name, x.depth])).toEqual([
			['Area R', 0],
			['Area D', 1],
			['Area W', 2],
			['Area R2', 0]
		]);
		expect(ctx.organisations.map((o) => o.id).sort()).toEqual([t.gov.id, t.ngo.id].sort());
	});
});

describe('searching', () => {
	it('finds a name by any part of the given or family name, without case or accents', async () => {
		expect(await names(t.analystA, 'q=elodie')).toEqual(['Ndayishimiye']);
		expect(await names(t.analystA, 'q=NDAYI%20%C3%A9lo')).toEqual(['Ndayishimiye']);
		expect(await names(t.analystA, 'q=mensa')).toEqual(['Mensah']);
		expect(await names(t.analystA, 'q=nobody')).toEqual([]);
	});

	it('LIKE wildcards typed in the search match only themselves', async () => {
		expect(await names(t.analystA, 'q=%25')).toEqual([]);
		expect(await names(t.analystA, 'q=_')).toEqual([]);
	});

	it('finds a national worker ID or a licence number written in full, not a part of one', async () => {
		expect(await names(t.analystA, `q=${t.a.code}-002`)).toEqual(['Mensah']);
		expect(await names(t.analystA, `q=L-${t.a.code}-1`)).toEqual(['Ndayishimiye']);
		expect(await names(t.analystA, `q=${t.a.code}-00`)).toEqual([]);
	});

	it('an area keeps the workers of every area below it', async () => {
		const code = (x: { code: string }) => `area=${encodeURIComponent(x.code)}`;
		expect((await names(t.analystA, code(t.areas.r))).sort()).toEqual(['Mensah', 'Ndayishimiye']);
		expect((await names(t.analystA, code(t.areas.d))).sort()).toEqual(['Mensah', 'Ndayishimiye']);
		expect(await names(t.analystA, code(t.areas.w))).toEqual(['Ndayishimiye']);
		expect(await names(t.analystA, code(t.areas.r2))).toEqual(['+Zed']);
	});

	it('filters by cadre, sector and organisation, together with a search', async () => {
		expect(await names(t.analystA, 'cadre=PARA_PROF')).toEqual(['Mensah']);
		expect(await names(t.analystA, 'sector=GOVERNMENTAL')).toEqual(['Ndayishimiye']);
		expect(await names(t.analystA, `organisation=${t.ngo.code}`)).toEqual(['Mensah']);
		expect(await names(t.analystA, `organisation=${t.ngo.code}&q=elodie`)).toEqual([]);
	});

	it('an unknown area code is a message for the area field, not an error', async () => {
		const parsed = parseRegisterQuery(new URLSearchParams('area=NOPE'));
		const ctx = await registerContext(t.analystA, t.a.code);
		expect(parsed.ok && resolveFilters(parsed.query, ctx)).toMatchObject({
			ok: false,
			errors: { area: expect.any(String) }
		});
	});

	it('pages 50 at a time by family name then given name, with the total', async () => {
		const c = await makeJurisdiction();
		await db.workerProfile.createMany({
			data: Array.from({ length: 55 }, (_, i) => ({
				jurisdictionId: c.id,
				givenName: `G${String(i % 3)}`,
				familyName: `Family ${String(54 - i).padStart(2, '0')}`
			}))
		});
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const first = await search(admin, '', c.code);
		expect(first.page).toMatchObject({ total: 55, page: 1, pages: 2, first: 1 });
		expect(first.page.rows).toHaveLength(50);
		expect(first.page.rows[0].familyName).toBe('Family 00');
		expect(first.page.rows[49].familyName).toBe('Family 49');
		const second = await search(admin, 'page=2', c.code);
		expect(second.page.rows.map((r) => r.familyName)).toEqual([
			'Family 50',
			'Family 51',
			'Family 52',
			'Family 53',
			'Family 54'
		]);
		// past the last page: no rows, the total still given
		expect((await search(admin, 'page=9', c.code)).page).toMatchObject({ total: 55, rows: [] });
	});
});

describe('the CSV', () => {
	async function csv(user: SessionUser, query: string, take?: number) {
		const { ctx, filters } = await search(user, query);
		return new Response(csvStream(registerCsv(user, ctx.jurisdiction.id, filters, take))).text();
	}

	it('has codes and names, never a database id, and neutralises formula cells', async () => {
		// two rows a page, so the keyset paging runs over several pages
		const text = await csv(t.analystA, '', 2);
		const lines = text.trim().split('\n');
		expect(lines[0]).toBe(
			'national_worker_id,licence_numbers,given_name,family_name,sex,cadre,sector,paid,education_level,organisation_code,organisation_name,area_code,area_name,employment_start,employment_end,cp_from,cp_to'
		);
		expect(lines).toHaveLength(4);
		expect(text).toBe(await csv(t.analystA, '', 1000)); // the same bytes as one page holding everything
		expect(text).not.toMatch(UUID);
		expect(text).toContain(
			`${t.a.code}-001,L-${t.a.code}-1,Élodie,Ndayishimiye,FEMALE,PROF_SW,GOVERNMENTAL,yes,BACHELOR,${t.gov.code},${t.gov.name},${t.areas.w.code},Area W,2020-02-01,,2020-03-01,2024-12-31`
		);
		// a cell that a spreadsheet would run as a formula gets a leading quote
		expect(text).toContain(`'-${t.a.code}-003,,"'=HYPERLINK(""http://evil.example"")",'+Zed,,,,no,`);
	});

	it('has the same workers as the page for the same filters', async () => {
		const text = await csv(t.analystA, `area=${encodeURIComponent(t.areas.d.code)}&cadre=PARA_PROF`);
		const lines = text.trim().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('Mensah');
	});
});

describe("a worker's record", () => {
	it('shows the HRIS fields with codes, names and level, and hides e-mail addresses from an analyst', async () => {
		await db.areaLevel.createMany({
			data: [
				{ jurisdictionId: t.a.id, depth: 0, name: 'Region' },
				{ jurisdictionId: t.a.id, depth: 1, name: 'District' },
				{ jurisdictionId: t.a.id, depth: 2, name: 'Ward' }
			],
			skipDuplicates: true
		});
		const r = await workerRecord(t.analystA, t.workers.elodie.id);
		expect(r).toMatchObject({
			givenName: 'Élodie',
			nationalIds: [`${t.a.code}-001`],
			licenceNumbers: [`L-${t.a.code}-1`],
			cadre: 'PROF_SW',
			organisation: { code: t.gov.code, name: t.gov.name },
			area: { code: t.areas.w.code, name: 'Area W', level: 'Ward' },
			employmentStart: '2020-02-01',
			employmentEnd: null,
			cpFrom: '2020-03-01',
			cpTo: '2024-12-31',
			linked: false,
			emails: null,
			licences: [],
			certificates: [],
			training: null
		});
	});

	it('has the licences, certificates and training of a linked worker; e-mail addresses for an administrator', async () => {
		const p = await personWithEverything();
		const analyst = await sessionUserOf((await makeUser([{ role: 'ANALYST', jurisdictionId: p.j.id }])).id);
		const r = await workerRecord(analyst, p.worker.id);
		expect(r.linked).toBe(true);
		expect(r.emails).toBeNull();
		expect(r.nationalIds).toEqual([p.nationalId]);
		expect(r.licenceNumbers).toEqual([p.licence.number]);
		expect(r.licences).toEqual([
			{
				number: p.licence.number,
				status: 'ACTIVE',
				cycle: { startsOn: '2026-01-01', endsOn: '2026-12-31', outcome: 'OPEN' }
			}
		]);
		expect(r.certificates).toEqual([
			{
				programme: p.programme.title,
				provider: p.provider.name,
				issuedOn: '2026-02-01',
				expiresOn: null,
				revokedOn: null
			}
		]);
		expect(r.training?.completions.map((c) => c.module)).toEqual([`Module ${p.tag}`]);
		expect(r.training?.cpd).toEqual({ recorded: 2, pending: 0, entries: 1 });
		// nothing the page gets is a database id
		expect(JSON.stringify(r)).not.toMatch(UUID);

		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: p.j.id }])).id);
		expect((await workerRecord(admin, p.worker.id)).emails).toEqual({ record: p.email, account: p.email });
		// another jurisdiction's administrator: not found
		await expect(workerRecord(t.adminA, p.worker.id)).rejects.toMatchObject({ status: 404 });
	});
});
