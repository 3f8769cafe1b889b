import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { addActivity, decide, decisionSchema, myEntries, readActivity } from './ledger';
import { DomainError } from '../errors';
import { cycleCompliance } from '../licensing/compliance-data';
import { licensedWorker, PDF } from '../../../../tests/helpers/licensing';

const pdf = () => new File([PDF], 'certificate.pdf', { type: 'application/pdf' });

/** A worker's pending claim of 3 child-protection credits, with its reviewers. */
async function claimOf3() {
	const w = await licensedWorker();
	const form = new FormData();
	const fields = {
		title: 'Safeguarding refresher',
		providerName: 'Guild',
		providerOrgId: w.provider.id,
		activityDate: '2026-01-10',
		credits: '3',
		category: 'child-protection',
		activityType: 'in-person'
	};
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const entry = await addActivity(w.learner, await readActivity(w.user.id, form), pdf());
	return { ...w, entry };
}

const decision = (fields: Record<string, string | undefined>) => decisionSchema.parse(fields);
const stored = (id: string) => db.cpdEntry.findUniqueOrThrow({ where: { id } });
const events = (id: string) =>
	db.auditEvent.findMany({
		where: { subjectType: 'cpd_entry', subjectId: id, action: { startsWith: 'cpd.approved' } }
	});

describe('a reviewer approves part of a CPD claim', () => {
	it('approves 2 of 3 credits with a reason: stored beside the claim, the claim unchanged, audited, the worker told', async () => {
		const w = await claimOf3();
		const input = decision({ entryId: w.entry.id, decision: 'change', credits: '2', reason: 'One day missed' });
		await decide(w.providerAdmin, input, 'http://x');

		const e = await stored(w.entry.id);
		expect(e.status).toBe('APPROVED');
		expect([Number(e.credits), e.category]).toEqual([3, 'child-protection']); // the claim is evidence
		expect([Number(e.approvedCredits), e.approvedCategory, e.reviewReason]).toEqual([2, null, 'One day missed']);
		expect(e.reviewedById).toBe(w.providerAdmin.id);

		const [ev] = await events(w.entry.id);
		expect(ev.action).toBe('cpd.approved_with_changes');
		expect(ev.reason).toBe('One day missed');
		expect(ev.data).toEqual({
			before: { credits: 3, category: 'child-protection' },
			after: { credits: 2, category: 'child-protection' }
		});

		const notice = await db.notification.findFirstOrThrow({ where: { userId: w.user.id, kind: 'cpd-approve' } });
		expect(notice.title).toBe('Your activity was approved with changes');
		expect(notice.body).toBe('"Safeguarding refresher": 2 of 3 credits approved. Reason: One day missed');

		const [mine] = await myEntries(w.user.id);
		expect([Number(mine.approvedCredits), mine.approvedCategory]).toEqual([2, null]);
	});

	it('refuses more credits than claimed beside the field, and nothing changes', async () => {
		const w = await claimOf3();
		const before = await stored(w.entry.id);
		const input = decision({ entryId: w.entry.id, decision: 'change', credits: '4', reason: 'Generous' });
		const refused = await decide(w.regulator, input, 'http://x').catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect((refused as DomainError).fields).toEqual({ credits: 'At most the 3 credits claimed' });
		expect(await stored(w.entry.id)).toEqual(before);
		expect(await events(w.entry.id)).toEqual([]);
		expect(await db.notification.count({ where: { userId: w.user.id, kind: 'cpd-approve' } })).toBe(0);
	});

	it('refuses a change without a reason, and an unknown category, changing nothing', async () => {
		const w = await claimOf3();
		const before = await stored(w.entry.id);
		for (const fields of [
			{ credits: '2' },
			{ category: 'ethics' },
			{ category: 'gardening', reason: 'r' },
			{ credits: '0', reason: 'r' }
		]) {
			const refused = await decide(
				w.regulator,
				decision({ entryId: w.entry.id, decision: 'change', ...fields }),
				'http://x'
			).catch((e) => e);
			expect(refused).toBeInstanceOf(DomainError);
		}
		expect(await stored(w.entry.id)).toEqual(before);
	});

	it('"with changes" that change nothing is an approval as claimed: nothing stored beside the claim', async () => {
		const w = await claimOf3();
		const input = decision({ entryId: w.entry.id, decision: 'change', credits: '3', category: 'child-protection' });
		await decide(w.regulator, input, 'http://x');
		const e = await stored(w.entry.id);
		expect([e.status, e.approvedCredits, e.approvedCategory]).toEqual(['APPROVED', null, null]);
		expect((await events(w.entry.id)).map((ev) => [ev.action, ev.data])).toEqual([['cpd.approved', null]]);
	});

	it('another category with a reason: stored, the worker told which', async () => {
		const w = await claimOf3();
		const input = decision({ entryId: w.entry.id, decision: 'change', category: 'ethics', reason: 'Ethics content' });
		await decide(w.regulator, input, 'http://x');
		const e = await stored(w.entry.id);
		expect([e.approvedCredits, e.approvedCategory, e.category]).toEqual([null, 'ethics', 'child-protection']);
		const notice = await db.notification.findFirstOrThrow({ where: { userId: w.user.id, kind: 'cpd-approve' } });
		expect(notice.body).toMatch(/Approved in .+\. Reason: Ethics content$/);
	});

	it('compliance counts what was approved, in the category approved, not what was claimed', async () => {
		const w = await claimOf3(); // activity on 2026-01-10, inside the worker's open cycle; the provider is accredited
		const input = decision({
			entryId: w.entry.id,
			decision: 'change',
			credits: '1.5',
			category: 'ethics',
			reason: 'Half of it was about ethics'
		});
		await decide(w.regulator, input, 'http://x');
		const state = await cycleCompliance(w.licence.id, w.cycle.id);
		expect(state?.verdict.earned.total).toBe(1.5);
		expect(state?.verdict.earned.categories).toMatchObject({ ethics: 1.5 });
		expect(state?.verdict.earned.categories['child-protection'] ?? 0).toBe(0);
	});

	it('a credits field that is not a number is refused by the form schema, beside the field', () => {
		const r = decisionSchema.safeParse({ entryId: crypto.randomUUID(), decision: 'change', credits: 'two' });
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => i.path[0])).toEqual(['credits']);
	});
});
