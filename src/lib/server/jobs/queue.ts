// Background jobs on the same PostgreSQL (pg-boss 10, the last major that runs on Node 20). Each app server starts a
// worker; a job runs once whichever server picks it up. Handlers live with their domain and register here.
import PgBoss from 'pg-boss';

type Handler = (data: Record<string, unknown>) => Promise<void>;
const handlers = new Map<string, Handler>();
let boss: Promise<PgBoss> | null = null;

export function registerJob(name: string, handler: Handler) {
	handlers.set(name, handler);
}

function start(): Promise<PgBoss> {
	boss ??= (async () => {
		const b = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: 'pgboss', max: 4 });
		b.on('error', (e) => console.error('job queue error', e));
		await b.start();
		for (const [name, handler] of handlers) {
			await b.createQueue(name);
			await b.work<Record<string, unknown>>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
				for (const job of jobs) await handler(job.data);
			});
		}
		return b;
	})();
	return boss;
}

/** Queues a job; the first call also starts this server's worker. */
export async function enqueue(name: string, data: Record<string, unknown>) {
	const b = await start();
	await b.createQueue(name);
	return b.send(name, data);
}

export function startWorkers() {
	if (process.env.NODE_ENV === 'test' || !handlers.size) return;
	start().catch((e) => console.error('job queue did not start', e));
}
