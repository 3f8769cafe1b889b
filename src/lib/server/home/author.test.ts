// The modules home of an author and of a provider administrator (issue 22), on the real database through the store:
// each list holds the drafts in that state the person edited; the review count equals the rows a reviewer may approve.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { findModule } from '../content';
import { sessionUserById, type SessionUser } from '../auth/session';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';
import { authoredList, createDraft, returnDraft, submitDraft } from '../authoring/store';
import { homeFor } from './index';
import { menuFor } from '../navigation/menu';

async function person(role: 'AUTHOR' | 'PROVIDER', organisationId: string): Promise<SessionUser> {
	return (await sessionUserById((await makeUser([{ role, organisationId }])).id))!;
}

/** A content/ module's file as a new module (it passes every check, so it may be submitted). */
function textAs(id: string): string {
	return fs.readFileSync(findModule('care-gatekeeping')!.file, 'utf8').replace(/^id: .*$/m, `id: ${id}`);
}

describe('the modules home', () => {
	it('an author sees their drafts, the returned one with its note, the submitted one; the admin sees it to review', async () => {
		const j = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const author = await person('AUTHOR', provider.id);
		const colleague = await person('AUTHOR', provider.id);
		const admin = await person('PROVIDER', provider.id);
		const elsewhere = await person('AUTHOR', other.id);
		const id = () => `home-${randomUUID().slice(0, 8)}`;
		const create = async (who: SessionUser, providerId = provider.id) => {
			const moduleId = id();
			await createDraft(who, { providerId, text: textAs(moduleId), origin: 'NEW' });
			return moduleId;
		};
		const writing = await create(author);
		const returned = await create(author);
		const submitted = await create(author);
		const theirs = await create(colleague);
		await create(elsewhere, other.id);
		await submitDraft(author, returned, 1);
		await returnDraft(admin, returned, 'Add a case study to section 2.');
		await submitDraft(author, submitted, 1);
		await submitDraft(colleague, theirs, 1);

		const home = (await homeFor(author)).author!;
		expect(home.drafts.map((r) => r.id)).toEqual([writing]);
		expect(home.returned.map((r) => [r.id, r.note])).toEqual([[returned, 'Add a case study to section 2.']]);
		expect(home.submitted.map((r) => r.id)).toEqual([submitted]);
		// the author may review a colleague's module, never their own
		expect(home.toReview).toBe(1);
		expect(home.toReview).toBe((await authoredList(author)).filter((r) => r.mayReview).length);

		const adminHome = (await homeFor(admin)).author!;
		expect(adminHome.drafts).toEqual([]); // the admin edited none of them
		expect(adminHome.toReview).toBe(2);
		expect(adminHome.toReview).toBe((await authoredList(admin)).filter((r) => r.mayReview).length);
		expect((await homeFor(admin)).provider).toBeDefined(); // and keeps the provider's own home

		// another provider's author sees none of these
		const away = (await homeFor(elsewhere)).author!;
		expect(away.toReview).toBe(0);
		expect(away.drafts).toHaveLength(1);
	});

	it('the menu: an author sees Modules but not the provider pages; a provider admin sees both', async () => {
		const j = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		const author = await person('AUTHOR', provider.id);
		const admin = await person('PROVIDER', provider.id);
		const authorMenu = menuFor(author);
		expect(authorMenu).toContain('modules');
		for (const item of ['programmes', 'review', 'invite', 'admin'] as const) expect(authorMenu).not.toContain(item);
		expect(menuFor(admin)).toEqual(expect.arrayContaining(['programmes', 'modules', 'review', 'invite']));
		expect((await homeFor(author)).provider).toBeUndefined();
	});
});
