import { describe, expect, it } from 'vitest';
import { orgSlug, orgType, planOrganisations, type ExistingOrganisation } from './organisation-rows';

const csv = (...lines: string[]) => ['code,name,type,area_code', ...lines].join('\n');
const ORGS: ExistingOrganisation[] = [
	{ code: 'MIN', name: 'Ministry of Social Welfare', type: 'MINISTRY', areaCode: null },
	{ code: 'NGO1', name: 'Hope Trust', type: 'NGO', areaCode: 'D1' }
];
const state = { organisations: ORGS, areaCodes: new Set(['P1', 'D1']) };
const codes = (plan: ReturnType<typeof planOrganisations>) => plan.problems.map((p) => [p.line, p.column, p.code]);

describe('organisations CSV', () => {
	it('types are read in any case, in the enum spelling, or with spaces', () => {
		expect(
			['ngo', 'NGO', 'Training provider', 'TRAINING_PROVIDER', 'government-agency', 'church'].map(orgType)
		).toEqual(['NGO', 'NGO', 'TRAINING_PROVIDER', 'TRAINING_PROVIDER', 'GOVERNMENT_AGENCY', null]);
	});

	it('new organisations are added; changes of name, type and area are shown old → new', () => {
		const plan = planOrganisations(
			csv(
				'MIN,Ministry of Social Welfare,ministry,',
				'NGO1,Hope Trust International,training_provider,P1',
				'UNI,State University,University,D1'
			),
			state
		);
		expect(plan.problems).toEqual([]);
		expect(plan.rows).toEqual([
			{ line: 2, key: 'MIN', label: 'Ministry of Social Welfare', action: 'unchanged' },
			{
				line: 3,
				key: 'NGO1',
				label: 'Hope Trust International',
				action: 'change',
				changes: [
					{ field: 'name', from: 'Hope Trust', to: 'Hope Trust International' },
					{ field: 'type', from: 'ngo', to: 'training_provider' },
					{ field: 'area_code', from: 'D1', to: 'P1' }
				]
			},
			{ line: 4, key: 'UNI', label: 'State University', action: 'add' }
		]);
		expect(plan.ops.map((o) => [o.code, o.type, o.areaCode, o.isNew])).toEqual([
			['NGO1', 'TRAINING_PROVIDER', 'P1', false],
			['UNI', 'UNIVERSITY', 'D1', true]
		]);
	});

	it('an empty area keeps the area; the clearing marker removes it; no area_code column keeps every area', () => {
		expect(planOrganisations(csv('NGO1,Hope Trust,ngo,'), state).rows[0].action).toBe('unchanged');
		expect(planOrganisations(csv('NGO1,Hope Trust,ngo,[clear]'), state).rows[0].changes).toEqual([
			{ field: 'area_code', from: 'D1', to: null }
		]);
		expect(planOrganisations('code,name,type\nNGO1,Hope Trust,ngo', state).rows[0].action).toBe('unchanged');
	});

	it('re-importing the same file changes nothing', () => {
		const plan = planOrganisations(csv('MIN,Ministry of Social Welfare,MINISTRY,', 'NGO1,Hope Trust,ngo,D1'), state);
		expect(plan.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
		expect(plan.ops).toEqual([]);
	});

	it('an unknown type, an unknown area, a duplicate and a bad code are refused per row, and nothing is planned', () => {
		const plan = planOrganisations(
			csv('A1,One,church,', 'A2,Two,ngo,ZZ', 'A3,Three,ngo,', 'A3,Again,ngo,', 'a b,Four,ngo,', 'A5,,,'),
			state
		);
		expect(codes(plan)).toEqual([
			[2, 'type', 'choice'],
			[3, 'area_code', 'unknown_area'],
			[5, 'code', 'duplicate'],
			[6, 'code', 'code_format'],
			[7, 'name', 'required'],
			[7, 'type', 'required']
		]);
		expect(plan.ops).toEqual([]);
	});

	it('a formula-like name is kept as typed', () => {
		const plan = planOrganisations(csv('F1,=cmd|calc,ngo,', 'F2,@SUM(1),ngo,'), state);
		expect(plan.problems).toEqual([]);
		expect(plan.ops.map((o) => o.name)).toEqual(['=cmd|calc', '@SUM(1)']);
	});

	it('slugs: jurisdiction code and organisation code, lower-case, numbered when taken', () => {
		const taken = new Set(['dr-min']);
		expect(orgSlug('DR', 'MIN', taken)).toBe('dr-min-2');
		expect(orgSlug('DR', 'MIN', taken)).toBe('dr-min-3');
		expect(orgSlug('DR', 'Hope_Trust.01', taken)).toBe('dr-hope-trust-01');
	});
});
