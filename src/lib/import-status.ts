// An import job's state in the reader's words (imports/run.ts ImportStatus), for every page that shows imports.
import { m } from '$lib/paraglide/messages';

const STATUS: Record<string, () => string> = {
	queued: m.imp_status_queued,
	checking: m.imp_status_checking,
	ready: m.imp_status_ready,
	refused: m.imp_status_refused,
	unchanged: m.imp_status_unchanged,
	confirmed: m.imp_status_confirmed,
	importing: m.imp_status_importing,
	done: m.imp_status_done,
	failed: m.imp_status_failed,
	discarded: m.imp_status_discarded
};

export const importStatus = (status: string) => (STATUS[status] ?? m.imp_status_queued)();
