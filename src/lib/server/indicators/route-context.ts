// For the indicator routes: the report context, with a DomainError turned into the HTTP error page (403 / 404).
import { error } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../errors';
import { reportContext, type ReportContext } from './context';

export async function contextOrError(user: SessionUser, code: string | null): Promise<ReportContext> {
	try {
		return await reportContext(user, code);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
}
