// Issue 21, "Content": what a signed credential says beyond its name (type, badge image, evidence, CPD credits,
// alignments to CASE items), that it keeps to the OB 3.0 schema, that each alignment resolves on the CASE REST paths,
// and that a credential stored before this content is signed again once.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { db } from '../db';
import { getContent } from '../content';
import { ensureVersion } from '../learning/versions';
import { makeJurisdiction, makeOrg, makeUser } from '../../../../tests/helpers/db';
import { newVerificationCode } from './code';
import { checkCredential, closeVerifyPool, credentialFor, needsResign } from './credentials';
import { ACHIEVEMENT_TYPE, evidenceOf, lacksCurrentContent } from './credential-content';
import type { SignedAchievementCredential } from './badges';
import { GET as getItem } from '../../../routes/ims/case/v1p1/CFItems/[item=uuid]/+server';

const schema = JSON.parse(fs.readFileSync('tests/fixtures/ob3-achievementcredential.schema.json', 'utf8'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const BASE = 'https://credo.example.org';
const saved = process.env.PUBLIC_ISSUER_BASE;
beforeEach(() => {
	process.env.PUBLIC_ISSUER_BASE = BASE;
});
afterEach(() => {
	if (saved === undefined) delete process.env.PUBLIC_ISSUER_BASE;
	else process.env.PUBLIC_ISSUER_BASE = saved;
});
afterAll(() => closeVerifyPool());

const [modA, modB] = getContent().modules.filter((x) => !x.draft && x.credits > 0);

/** A certificate of a programme of two modules and an event, with the evidence issuance stores. */
async function certificate(opts: { modules?: boolean; title?: string } = {}) {
	const withModules = opts.modules ?? true;
	const j = await makeJurisdiction();
	const org = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const author = await makeUser();
	const [va, vb] = [await ensureVersion(modA), await ensureVersion(modB)];
	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: org.id,
			code: `P-${randomUUID().slice(0, 6)}`,
			title: opts.title ?? 'Case management',
			requiresEvent: true,
			minPracticumHours: 10,
			createdById: author.id,
			...(withModules && {
				modules: {
					create: [
						{ moduleId: modA.id, minScore: 70, position: 0 },
						{ moduleId: modB.id, minScore: 60, position: 1 }
					]
				}
			})
		}
	});
	const event = await db.trainingEvent.create({
		data: {
			programmeId: programme.id,
			jurisdictionId: j.id,
			title: 'Lakeside course, June',
			mode: 'IN_PERSON',
			startsOn: new Date('2026-06-08'),
			endsOn: new Date('2026-06-12'),
			sessionDays: [new Date('2026-06-08'), new Date('2026-06-12')],
			createdById: author.id
		}
	});
	const worker = await db.workerProfile.create({
		data: { jurisdictionId: j.id, givenName: 'Ama', familyName: `Mensah ${randomUUID().slice(0, 4)}` }
	});
	const evidence = {
		modules: withModules
			? [
					{ moduleId: modA.id, moduleVersionId: va.id, score: 85, completedAt: '2026-05-01T09:00:00.000Z' },
					{ moduleId: modB.id, moduleVersionId: vb.id, score: 64, completedAt: '2026-05-02T09:00:00.000Z' }
				]
			: [],
		eventId: event.id,
		practicumHours: 12.5,
		supervisionHours: null
	};
	const cert = await db.certificate.create({
		data: {
			jurisdictionId: j.id,
			programmeId: programme.id,
			workerId: worker.id,
			holderName: `Ama ${worker.familyName}`,
			sequence: 1,
			code: newVerificationCode(),
			issuedOn: new Date('2026-06-12'),
			competencies: ['JUS.DIVERSION', modA.competencies[0]],
			evidence
		}
	});
	return { cert, programme, org, versions: [va, vb] };
}

