// The modules home (issue 22) of an author and of a provider administrator: the drafts they are writing, the ones a
// reviewer sent back to them (with the note), the ones they submitted that wait for a reviewer, and how many of their
// providers' modules wait for their own review. Everything comes from authoredList, the rows of /provider/modules;
// the review count is the rows of /provider/modules/review (submitted, of their providers, never edited by them).
import type { SessionUser } from '../auth/session';
import { authoredList, type AuthoredRow } from '../authoring/store';

export interface AuthorModule {
	id: string;
	title: string;
	provider: string;
	updatedAt: Date;
}

export interface AuthorHome {
	/** drafts they edited, still being written */
	drafts: AuthorModule[];
	/** drafts they edited that a reviewer sent back, with the reviewer's note */
	returned: (AuthorModule & { note: string })[];
	/** drafts they edited that wait for a reviewer */
	submitted: AuthorModule[];
	/** submitted drafts of their providers they may approve (never their own) */
	toReview: number;
}

/** The rows of each list on the home page: at most this many (the module list has them all). */
export const AUTHOR_HOME_ROWS = 20;

/** The home from the rows of authoredList (pure: tested on rows without a database). */
export function authorHomeOf(userId: string, rows: AuthoredRow[]): AuthorHome {
	const mine = rows.filter((r) => r.editorIds.includes(userId));
	const item = (r: AuthoredRow): AuthorModule => ({
		id: r.id,
		title: r.title,
		provider: r.providerName,
		updatedAt: r.updatedAt
	});
	return {
		drafts: mine
			.filter((r) => r.status === 'draft')
			.slice(0, AUTHOR_HOME_ROWS)
			.map(item),
		returned: mine
			.filter((r) => r.status === 'returned')
			.slice(0, AUTHOR_HOME_ROWS)
			.map((r) => ({ ...item(r), note: r.returnedNote ?? '' })),
		submitted: mine
			.filter((r) => r.status === 'submitted')
			.slice(0, AUTHOR_HOME_ROWS)
			.map(item),
		toReview: rows.filter((r) => r.mayReview).length
	};
}

export async function authorHome(user: SessionUser): Promise<AuthorHome> {
	return authorHomeOf(user.id, await authoredList(user));
}
