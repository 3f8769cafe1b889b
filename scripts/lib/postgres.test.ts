import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedPort, ensureEmbeddedPostgres, portFor, reuseRefusal } from './postgres.js';

describe('each checkout has its own embedded PostgreSQL ports', () => {
	it('derives the same ports for a checkout every time, start and test apart', () => {
		const start = derivedPort('pg', '/home/ana/credo');
		const test = derivedPort('pg-test', '/home/ana/credo');
		expect(derivedPort('pg', '/home/ana/credo')).toBe(start);
		expect(test).toBe(start + 1);
		expect(start % 2).toBe(0);
	});

	it('gives two checkouts on one machine different ports, all in 20000–29999 and never the shared 55432', () => {
		const ports = new Set<number>();
		for (let i = 0; i < 200; i++) {
			for (const name of ['pg', 'pg-test']) {
				const port = derivedPort(name, `/work/clone-${i}`);
				expect(port).toBeGreaterThanOrEqual(20000);
				expect(port).toBeLessThanOrEqual(29999);
				ports.add(port);
			}
		}
		// 400 ports from 10,000: a handful of birthday collisions at most, not one shared port for all
		expect(ports.size).toBeGreaterThan(380);
		expect(derivedPort('pg', '/work/main')).not.toBe(derivedPort('pg', '/tmp/d-clone'));
	});

	it('lets EMBEDDED_PG_PORT and TEST_PG_PORT override the derived port, and refuses a value that is not a port', () => {
		expect(portFor('pg', { EMBEDDED_PG_PORT: '54329' }, '/x')).toBe(54329);
		expect(portFor('pg-test', { TEST_PG_PORT: '54339' }, '/x')).toBe(54339);
		expect(portFor('pg-test', { EMBEDDED_PG_PORT: '54329' }, '/x')).toBe(derivedPort('pg-test', '/x'));
		expect(() => portFor('pg', { EMBEDDED_PG_PORT: 'abc' }, '/x')).toThrow('EMBEDDED_PG_PORT=abc is not a port');
		expect(() => portFor('pg', { EMBEDDED_PG_PORT: '70000' }, '/x')).toThrow('not a port');
	});
});

function freePort() {
	return new Promise<number>((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

describe('a server answering on the port is reused only when its data is this checkout’s', () => {
	it('reuses its own server and refuses another checkout’s, naming both folders and the variable to set', () => {
		expect(reuseRefusal({ name: 'pg', port: 20001, expectedDir: '/a/.data/pg', actualDir: '/a/.data/pg' })).toBeNull();
		const refusal = reuseRefusal({
			name: 'pg-test',
			port: 20001,
			expectedDir: '/b/.data/pg-test',
			actualDir: '/a/.data/pg-test'
		});
		expect(refusal).toContain('/a/.data/pg-test');
		expect(refusal).toContain('/b/.data/pg-test');
		expect(refusal).toContain('TEST_PG_PORT=');
	});

	const dirs: string[] = [];
	let stop = async () => {};
	afterAll(async () => {
		await stop();
		for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
	});

	it('refuses a second checkout on the first one’s port, touching nothing; a running cluster names its port', async () => {
		const port = await freePort();
		const first = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-first-'));
		const second = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-second-'));
		dirs.push(first, second);
		const a = await ensureEmbeddedPostgres({ name: 'pg', database: 'kept', port, checkout: first });
		stop = a.stop;
		await expect(ensureEmbeddedPostgres({ name: 'pg', database: 'other', port, checkout: second })).rejects.toThrow(
			`whose data is in ${path.join(first, '.data', 'pg')}, not this checkout's ${path.join(second, '.data', 'pg')}`
		);
		expect(fs.existsSync(path.join(second, '.data'))).toBe(false);
		const client = new pg.Client({ connectionString: a.adminUrl('postgres') });
		await client.connect();
		const { rows } = await client.query('select datname from pg_database where datname in ($1, $2)', ['kept', 'other']);
		await client.end();
		expect(rows.map((r) => r.datname)).toEqual(['kept']);
		// the first checkout, asked for another port while its server runs, names the port it runs on
		await expect(
			ensureEmbeddedPostgres({ name: 'pg', database: 'kept', port: await freePort(), checkout: first })
		).rejects.toThrow(`already running on port ${port}`);
		// the first checkout still reuses its own running server
		const again = await ensureEmbeddedPostgres({ name: 'pg', database: 'kept', port, checkout: first });
		expect(again.url).toBe(a.url);
	}, 120_000);
});
