// Issue 15, items 2, 7 and 14: the issuer base (PUBLIC_ISSUER_BASE) independent of ORIGIN, the refusal to sign for a
// loopback base, the verify endpoint's limits (size, shape, rate, worker thread with a time limit) and proof sets.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { credentialProvider } from '../../../../tests/helpers/credentials';
import {
	CREDENTIAL_VERIFY_LIMIT,
	checkCredential,
	closeVerifyPool,
	credentialFor,
	throttleCredentialCheck
} from './credentials';
import { credentialShapeProblem } from './badges';
import { isLoopbackBase } from './origin';
import { throttle } from './verification';
import { POST } from '../../../routes/api/v1/credentials/verify/+server';

const saved = { ...process.env };
afterEach(() => {
	for (const k of ['ORIGIN', 'PUBLIC_ISSUER_BASE', 'NODE_ENV']) {
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
	}
});
afterAll(() => closeVerifyPool());

const provider = credentialProvider;

let ip = 0;
/** POST /api/v1/credentials/verify as the route answers it, from a fresh client address unless given one. */
async function postVerify(body: string, address = `198.51.100.${++ip % 250}-${randomUUID()}`) {
	const request = new Request('http://credo.test/api/v1/credentials/verify', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body
	});
	const event = { request, getClientAddress: () => address } as unknown as Parameters<typeof POST>[0];
	const r = await POST(event);
	return { status: r.status, body: await r.json() };
}

describe('the issuer base (item 2)', () => {
	it('signs under one ORIGIN, then another: issuer and key ids come from PUBLIC_ISSUER_BASE and both credentials verify at the endpoint', async () => {
		process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
		process.env.ORIGIN = 'https://first.example.net';
		const p = await provider();
		const before = await credentialFor((await p.certificate()).id);
		expect(before.issuer.id).toBe(`did:web:credo.example.org:issuers:${p.org.slug}`); // the DID under the base (issue 21)
		expect(before.proof[0].verificationMethod).toBe(`${before.issuer.id}#key-1`); // relative to the issuer

		process.env.ORIGIN = 'http://10.1.2.3:8080'; // Credo moves; the issuer base stays
		const after = await credentialFor((await p.certificate()).id);
		expect(after.issuer.id).toBe(before.issuer.id);
		expect(after.proof[0].verificationMethod).toBe(before.proof[0].verificationMethod);
		for (const credential of [before, after]) {
			expect(await checkCredential(credential)).toMatchObject({ verified: true, status: 'valid' });
			const r = await postVerify(JSON.stringify(credential));
			expect(r).toMatchObject({ status: 200, body: { verified: true, status: 'valid' } });
		}
	});

	it('a key made under another address (before PUBLIC_ISSUER_BASE) signs as <issuer>#key-1 and verifies', async () => {
		process.env.ORIGIN = 'http://localhost:3000';
		process.env.PUBLIC_ISSUER_BASE = 'http://localhost:3000';
		const p = await provider();
		await credentialFor((await p.certificate()).id); // the key, made under localhost (tests may sign there)
		const key = await db.issuerKey.findFirstOrThrow({ where: { organisationId: p.org.id } });
		expect(key.keyId).toContain('#key-1');
		process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
		const c = await credentialFor((await p.certificate()).id);
		expect(c.proof[0].verificationMethod).toBe(`did:web:credo.example.org:issuers:${p.org.slug}#key-1`);
		expect(await checkCredential(c)).toMatchObject({ verified: true, status: 'valid' });
	});

	it('outside development and tests, Credo refuses to sign while the base is a loopback address, with a message and nothing stored', async () => {
		const p = await provider();
		const c = await p.certificate();
		process.env.NODE_ENV = 'production';
		for (const base of ['http://localhost:3000', 'http://127.0.0.1:4173', 'http://[::1]:3000']) {
			process.env.PUBLIC_ISSUER_BASE = base;
			await expect(credentialFor(c.id)).rejects.toMatchObject({
				status: 409,
				message: expect.stringContaining('PUBLIC_ISSUER_BASE')
			});
		}
		delete process.env.PUBLIC_ISSUER_BASE;
		process.env.ORIGIN = 'http://localhost:3000'; // the base defaults to ORIGIN: the same refusal
		await expect(credentialFor(c.id)).rejects.toMatchObject({ status: 409 });
		expect((await db.certificate.findUniqueOrThrow({ where: { id: c.id } })).credential).toBeNull();
		process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
		expect((await credentialFor(c.id)).issuer.id).toMatch(/^did:web:credo\.example\.org:issuers:/);
		process.env.NODE_ENV = 'development'; // a developer's machine may sign on localhost
		process.env.PUBLIC_ISSUER_BASE = 'http://localhost:5173';
		await expect(credentialFor((await p.certificate()).id)).resolves.toMatchObject({ type: expect.any(Array) });
	});

	it('tells loopback addresses from public ones', () => {
		for (const b of [
			'http://localhost:3000',
			'http://app.localhost',
			'http://127.0.0.1',
			'http://127.9.9.9:1',
			'http://[::1]:3000',
			'http://0.0.0.0:3000',
			'not a url'
		])
			expect(isLoopbackBase(b), b).toBe(true);
		for (const b of [
			'https://credo.example.org',
			'http://10.1.2.3:8080',
			'https://localhost.example.org',
			'https://[2001:db8::1]'
		])
			expect(isLoopbackBase(b), b).toBe(false);
	});
});

