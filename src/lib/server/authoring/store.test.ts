// Drafts, review and publishing on the real database: who may do what, the revision check, immutable versions, the
// published module served beside content/, and a learner mid-way through a version finishing on it.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { db } from '../db';
import { findModule, getContent } from '../content';
import { DomainError } from '../errors';
import { sessionUserById, type SessionUser } from '../auth/session';
import { makeUser } from '../../../../tests/helpers/db';
import {
	MAX_FILES,
	MAX_TEXT,
	addFile,
	createDraft,
	draftFor,
	publishDraft,
	returnDraft,
	saveDraft,
	submitDraft,
	withReview,
	withoutReview,
	authoredList
} from './store';
import { authoredVersionByHash, syncPublished } from './published';
import { openAttempt, startAttempt, submitAttempt } from '../learning/attempts';
import type { Module } from '../content/types';

const SOURCE = 'care-gatekeeping';
let n = 0;
const unique = () => `authored-${Date.now().toString(36)}-${n++}`;

async function provider(slug: string) {
	const j = await db.jurisdiction
		.findFirstOrThrow({ where: { code: 'DR' } })
		.catch(() => db.jurisdiction.create({ data: { code: 'DR', name: 'Demo Republic', timeZone: 'Africa/Nairobi' } }));
	return db.organisation.upsert({
		where: { slug },
		update: {},
		create: { slug, code: slug, name: slug, type: 'TRAINING_PROVIDER', jurisdictionId: j.id }
	});
}

async function person(role: 'AUTHOR' | 'PROVIDER' | 'LEARNER', organisationId?: string): Promise<SessionUser> {
	const u = await makeUser([{ role, organisationId }]);
	return (await sessionUserById(u.id))!;
}

/** A content/ module's file as a new module of `id` (its own questions, links and sources). */
function textAs(id: string): string {
	const file = findModule(SOURCE)!.file;
	return fs.readFileSync(file, 'utf8').replace(/^id: .*$/m, `id: ${id}`);
}

function answers(mod: Module, drawn: string[]): [string, string][] {
	return drawn.flatMap((qid) => {
		const q = mod.assessment.questions.find((x) => x.id === qid)!;
		return q.options.filter((o) => o.correct).map((o) => [`q.${qid}`, o.id] as [string, string]);
	});
}

async function refused(p: Promise<unknown>): Promise<number> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return e.status;
		throw e;
	}
	return 0;
}

let author: SessionUser, reviewer: SessionUser, elsewhere: SessionUser, learner: SessionUser;
let providerId: string;

beforeAll(async () => {
	const a = await provider('authoring-a');
	const b = await provider('authoring-b');
	providerId = a.id;
	author = await person('AUTHOR', a.id);
	reviewer = await person('PROVIDER', a.id);
	elsewhere = await person('PROVIDER', b.id);
	learner = await person('LEARNER');
});

