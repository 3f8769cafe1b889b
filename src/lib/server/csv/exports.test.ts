// Every CSV export, through the path its route takes (database rows → the domain function the route calls → the
// bytes the writer streams): text that people typed or imported comes out neutralised, the stored value unchanged.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { csvStream, type CsvTable } from './writer';
import { FORMULAS, csvRecords } from '../../../../tests/helpers/csv';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { licensedWorker } from '../../../../tests/helpers/licensing';
import { complianceCsv } from '../licensing/export';
import { cohortCsv } from '../practicum/cohort-csv';
import { cohort } from '../practicum/cohort';
import { reportContext } from '../indicators/context';
import { parseFilters } from '../indicators/filters';
import { indicatorReport } from '../indicators/report';
import { scoreCriterion, scoreSchema, scorecard } from '../indicators/qa';
import { qaCsv, ramCsv, vacCsv } from '../indicators/csv';
import { templateOf } from '../imports/upload';
import { WORKFORCE_COLUMNS } from '../workforce/rows';
import '../imports/kinds';

const bytes = (table: CsvTable) => new Response(csvStream(table)).text();
const neutralised = FORMULAS.map((f) => `'${f}`);

describe('CSV exports neutralise formulas typed into names', () => {
	it('regulator compliance export: imported holder names, in pages, every licence once', async () => {
		const { j, rule, licence } = await licensedWorker();
		for (const [i, name] of FORMULAS.entries()) {
			const l = await db.licence.create({
				data: { jurisdictionId: j.id, number: `F-${i}-${j.code}`, holderName: name, issuedOn: new Date('2020-01-01') }
			});
			await db.licenceCycle.create({
				data: {
					licenceId: l.id,
					jurisdictionId: j.id,
					ruleId: rule.id,
					startsOn: new Date('2026-01-01'),
					endsOn: new Date('2026-12-31')
				}
			});
		}
		const paged = await bytes(complianceCsv([j.id], new Date('2026-06-01'), 2));
		// pages of two give the same bytes as one page holding everything
		expect(paged).toBe(await bytes(complianceCsv([j.id], new Date('2026-06-01'), 1000)));
		const rows = csvRecords(paged);
		expect(rows.map((r) => r.holder).sort()).toEqual([...neutralised, 'W Orker'].sort());
		expect(rows.find((r) => r.licence === licence.number)).toMatchObject({ required: '10', earned: '0' });
		const stored = await db.licence.findMany({ where: { jurisdictionId: j.id }, select: { holderName: true } });
		expect(stored.map((l) => l.holderName).sort()).toEqual([...FORMULAS, 'W Orker'].sort());
	});

	it('coordinator cohort: names typed at registration, in pages, in student-name order', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id, 'UNIVERSITY');
		const agency = await db.organisation.create({
			data: {
				slug: `a-${randomUUID().slice(0, 8)}`,
				code: `a-${randomUUID().slice(0, 8)}`,
				name: '@SUM(A1)',
				type: 'NGO',
				jurisdictionId: j.id
			}
		});
		const supervisor = await makeUser([{ role: 'SUPERVISOR', organisationId: uni.id }]);
		await db.user.update({ where: { id: supervisor.id }, data: { name: '-2+3' } });
		const agreement = await db.fieldAgreement.create({
			data: {
				universityId: uni.id,
				agencyId: agency.id,
				jurisdictionId: j.id,
				reference: 'FPA-1',
				startsOn: new Date('2026-01-01'),
				endsOn: new Date('2026-12-31'),
				createdById: supervisor.id
			}
		});
		for (const name of FORMULAS) {
			const student = await makeUser([{ role: 'LEARNER', organisationId: uni.id }]);
			await db.user.update({ where: { id: student.id }, data: { name } });
			await db.placement.create({
				data: {
					agreementId: agreement.id,
					universityId: uni.id,
					agencyId: agency.id,
					jurisdictionId: j.id,
					studentId: student.id,
					supervisorId: supervisor.id,
					startsOn: new Date('2026-02-01'),
					endsOn: new Date('2026-10-31'),
					requiredHours: 400,
					competencies: ['CORE.CASE_MANAGEMENT'],
					createdById: supervisor.id
				}
			});
		}
		const now = new Date();
		const paged = await bytes(cohortCsv(uni.id, 14, now, 2));
		expect(paged).toBe(await bytes(cohortCsv(uni.id, 14, now, 1000)));
		const rows = csvRecords(paged);
		// pages of two give the dashboard's rows, each once and in its order
		const dashboard = await cohort(uni.id, 14);
		expect(rows.map((r) => r.student)).toEqual(dashboard.map((r) => `'${r.student}`));
		expect(rows.map((r) => r.student).sort()).toEqual([...neutralised].sort());
		expect(rows.every((r) => r.supervisor === "'-2+3" && r.agency === "'@SUM(A1)")).toBe(true);
		expect(rows[0]).toMatchObject({ required_hours: '400', approved_hours: '0', agreement_signed: 'no' });
	});

	it('indicator CSVs: area names, the jurisdiction name, the supporting partner and the QA justification', async () => {
		const j = await makeJurisdiction();
		await db.jurisdiction.update({ where: { id: j.id }, data: { name: FORMULAS[0] } });
		for (const [i, name] of FORMULAS.entries())
			await db.adminArea.create({ data: { jurisdictionId: j.id, code: `R${i}`, name } });
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		// a partner whose code and name look like formulas (the migration made organisations of free-text partners)
		const partner = await db.organisation.create({
			data: { slug: `p-${randomUUID().slice(0, 8)}`, code: '@SUM(A1)', name: '-2+3', type: 'NGO', jurisdictionId: j.id }
		});
		await db.programme.create({
			data: {
				jurisdictionId: j.id,
				providerId: provider.id,
				code: 'P',
				title: 'Programme',
				createdById: randomUUID(),
				recognitionStatus: 'CONFIRMED',
				childVictims: true,
				childProtection: true,
				supportingPartnerId: partner.id
			}
		});
		const regulatorUser = await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }]);
		await db.user.update({ where: { id: regulatorUser.id }, data: { name: '+1' } });
		const regulator = await sessionUserOf(regulatorUser.id);
		const ctx = await reportContext(regulator, j.code);
		const parsed = parseFilters(ctx, new URLSearchParams({ date: '2026-06-30', year: '2025', partner: '@SUM(A1)' }));
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const report = await indicatorReport(ctx, parsed.filters);

		const vacText = await bytes(vacCsv(ctx, parsed.filters, report));
		const vac = csvRecords(vacText);
		// the partner by its code and name, never by its database id
		expect(new Set(vac.map((r) => r.supporting_partner))).toEqual(new Set(["'@SUM(A1)"]));
		expect(new Set(vac.map((r) => r.supporting_partner_name))).toEqual(new Set(["'-2+3"]));
		expect(vacText).not.toContain(partner.id);
		expect(vac.filter((r) => r.dimension === 'area').map((r) => r.group)).toEqual(expect.arrayContaining(neutralised));
		const ram = csvRecords(await bytes(ramCsv(ctx, parsed.filters, report)));
		expect(ram.find((r) => r.dimension === 'total')!.group).toBe(neutralised[0]);

		await scoreCriterion(
			regulator,
			j.id,
			scoreSchema.parse({
				period: '2025',
				criterion: '1',
				score: '3',
				justification: '-2+3',
				evidence: '=HYPERLINK("http://x","y")'
			})
		);
		const qa = csvRecords(await bytes(qaCsv(ctx, await scorecard(j.id, 2025))));
		expect(qa[0]).toMatchObject({
			score: '3',
			justification: "'-2+3",
			evidence: neutralised[0],
			scored_by: "'+1"
		});
	});

	it('workforce template: the header row alone, as the import reads it', async () => {
		expect(await bytes(templateOf('workforce')!)).toBe(WORKFORCE_COLUMNS.map((c) => c.name).join(',') + '\n');
	});
});
