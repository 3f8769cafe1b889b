// Runs a CSV import the way the job worker does, phase by phase, without the queue: the upload, the preview, then
// (when asked) the confirmation and the commit. Answers the job as its page shows it.
import { acceptImport, createImport, importJob, runImportJob } from '../../src/lib/server/imports/run';
import '../../src/lib/server/imports/kinds';
import type { SessionUser } from '../../src/lib/server/auth/session';

export async function importFile(
	user: SessionUser,
	kind: string,
	jurisdictionId: string,
	text: string,
	{ confirm = true } = {}
) {
	const id = await createImport(user, kind, jurisdictionId, text);
	await runImportJob(id, 'plan');
	const previewed = await importJob(user, id);
	if (!confirm || previewed.status !== 'ready') return previewed;
	await acceptImport(user, id);
	await runImportJob(id, 'commit');
	return importJob(user, id);
}
