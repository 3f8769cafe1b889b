// Who is told what when a module is submitted, returned and published (issue 22): real database, through the store.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { getContent } from '../content';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { createDraft, draftFor, publishDraft, returnDraft, submitDraft } from './store';
import { reviewSubject } from './notices';

const text = (id: string) =>
	fs
		.readFileSync(getContent().modules.find((x) => !x.draft && !x.authored)!.file, 'utf8')
		.replace(/^id: .*$/m, `id: ${id}`);
const noticesOf = (userId: string) => db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });

describe('authoring notices', () => {
	it('asks the other reviewers of the provider, then tells the editors of the return and the publication', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const author = await sessionUserOf((await makeUser([{ role: 'AUTHOR', organisationId: org.id }])).id);
		const admin = await makeUser([{ role: 'PROVIDER', organisationId: org.id }]);
		const coAuthor = await makeUser([{ role: 'AUTHOR', organisationId: org.id }]);
		const elsewhere = await makeUser([{ role: 'PROVIDER', organisationId: other.id }]);
		const reviewer = await sessionUserOf(admin.id);
		const id = `ntc-${randomUUID().slice(0, 8)}`;
		await createDraft(author, { providerId: org.id, text: text(id), origin: 'NEW' });
		await submitDraft(author, id, (await draftFor(author, id)).revision);

		for (const u of [admin, coAuthor]) {
			const [n] = await noticesOf(u.id);
			expect(n).toMatchObject({
				kind: 'module-to-review',
				subject: reviewSubject(id),
				link: `/provider/modules/${id}/review`,
				doneAt: null
			});
		}
		expect(await noticesOf(author.id)).toEqual([]);
		expect(await noticesOf(elsewhere.id)).toEqual([]);

		await returnDraft(reviewer, id, 'Shorten the second section.');
		const [returned] = await noticesOf(author.id);
		expect(returned).toMatchObject({ kind: 'module-returned', link: `/provider/modules/${id}/edit` });
		expect(returned.body).toContain('Shorten the second section.');
		expect((await noticesOf(coAuthor.id))[0].doneAt).not.toBeNull(); // the request to review is done

		await submitDraft(author, id, (await draftFor(author, id)).revision);
		await publishDraft(reviewer, id);
		const published = (await noticesOf(author.id)).at(-1)!;
		expect(published).toMatchObject({ kind: 'module-published', link: `/learn/${id}` });
		expect(published.body).toContain(reviewer.name);
		expect(await db.notification.count({ where: { subject: reviewSubject(id), doneAt: null } })).toBe(0);
	});
});
