import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError } from '../errors';
import { decideProposal, myRecordLink, proposeLink } from './link-proposals';
import { openProposals, possibleDuplicates } from './people-review';
import { makeJurisdiction, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';

async function setting() {
	const j = await makeJurisdiction();
	const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
	const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }])).id);
	const record = await db.workerProfile.create({
		data: {
			jurisdictionId: j.id,
			givenName: 'Fatou',
			familyName: 'Ndiaye',
			email: uniqueEmail('hr'),
			identifiers: { create: { jurisdictionId: j.id, kind: 'NATIONAL_WORKER_ID', value: 'NW-501' } }
		}
	});
	return { j, admin, learner, record };
}

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e) => (e as DomainError).fields?.nationalWorkerId);

describe('a national worker id proposes a link that an admin confirms', () => {
	it('a match proposes, never links; the jurisdiction admin gets a notice and sees it', async () => {
		const { j, admin, learner, record } = await setting();
		await proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBeNull();
		const open = await openProposals(j.id);
		expect(open.map((p) => [p.user.email, p.worker.id, p.worker.nationalWorkerId])).toEqual([
			[learner.email, record.id, 'NW-501']
		]);
		expect(await db.notification.count({ where: { userId: admin.id, kind: 'worker-link-proposed' } })).toBe(1);
		expect((await myRecordLink(learner.id)).waiting).toHaveLength(1);
		// asking twice is refused, with its reason
		expect(await refusal(proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN))).toMatch(
			/already asked/
		);
	});

	it('no match, or a record linked to someone else: a clear message and no proposal', async () => {
		const { j, learner, record } = await setting();
		expect(await refusal(proposeLink(learner, { nationalWorkerId: 'NW-999', jurisdictionId: j.id }, ORIGIN))).toMatch(
			/No workforce record/
		);
		const other = await makeUser();
		await db.workerProfile.update({ where: { id: record.id }, data: { userId: other.id } });
		expect(await refusal(proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN))).toMatch(
			/another account/
		);
		expect(await db.workerLinkProposal.count({ where: { userId: learner.id } })).toBe(0);
	});

	it('a jurisdiction the person is not a learner in is refused', async () => {
		const { learner } = await setting();
		const elsewhere = await makeJurisdiction();
		const e = await proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: elsewhere.id }, ORIGIN).catch(
			(x) => x
		);
		expect(e.fields.jurisdictionId).toBeTruthy();
	});

	it('confirming links the record and tells the person; it is audited', async () => {
		const { j, admin, learner, record } = await setting();
		await proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN);
		const [p] = await openProposals(j.id);
		await decideProposal(admin, j.id, p.id, 'confirm', ORIGIN);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBe(learner.id);
		expect(await db.notification.count({ where: { userId: learner.id, kind: 'worker-linked' } })).toBe(1);
		const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'worker.linked', subjectId: record.id } });
		expect(event).toMatchObject({ actorId: admin.id, data: { via: 'national_id', proposalId: p.id } });
		expect(await openProposals(j.id)).toEqual([]);
		await expect(decideProposal(admin, j.id, p.id, 'confirm', ORIGIN)).rejects.toThrow(/already decided/);
	});

	it('a record linked meanwhile is refused on confirmation and nothing changes', async () => {
		const { j, admin, learner, record } = await setting();
		await proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN);
		const [p] = await openProposals(j.id);
		const other = await makeUser();
		await db.workerProfile.update({ where: { id: record.id }, data: { userId: other.id } });
		await expect(decideProposal(admin, j.id, p.id, 'confirm', ORIGIN)).rejects.toThrow(/another account/);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBe(other.id);
		expect((await db.workerLinkProposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('open');
	});

	it("rejecting tells the person and links nothing; another jurisdiction's proposal is not found", async () => {
		const { j, admin, learner, record } = await setting();
		await proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN);
		const [p] = await openProposals(j.id);
		const elsewhere = await makeJurisdiction();
		await expect(decideProposal(admin, elsewhere.id, p.id, 'reject', ORIGIN)).rejects.toThrow(DomainError);
		await decideProposal(admin, j.id, p.id, 'reject', ORIGIN);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBeNull();
		expect(await db.notification.count({ where: { userId: learner.id, kind: 'worker-link-rejected' } })).toBe(1);
		expect(await refusal(proposeLink(learner, { nationalWorkerId: 'NW-501', jurisdictionId: j.id }, ORIGIN))).toMatch(
			/declined/
		);
	});
});

describe('possible duplicates', () => {
	it('lists records of one jurisdiction sharing an address or a normalised name, and merges nothing', async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		const shared = uniqueEmail('shared');
		const mk = (jurisdictionId: string, givenName: string, familyName: string, email: string | null) =>
			db.workerProfile.create({ data: { jurisdictionId, givenName, familyName, email } });
		const a = await mk(j.id, 'Adjoa', 'Mensah', shared);
		const b = await mk(j.id, 'Akua', 'Boateng', shared.toUpperCase());
		const c = await mk(j.id, 'José', 'Da Silva', null);
		const d = await mk(j.id, 'jose', 'dasilva', uniqueEmail());
		await mk(j.id, 'Yaw', 'Owusu', uniqueEmail());
		await mk(other.id, 'Adjoa', 'Mensah', shared); // another jurisdiction: not this one's duplicate
		const { total, groups } = await possibleDuplicates(j.id);
		expect(total).toBe(2);
		const found = groups.map((g) => [g.reasons.join(), g.workers.map((w) => w.id).sort()]);
		expect(found).toContainEqual(['email', [a.id, b.id].sort()]);
		expect(found).toContainEqual(['name', [c.id, d.id].sort()]);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(5);
	});
});
