// Background jobs on the same PostgreSQL (pg-boss 10, the last major that runs on Node 20). Each app server starts a
// worker; a job runs once whichever server picks it up. Handlers live with their domain and register here.
// Scheduled work (the sweeper) is a pg-boss schedule, not a timer in each server: pg-boss's cron monitor, whichever
// server runs it, queues one job per period for the whole cluster (a singleton per name and minute), and one server's
// worker runs it. With several servers a timer in each ran the work once per server.
import PgBoss from 'pg-boss';

type Handler = (data: Record<string, unknown>) => Promise<void>;
const handlers = new Map<string, Handler>();
const schedules = new Map<string, { cron: string; tz: string }>();
let boss: Promise<PgBoss> | null = null;

export function registerJob(name: string, handler: Handler) {
	handlers.set(name, handler);
}

/**
 * Runs `handler` once per cluster at each time `cron` names (pg-boss cron syntax, minute granularity; `tz` the zone
 * the times are read in). A run that fails is logged and not retried: the next period runs it again. The queue is
 * 'stately': while one run is still going, at most one more waits, so slow runs never pile up.
 */
export function registerSchedule(name: string, cron: string, handler: () => Promise<unknown>, tz = 'UTC') {
	schedules.set(name, { cron, tz });
	handlers.set(name, async () => {
		await handler().catch((e) => {
			console.error(`scheduled job ${name} failed`, e);
			throw e;
		});
	});
}

// Servers starting together create the same queues at the same time, and pg-boss's createQueue can then deadlock
// (found by queue.test.ts); PostgreSQL cancels one of them, whose retry finds the queue made.
async function createQueue(b: PgBoss, name: string, options?: PgBoss.Queue) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await b.createQueue(name, options);
		} catch (e) {
			if (attempt >= 5 || (e as { code?: string }).code !== '40P01') throw e;
		}
	}
}

/** Creates the queues this server works on, its schedules and its workers (every server does the same). */
export async function setUp(b: PgBoss) {
	for (const [name, handler] of handlers) {
		const schedule = schedules.get(name);
		await createQueue(b, name, schedule ? { name, policy: 'stately', retryLimit: 0 } : undefined);
		if (schedule) await b.schedule(name, schedule.cron, {}, { tz: schedule.tz, retryLimit: 0 });
		await b.work<Record<string, unknown>>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
			for (const job of jobs) await handler(job.data);
		});
	}
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
			await setUp(b);
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
	await createQueue(b, name);
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
