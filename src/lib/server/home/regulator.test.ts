import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { regulatorHome } from './regulator';
import { pendingClaims, renewalQueue } from '../licensing/licences';
import { drawSample, samples } from '../licensing/audits';
import { reviewQueue } from '../cpd/ledger';
import { day, licensedWorker } from '../../../../tests/helpers/licensing';

describe("the regulator's home", () => {
	it('counts exactly the rows of the renewal queue, the claims, the activities to review and the audit samples', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		// a second licence in grace, a pending claim, a pending external activity and an audit sample
		const other = await db.licence.create({
			data: {
				jurisdictionId: w.j.id,
				number: `G-${w.user.id.slice(0, 6)}`,
				holderName: 'G Race',
				issuedOn: day('2020-01-01')
			}
		});
		await db.licenceCycle.create({
			data: {
				licenceId: other.id,
				jurisdictionId: w.j.id,
				ruleId: w.rule.id,
				startsOn: day('2025-01-01'),
				endsOn: day('2025-12-31'),
				outcome: 'GRACE',
				graceUntil: day('2026-12-31')
			}
		});
		await db.licenceClaim.create({ data: { licenceId: other.id, userId: w.user.id } });
		await db.cpdEntry.create({
			data: {
				userId: w.user.id,
				jurisdictionId: w.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'PENDING',
				title: 'Workshop',
				activityDate: day('2025-06-01'),
				credits: 2,
				category: 'ethics'
			}
		});
		await drawSample(
			w.regulator,
			{ percent: 100, from: '2025-12-01', to: '2025-12-31', request: 'Send your certificates' },
			'http://credo.test'
		);

		const now = new Date('2026-03-01T12:00:00Z');
		const home = await regulatorHome(w.regulator, now);
		const queue = await renewalQueue(w.regulator, now);
		expect(home.queue.total).toBe(queue.length);
		expect(home.queue.total).toBe(2);
		expect(home.queue.open).toBe(1);
		expect(home.queue.grace).toBe(1);
		expect(home.queue.compliant).toBe(queue.filter((c) => c.verdict?.status === 'met').length);
		expect(home.claims).toBe((await pendingClaims(w.regulator)).length);
		expect(home.claims).toBe(1);
		expect(home.activities).toBe((await reviewQueue(w.regulator)).length);
		expect(home.activities).toBe(1);
		expect(home.audits.total).toBe((await samples(w.regulator)).length);
		expect(home.audits).toEqual({ total: 1, open: 1 });
	});

	it("sees nothing of another jurisdiction's work", async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const b = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const home = await regulatorHome(b.regulator, new Date('2026-03-01T12:00:00Z'));
		expect(home.queue.total).toBe(1); // b's own licence only, not a's
		expect(a.j.id).not.toBe(b.j.id);
	});
});
