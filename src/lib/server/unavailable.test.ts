// Which errors mean "the database cannot be reached" (→ 503) and which are bugs or bad input (→ 500 / 4xx).
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { isDatabaseUnavailable } from './unavailable';

describe('isDatabaseUnavailable', () => {
	it('is true for a real refused connection', async () => {
		const c = new pg.Client({ connectionString: 'postgresql://x:y@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
		const e = await c.connect().then(
			() => null,
			(err: unknown) => err
		);
		expect(e).toBeTruthy();
		expect(isDatabaseUnavailable(e)).toBe(true);
	});

	it.each([
		[
			'Prisma: cannot reach the server',
			Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' })
		],
		[
			'Prisma: pool timeout',
			Object.assign(new Error('Timed out fetching a new connection from the connection pool'), { code: 'P2024' })
		],
		[
			'raw query wrapping the adapter error',
			Object.assign(new Error('Raw query failed.'), {
				code: 'P2010',
				meta: {
					driverAdapterError: Object.assign(new Error('DatabaseNotReachable'), {
						cause: { kind: 'DatabaseNotReachable' }
					})
				}
			})
		],
		['adapter: connection closed', Object.assign(new Error('x'), { cause: { kind: 'ConnectionClosed' } })],
		[
			'server shutting down (57P01)',
			Object.assign(new Error('terminating connection due to administrator command'), {
				code: '57P01',
				severity: 'FATAL'
			})
		],
		['server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
		[
			'adapter kind postgres with a connection SQLSTATE',
			Object.assign(new Error('x'), { cause: { kind: 'postgres', code: '08006' } })
		],
		['node-postgres: connection terminated', new Error('Connection terminated unexpectedly')],
		['node-postgres: connect timeout', new Error('timeout exceeded when trying to connect')],
		['socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
		[
			'deep in a cause chain',
			new Error('outer', {
				cause: new Error('middle', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) })
			})
		]
	])('is true for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(true));

	it.each([
		['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
		['a record not found', Object.assign(new Error('No record was found'), { code: 'P2025' })],
		['a syntax error in SQL', Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })],
		[
			'a read-only transaction on a standby',
			Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })
		],
		['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['not an error', 'Connection refused'],
		['null', null]
	])('is false for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(false));
});