describe('authoring a module', () => {
	it('a draft is its provider’s only, never served; saving checks the revision; the author cannot approve it', async () => {
		const id = unique();
		await createDraft(author, { providerId, text: textAs(id), origin: 'COPY', copiedFrom: SOURCE });
		const draft = await draftFor(author, id);
		expect(draft.revision).toBe(1);
		expect(draft.text).toContain(`provider: authoring-a`); // the provider it is written for, whatever the file said
		expect(draft.text).not.toMatch(/^reviewer:/m); // a draft is not reviewed
		expect(findModule(id)).toBeUndefined(); // learners never see a draft
		// another provider's people: not found, whatever they try
		expect(await refused(draftFor(elsewhere, id))).toBe(404);
		expect(await refused(saveDraft(elsewhere, id, { revision: 1, text: draft.text }))).toBe(404);
		expect(await refused(submitDraft(elsewhere, id, 1))).toBe(404);
		expect(await refused(draftFor(learner, id))).toBe(404);
		expect(await refused(createDraft(elsewhere, { providerId, text: textAs(unique()), origin: 'NEW' }))).toBe(403);
		// a save from a page that missed another save is refused and changes nothing
		expect((await saveDraft(author, id, { revision: 1, text: draft.text + '\nMore.\n' })).revision).toBe(2);
		expect(await refused(saveDraft(reviewer, id, { revision: 1, text: 'lost' }))).toBe(409);
		expect((await draftFor(author, id)).text).toContain('More.');
		// an id already taken (content/ or authored) is refused beside the id
		const taken = await refused(createDraft(author, { providerId, text: textAs(SOURCE), origin: 'COPY' }));
		expect(taken).toBe(400);
		await submitDraft(author, id, 2);
		expect(await refused(saveDraft(author, id, { revision: 2, text: 'x' }))).toBe(409); // waits for review
		expect(await refused(publishDraft(author, id))).toBe(403); // never their own
		expect((await authoredList(reviewer)).find((r) => r.id === id)?.mayReview).toBe(true);
		expect((await authoredList(author)).find((r) => r.id === id)?.mayReview).toBe(false);
		expect(await refused(publishDraft(elsewhere, id))).toBe(404);
	});

	it('a broken draft saves but cannot be submitted; a returned one goes back with the note', async () => {
		const id = unique();
		await createDraft(author, { providerId, text: textAs(id), origin: 'NEW' });
		const broken = textAs(id).replace(/^title: .*$/m, 'title: ""');
		expect((await saveDraft(author, id, { revision: 1, text: broken })).revision).toBe(2);
		expect(await refused(submitDraft(author, id, 2))).toBe(400);
		expect((await draftFor(author, id)).draft!.status).toBe('DRAFT');
		await saveDraft(author, id, { revision: 2, text: textAs(id) });
		await submitDraft(author, id, 3);
		expect(await refused(returnDraft(reviewer, id, '  '))).toBe(400);
		await returnDraft(reviewer, id, 'Add a case example to the second section.');
		const back = (await authoredList(author)).find((r) => r.id === id)!;
		expect(back.status).toBe('returned');
		expect(back.returnedNote).toBe('Add a case example to the second section.');
	});

	it('publishing makes an immutable version served beside content/; terms carry only when unchanged; a learner finishes on the version they began', async () => {
		const id = unique();
		await createDraft(author, { providerId, text: textAs(id), origin: 'NEW' });
		await submitDraft(author, id, 1);
		const v1 = await publishDraft(reviewer, id);
		expect(v1).toEqual({ number: 1, termsCarried: false }); // a first version waits for the regulator
		const served = findModule(id)!;
		expect(served.authored).toEqual({ number: 1 });
		expect(served.draft).toBe(false);
		expect(served.reviewer).toBe(reviewer.name);
		expect(getContent().modules.filter((x) => x.id === id)).toHaveLength(1);
		const row = await db.authoredVersion.findFirstOrThrow({ where: { moduleId: id } });
		await expect(
			db.$executeRaw`update authored_versions set text = 'changed' where id = ${row.id}::uuid`
		).rejects.toThrow(/immutable/);
		await expect(db.$executeRaw`delete from authored_versions where id = ${row.id}::uuid`).rejects.toThrow(/immutable/);

		// a learner starts on version 1
		const attempt = await startAttempt(learner.id, id);

		// version 2: the body changes, the terms do not
		const start = await draftFor(author, id);
		expect(start.revision).toBe(0);
		await saveDraft(author, id, { revision: 0, text: start.text + '\nA closing thought for practice.\n' });
		await submitDraft(author, id, 1);
		expect(await publishDraft(reviewer, id)).toEqual({ number: 2, termsCarried: true });
		expect(findModule(id)!.authored).toEqual({ number: 2 });
		expect(authoredVersionByHash(served.hash)?.authored).toEqual({ number: 1 });

		// the learner's open attempt is still on version 1, and a pass records version 1
		const open = await openAttempt(learner.id, id);
		expect(open?.attempt.id).toBe(attempt.id);
		expect(open?.mod?.hash).toBe(served.hash);
		const result = await submitAttempt(learner.id, attempt.id, answers(open!.mod!, attempt.questionIds));
		expect(result.passed).toBe(true);
		const completion = await db.moduleCompletion.findFirstOrThrow({
			where: { userId: learner.id, moduleId: id },
			include: { moduleVersion: true }
		});
		expect(completion.moduleVersion.contentHash).toBe(served.hash);
		expect(completion.moduleVersion.terms).toBeTruthy();

		// version 3: another pass mark — the terms do not carry
		const third = await draftFor(author, id);
		await saveDraft(author, id, { revision: 0, text: third.text.replace(/passMark: \d+/, 'passMark: 90') });
		await submitDraft(author, id, 1);
		expect(await publishDraft(reviewer, id)).toEqual({ number: 3, termsCarried: false });
		const audited = await db.auditEvent.findMany({
			where: { subjectType: 'module', subjectId: id, action: 'module.published' }
		});
		expect(audited).toHaveLength(3);
	});

	it('another process sees a version published elsewhere after its next sync', async () => {
		const id = unique();
		await createDraft(author, { providerId, text: textAs(id), origin: 'NEW' });
		await submitDraft(author, id, 1);
		await publishDraft(reviewer, id);
		expect(findModule(id)).toBeDefined();
		await syncPublished(true); // nothing new: the same view
		expect(findModule(id)!.authored!.number).toBe(1);
	});
});

describe('limits', () => {
	it('a text over the limit is refused beside the body and nothing changes; images stop at the limit', async () => {
		const id = unique();
		await createDraft(author, { providerId, text: textAs(id), origin: 'NEW' });
		const huge = textAs(id) + 'x'.repeat(MAX_TEXT);
		expect(await refused(saveDraft(author, id, { revision: 1, text: huge }))).toBe(400);
		expect((await draftFor(author, id)).revision).toBe(1);
		// MAX_FILES different images (a PNG with one more byte after its end each), then one more is refused
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
			'base64'
		);
		for (let i = 0; i < MAX_FILES; i++)
			await addFile(author, id, { name: `p${i}.png`, bytes: new Uint8Array([...png, i]) });
		expect(await refused(addFile(author, id, { name: 'one-more.png', bytes: new Uint8Array([...png, 255, 1]) }))).toBe(
			400
		);
		expect(await db.moduleFile.count({ where: { moduleId: id } })).toBe(MAX_FILES);
	});
});

describe('the review record in the text', () => {
	it('is added after the provider line and removed for a new draft', () => {
		const text = '---\nid: x\nprovider: p\ntitle: T\n---\nBody\n';
		const reviewed = withReview(text, 'Rita "R" Reviewer', '2026-12-07');
		expect(reviewed).toBe(
			'---\nid: x\nprovider: p\nreviewer: "Rita \\"R\\" Reviewer"\nreviewedOn: 2026-12-07\ntitle: T\n---\nBody\n'
		);
		expect(withoutReview(reviewed)).toBe(text);
	});
});
