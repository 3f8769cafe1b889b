// Is this error "the database cannot be reached right now" (down, restarting, refusing connections, the connection
// dropped mid-request) rather than a bug? Those become 503 with Retry-After; the app recovers by itself when the
// database is back because the pools open new connections on the next request.
//
// Errors arrive in several shapes: a Prisma error with a P1xxx code, a DriverAdapterError whose cause has a `kind`
// (DatabaseNotReachable, ConnectionClosed …), a raw pg/socket error (ECONNREFUSED, SQLSTATE 57P01 …) or a plain Error
// from node-postgres ("Connection terminated unexpectedly", "timeout exceeded when trying to connect"). The chain of
// `cause`s is followed.

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const PRISMA_CODES = new Set([
	'P1001', // can't reach database server
	'P1002', // database server timed out
	'P1008', // operations timed out
	'P1017', // server has closed the connection
	'P2024' // timed out fetching a new connection from the pool
]);
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN'
]);
// SQLSTATE: class 08 connection exceptions, operator intervention (shutdown, crash, cannot connect now), too many
// connections, and a read-only transaction on a standby promoted/demoted underneath us is NOT here (that is a bug).
const SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const MESSAGES = [
	/connection terminated/i,
	/timeout exceeded when trying to connect/i,
	/connection (?:refused|reset)/i,
	/ECONNREFUSED|ECONNRESET/,
	/can't reach database server/i,
	/server has closed the connection/i,
	/the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)/i,
	/terminating connection due to administrator command/i,
	/client has encountered a connection error and is not queryable/i,
	/cannot use a pool after calling end/i
];

function* chain(e: unknown, depth = 0): Generator<Record<string, unknown>> {
	if (!e || typeof e !== 'object' || depth > 6) return;
	const o = e as Record<string, unknown>;
	yield o;
	yield* chain(o.cause, depth + 1);
	// Prisma keeps the adapter's error in meta.driverAdapterError (with its own cause)
	const meta = o.meta as Record<string, unknown> | undefined;
	if (meta && typeof meta === 'object') yield* chain(meta.driverAdapterError, depth + 1);
	if (Array.isArray(o.errors)) for (const inner of o.errors) yield* chain(inner, depth + 1); // AggregateError
}

export function isDatabaseUnavailable(e: unknown): boolean {
	for (const o of chain(e)) {
		const code = typeof o.code === 'string' ? o.code : '';
		if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
		if (typeof o.kind === 'string' && ADAPTER_KINDS.has(o.kind)) return true;
		if (typeof o.originalCode === 'string' && SQLSTATE.test(o.originalCode)) return true;
		const message = typeof o.message === 'string' ? o.message : '';
		if (MESSAGES.some((re) => re.test(message))) return true;
	}
	return false;
}