describe('the credential content', () => {
	it('carries type, badge image, evidence, CPD credits and CASE alignments, and validates against the OB 3.0 schema', async () => {
		const { cert, programme, org, versions } = await certificate();
		const vc = await credentialFor(cert.id);
		const ok = validate(vc);
		expect(validate.errors ?? []).toEqual([]);
		expect(ok).toBe(true);

		const a = vc.credentialSubject.achievement;
		expect(a.achievementType).toBe(ACHIEVEMENT_TYPE);
		expect(a.humanCode).toBe(programme.code);
		expect(a.image).toEqual({
			id: `${BASE}/issuers/${org.slug}/badges/${programme.id}.svg`,
			type: 'Image',
			caption: `Badge of “Case management”, awarded by ${org.name}`
		});
		// credits: available from the programme's modules, earned from the versions passed
		expect(a.creditsAvailable).toBe(Math.round((modA.credits + modB.credits) * 100) / 100);
		expect(vc.credentialSubject.creditsEarned).toBe(
			Math.round((Number(versions[0].credits) + Number(versions[1].credits)) * 100) / 100
		);
		expect(typeof vc.credentialSubject.creditsEarned).toBe('number');

		// evidence: each module with its score and the required minimum, the event, the practicum hours
		expect(vc.evidence?.map((e) => e.type)).toEqual([['Evidence'], ['Evidence'], ['Evidence'], ['Evidence']]);
		expect(vc.evidence?.map((e) => e.name)).toEqual([
			`Module passed: ${versions[0].title}`,
			`Module passed: ${versions[1].title}`,
			'Training event attended: Lakeside course, June',
			'Approved practicum hours'
		]);
		expect(vc.evidence?.[0].description).toContain('85%, at least 70% required');
		expect(vc.evidence?.[1].description).toContain('64%, at least 60% required');
		expect(vc.evidence?.[2].description).toContain('2026-06-08 to 2026-06-12');
		expect(vc.evidence?.[3].description).toBe('12.5 approved practicum hours, at least 10 required.');
		// nothing about the holder beyond what the credential already names
		expect(JSON.stringify(vc.evidence)).not.toContain(cert.holderName);
		expect(JSON.stringify(vc.evidence)).not.toContain('2026-05-01');

		// alignments to CASE items, with the framework's title
		const title = getContent().framework.info.title;
		expect(a.alignment).toHaveLength(2);
		for (const al of a.alignment!) {
			expect(al).toMatchObject({ type: ['Alignment'], targetType: 'CFItem', targetFramework: title });
			expect(al.targetUrl).toMatch(new RegExp(`^${BASE}/ims/case/v1p1/CFItems/[0-9a-f-]{36}$`));
		}
		expect(a.alignment!.map((x) => x.targetCode)).toEqual(cert.competencies);

		// and the signature holds over it all
		const check = await checkCredential(vc);
		expect(check.error).toBeUndefined();
		expect(check.verified).toBe(true);
	}, 30_000);

	it('has alignments that resolve: each targetUrl is the CFItems answer for the same competency', async () => {
		const { cert } = await certificate();
		const vc = await credentialFor(cert.id);
		for (const al of vc.credentialSubject.achievement.alignment!) {
			const url = new URL(al.targetUrl);
			const item = url.pathname.split('/').pop()!;
			const r = await getItem({ params: { item }, url } as unknown as Parameters<typeof getItem>[0]);
			expect(r.status).toBe(200);
			expect(r.headers.get('access-control-allow-origin')).toBe('*');
			const body = await r.json();
			expect(body.identifier).toBe(item);
			expect(body.uri).toBe(al.targetUrl);
			expect(body.humanCodingScheme).toBe(al.targetCode);
			expect(body.abbreviatedStatement).toBe(al.targetName);
		}
	});

	it('gives no CPD credits for a programme without modules, and still validates', async () => {
		const { cert } = await certificate({ modules: false });
		const vc = await credentialFor(cert.id);
		expect(validate(vc)).toBe(true);
		expect('creditsAvailable' in vc.credentialSubject.achievement).toBe(false);
		expect('creditsEarned' in vc.credentialSubject).toBe(false);
		expect(vc.evidence?.map((e) => e.genre)).toEqual(['Attendance', 'Hours']);
	});

	it('re-signs once a stored credential made before this content, then serves the stored one', async () => {
		const { cert } = await certificate();
		const fresh = await credentialFor(cert.id);
		expect(needsResign(fresh, fresh.issuer.id)).toBe(false);
		// as stored before issue 21's content: no type, no image, alignments without a framework
		const old = structuredClone(fresh) as unknown as Record<string, unknown> & SignedAchievementCredential;
		const a = old.credentialSubject.achievement as unknown as Record<string, unknown>;
		delete a.achievementType;
		delete a.image;
		old.credentialSubject.achievement.alignment = old.credentialSubject.achievement.alignment!.map(
			({ targetFramework: _, ...rest }) => rest
		);
		expect(lacksCurrentContent(old)).toBe(true);
		expect(needsResign(old, fresh.issuer.id)).toBe(true);
		await db.certificate.update({ where: { id: cert.id }, data: { credential: JSON.parse(JSON.stringify(old)) } });

		const again = await credentialFor(cert.id);
		expect(again.credentialSubject.achievement.achievementType).toBe(ACHIEVEMENT_TYPE);
		const stored = await db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
		expect(stored.credential).toEqual(JSON.parse(JSON.stringify(again)));
		// the next download serves what is stored: not signed a third time
		expect(await credentialFor(cert.id)).toEqual(stored.credential);
	}, 30_000);
});

describe('evidence from what a certificate stored', () => {
	const facts = {
		versions: new Map([['v1', { title: 'Module one', version: '1.2', credits: 1 }]]),
		event: null,
		rules: { minScore: new Map([['m1', 70]]), minPracticumHours: null, minSupervisionHours: 4 }
	};

	it('reads the stored snapshot and ignores anything else', () => {
		expect(evidenceOf(null, facts)).toEqual([]);
		expect(evidenceOf('text', facts)).toEqual([]);
		expect(evidenceOf({ modules: 'x', practicumHours: 'lots' }, facts)).toEqual([]);
		expect(
			evidenceOf(
				{ modules: [null, { moduleVersionId: 'v1', score: '90' }, { moduleVersionId: 'zz', score: 90 }] },
				facts
			)
		).toEqual([]);
		expect(
			evidenceOf({ modules: [{ moduleId: 'm1', moduleVersionId: 'v1', score: 90 }], supervisionHours: 5 }, facts)
		).toEqual([
			{
				name: 'Module passed: Module one',
				description: 'Assessment score 90%, at least 70% required (module version 1.2).',
				genre: 'Assessment'
			},
			{
				name: 'Confirmed supervision',
				description: '5 hours of confirmed supervision, at least 4 required.',
				genre: 'Hours'
			}
		]);
	});
});
