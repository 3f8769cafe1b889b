// Background jobs on the same PostgreSQL (pg-boss 10, the last major that runs on Node 20). Each app server starts a
// worker; a job runs once whichever server picks it up. Handlers live with their domain and register here.
import PgBoss from 'pg-boss';

type Handler = (data: Record<string, unknown>) => Promise<void>;
const handlers = new Map<string, Handler>();
let boss: Promise<PgBoss> | null = null;

export function registerJob(name: string, handler: Handler) {
	handlers.set(name, handler);
}

// pg-boss reports every failed poll and maintenance run as an 'error' event (once a second per queue while PostgreSQL
// is down); without a listener that event would end the process. Log one line per kind of error and 30 s.
const lastLogged = new Map<string, number>();
function logQueueError(e: unknown) {
	const message = e instanceof Error ? e.message : String(e);
	const now = Date.now();
	if (now - (lastLogged.get(message) ?? 0) < 30_000) return;
	lastLogged.set(message, now);
	console.error(`job queue error: ${message}`);
}

function start(): Promise<PgBoss> {
	boss ??= (async () => {
		// the options reach pg's Pool as they are: fail a connection attempt after 5 s instead of waiting forever
		const b = new PgBoss({
			connectionString: process.env.DATABASE_URL!,
			schema: 'pgboss',
			max: 4,
			connectionTimeoutMillis: 5_000,
			keepAlive: true
		} as PgBoss.ConstructorOptions);
		b.on('error', logQueueError);
		try {
			await b.start();
			for (const [name, handler] of handlers) {
				await b.createQueue(name);
				await b.work<Record<string, unknown>>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
					for (const job of jobs) await handler(job.data);
				});
			}
		} catch (e) {
			await b.stop({ graceful: false, wait: false }).catch(() => {});
			throw e;
		}
		return b;
	})();
	// a start that failed (PostgreSQL down when the server started or the first job was queued) is tried again later
	const started = boss;
	started.catch(() => {
		if (boss === started) boss = null;
	});
	return started;
}

/** Queues a job; the first call also starts this server's worker. */
export async function enqueue(name: string, data: Record<string, unknown>) {
	const b = await start();
	await b.createQueue(name);
	return b.send(name, data);
}

/** Starts this server's worker; while PostgreSQL cannot be reached it tries again every 10 s. */
export function startWorkers() {
	if (process.env.NODE_ENV === 'test' || !handlers.size) return;
	start().catch((e) => {
		logQueueError(e);
		setTimeout(startWorkers, 10_000).unref();
	});
}

/** Stops this server's worker (at shutdown): jobs in progress get up to 10 s to finish. */
export async function stopWorkers() {
	const b = await boss?.catch(() => null);
	boss = null;
	await b?.stop({ graceful: true, timeout: 10_000, wait: true }).catch((e) => logQueueError(e));
}
