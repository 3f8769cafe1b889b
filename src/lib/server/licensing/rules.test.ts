// The renewal rule form: content areas (minimums, caps) and activity types (credit rates per hour, caps), as the
// regulator's page posts them, and the version it saves.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { parseForm } from '../forms/parse';
import { ruleSchema, saveRule } from './rules';
import { licensedWorker } from '../../../../tests/helpers/licensing';
import { ACTIVITY_TYPES } from '$lib/cpd-types';
import { getContent } from '../content';

/** The form as the page posts it: every area and type field present, empty unless given. */
function posted(over: Record<string, string> = {}) {
	const f = new FormData();
	const fields: Record<string, string> = { cadreKey: '*', cycleMonths: '12', totalCredits: '20', graceDays: '60' };
	for (const c of getContent().framework.categories) fields[`min.${c.id}`] = fields[`cap.${c.id}`] = '';
	for (const t of ACTIVITY_TYPES) fields[`rate.${t}`] = fields[`typecap.${t}`] = '';
	for (const [k, v] of Object.entries({ ...fields, ...over })) f.append(k, v);
	return f;
}

describe('the renewal rule form', () => {
	it('an empty cap is no cap (not a cap of 0 %), an empty or zero rate no rate', () => {
		const r = parseForm(ruleSchema(), posted({ 'rate.self-study': '0' }));
		expect(r.ok && r.data).toMatchObject({ minimums: {}, caps: {}, activityCaps: {}, activityRates: {} });
	});

	it('reads minimums per content area, rates and caps per activity type', () => {
		const r = parseForm(
			ruleSchema(),
			posted({
				'min.ethics': '2',
				'cap.supervision': '25',
				'rate.in-person': '1',
				'rate.supervision-received': '0.5',
				'typecap.self-study': '50',
				'typecap.presenting': '0'
			})
		);
		expect(r.ok && r.data).toMatchObject({
			minimums: { ethics: 2 },
			caps: { supervision: 0.25 },
			activityRates: { 'in-person': 1, 'supervision-received': 0.5 },
			activityCaps: { 'self-study': 0.5, presenting: 0 }
		});
	});

	it('a negative rate, a cap above 100 % and a rate that is not a number are refused beside their fields', () => {
		const r = parseForm(
			ruleSchema(),
			posted({ 'rate.in-person': '-1', 'typecap.self-study': '150', 'rate.presenting': 'two' })
		);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(Object.keys(r.errors).sort()).toEqual(['rate.in-person', 'rate.presenting', 'typecap.self-study']);
	});

	it('saving writes a new version with the types; the version a cycle started under is unchanged', async () => {
		const a = await licensedWorker();
		const r = parseForm(ruleSchema(), posted({ 'rate.live-online': '1', 'typecap.live-online': '40' }));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const v2 = await saveRule(a.regulator, r.data);
		expect(v2).toMatchObject({ version: 2, activityRates: { 'live-online': 1 }, activityCaps: { 'live-online': 0.4 } });
		expect(await db.renewalRule.findUniqueOrThrow({ where: { id: a.rule.id } })).toMatchObject({
			version: 1,
			activityRates: {},
			activityCaps: {}
		});
		expect((await db.licenceCycle.findUniqueOrThrow({ where: { id: a.cycle.id } })).ruleId).toBe(a.rule.id);
	});
});