describe('proof sets (item 14)', () => {
	it('a credential with a valid proof and a garbage second proof is rejected; a set verifies only if every proof does', async () => {
		process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
		const p = await provider();
		const good = await credentialFor((await p.certificate()).id);
		expect(await checkCredential(good)).toMatchObject({ verified: true });
		const garbage = {
			...good.proof[0],
			proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKwpRdLmPjLBpS1Dabc'
		};
		const otherType = {
			type: 'Ed25519Signature2020',
			proofPurpose: 'assertionMethod',
			verificationMethod: good.proof[0].verificationMethod,
			proofValue: 'zabc'
		};
		for (const second of [garbage, otherType, 'garbage', { hello: 'world' }]) {
			const set = { ...good, proof: [good.proof[0], second] };
			expect(await checkCredential(set), JSON.stringify(second).slice(0, 60)).toMatchObject({ verified: false });
			expect((await postVerify(JSON.stringify(set))).body).toMatchObject({ verified: false });
		}
		// the valid proof alone, as an object or twice over, still verifies
		expect(await checkCredential({ ...good, proof: good.proof[0] })).toMatchObject({ verified: true });
		expect(await checkCredential({ ...good, proof: [good.proof[0], good.proof[0]] })).toMatchObject({ verified: true });
	});
});

describe('the verify endpoint under attack (item 7)', () => {
	it('refuses a body over 32 KB before parsing it, and a shape outside the limits before any JSON-LD work', async () => {
		const big = JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], pad: 'x'.repeat(40_000) });
		expect(await postVerify(big)).toMatchObject({ status: 413 });
		expect(await postVerify(`{${'x'.repeat(33 * 1024)}`)).toMatchObject({ status: 413 }); // not JSON: never parsed
		let deep: unknown = 'x';
		for (let i = 0; i < 50; i++) deep = { a: deep };
		const ctx = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
		const cases: [unknown, RegExp][] = [
			[{ '@context': ctx, deep }, /deep/],
			[{ '@context': ctx, list: Array.from({ length: 1000 }, (_, i) => i) }, /array/],
			[{ '@context': ctx, name: 'x'.repeat(9000) }, /string/],
			[{ '@context': [...ctx, { '@vocab': 'https://evil.example/' }] }, /context/],
			[{ '@context': ctx, credentialSubject: { '@graph': [] } }, /keyword/],
			[{ '@context': ctx, proof: [{}, {}, {}] }, /proofs/],
			[{ '@context': ctx, a: Array.from({ length: 100 }, () => Array.from({ length: 5 }, () => ({}))) }, /too many/]
		];
		for (const [value, problem] of cases) {
			expect(credentialShapeProblem(value)).toMatch(problem);
			const t = performance.now();
			const r = await postVerify(JSON.stringify(value));
			expect(r).toMatchObject({ status: 200, body: { verified: false, error: expect.stringMatching(problem) } });
			expect(performance.now() - t).toBeLessThan(500);
		}
	});

	it('the committed costliest credential passes the shape check and is rejected within the time limit, off the request thread', async () => {
		process.env.PUBLIC_ISSUER_BASE = 'https://credo.example.org';
		const fixture = JSON.parse(fs.readFileSync('tests/fixtures/costly-credential.json', 'utf8'));
		expect(Buffer.byteLength(JSON.stringify(fixture))).toBeLessThanOrEqual(32 * 1024);
		expect(credentialShapeProblem(fixture)).toBeNull();
		// its proof names a key of a real Credo issuer, so the whole verification runs
		const p = await provider();
		const good = await credentialFor((await p.certificate()).id);
		const costly = {
			...fixture,
			issuer: { ...fixture.issuer, id: good.issuer.id },
			proof: [{ ...fixture.proof[0], verificationMethod: good.proof[0].verificationMethod }]
		};
		await checkCredential(good); // the worker is up
		let gap = 0;
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			gap = Math.max(gap, now - last);
			last = now;
		}, 5);
		const t = performance.now();
		const result = await checkCredential(costly, { timeoutMs: 30_000 }); // a busy test machine is slow
		const took = performance.now() - t;
		clearInterval(timer);
		expect(result).toMatchObject({ verified: false });
		console.log(
			`costly credential: ${took.toFixed(0)} ms to reject; the request thread's longest pause ${gap.toFixed(0)} ms`
		);
		expect(gap).toBeLessThan(Math.max(100, took / 3)); // the JSON-LD work ran elsewhere
		// and a time limit stops it
		expect(await checkCredential(costly, { timeoutMs: 1 })).toMatchObject({
			verified: false,
			error: expect.stringContaining('longer than 1 ms')
		});
		expect(await checkCredential(good)).toMatchObject({ verified: true }); // the pool carries on after a stopped task
	});

	it('allows fewer credential POSTs per client than look-ups by code', async () => {
		const address = `203.0.113.7-${randomUUID()}`;
		expect(CREDENTIAL_VERIFY_LIMIT.limit).toBeLessThan(Number(process.env.VERIFY_RATE_LIMIT ?? 120));
		const now = new Date();
		// counted as the look-ups are: the limit-th within the window is the first refused
		for (let i = 0; i < CREDENTIAL_VERIFY_LIMIT.limit - 1; i++)
			expect(await throttleCredentialCheck(address, now)).toBe(0);
		expect(await throttleCredentialCheck(address, now)).toBeGreaterThan(0);
		const r = await postVerify('{}', address);
		expect(r).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
		expect(await throttle(address, now)).toBe(0); // look-ups by code from the same client still go ahead
	});
});
