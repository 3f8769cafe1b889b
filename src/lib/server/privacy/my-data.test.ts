// "Download my data": the export holds rows from every table for a person who has them, nothing of another person,
// no secrets and no file bytes; it costs a fixed number of queries; the PDF summary reads back as text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db, queries } from '../db';
import { personWithEverything } from '../../../../tests/helpers/person';
import { makeUser } from '../../../../tests/helpers/db';
import { day } from '../../../../tests/helpers/licensing';
import { exportJson, myData, myDataPdf } from './my-data';

const ORIGIN = 'http://credo.test';

describe('download my data', () => {
	it('holds rows from each table for a person who has them, and nothing of another person', async () => {
		const [a, b] = await Promise.all([personWithEverything(), personWithEverything()]);
		const data = (await myData(a.user.id, ORIGIN))!;
		const sections = [
			'roles',
			'licences',
			'licenceClaims',
			'cpdEntries',
			'evidenceFiles',
			'moduleAttempts',
			'moduleCompletions',
			'competencyEvidence',
			'certificates',
			'trainingEvents',
			'attendance',
			'practicumPlacements',
			'practicumHours',
			'practicumEvaluations',
			'supervisionSessionsAttended',
			'supervisionAssignments',
			'randomAudits',
			'notifications',
			'invitations',
			'signedInSessions',
			'privacyConsents',
			'auditEvents'
		] as const;
		for (const s of sections) expect((data[s] as unknown[]).length, s).toBeGreaterThan(0);
		expect(data.account).toMatchObject({ id: a.user.id, email: a.email, name: a.name });
		expect(data.workerProfile).toMatchObject({
			givenName: 'Zebedee',
			identifiers: [{ kind: 'NATIONAL_WORKER_ID', value: a.nationalId }]
		});
		expect(data.supervisorProfile).toMatchObject({ yearsExperience: 4 });
		expect(data.licences).toMatchObject([{ number: a.licence.number, cycles: [{ outcome: 'OPEN' }] }]);
		expect(data.cpdEntries).toMatchObject([{ id: a.entry.id, credits: 2, evidenceFileId: a.file.id }]);
		// file metadata with the address to fetch it, never the bytes
		expect(data.evidenceFiles).toEqual([
			expect.objectContaining({ id: a.file.id, size: a.file.size, download: `${ORIGIN}/evidence/${a.file.id}` })
		]);
		expect(data.evidenceFiles[0]).not.toHaveProperty('data');
		expect(data.certificates).toMatchObject([
			{ id: a.certificate.id, pdf: `${ORIGIN}/certificates/${a.certificate.id}/certificate.pdf` }
		]);
		expect(data.supervisionSessionsAttended).toMatchObject([{ minutes: 60, yourConfirmation: 'DISPUTED' }]);
		expect(data.auditEvents.map((e) => (e as { action: string }).action)).toEqual(
			expect.arrayContaining(['test.acted', 'test.about'])
		);

		const json = exportJson(data);
		JSON.parse(json);
		// nothing of the other person (their ids, name, email, identifiers, licence) and no secrets
		for (const other of [
			b.user.id,
			b.name,
			b.email,
			b.nationalId,
			b.licence.number,
			b.entry.id,
			b.certificate.id,
			b.placement.id,
			b.file.id
		])
			expect(json).not.toContain(other);
		expect(json).not.toContain(a.privateNotes); // the supervisor's private notes are theirs
		expect(json).not.toContain(a.user.passwordHash);
		expect(json).not.toMatch(/passwordHash|tokenHash|"data":\s*\{\s*"type":\s*"Buffer"/);
		expect(json).not.toContain(a.signIn.token);
		expect(json).not.toContain('_raw');
	});

	it('costs the same number of queries however many rows the person has', async () => {
		const a = await personWithEverything();
		queries.count = 0;
		await myData(a.user.id, ORIGIN);
		const first = queries.count;
		await db.cpdEntry.createMany({
			data: Array.from({ length: 40 }, (_, i) => ({
				userId: a.user.id,
				jurisdictionId: a.j.id,
				source: 'EXTERNAL' as const,
				activityType: 'in-person',
				status: 'PENDING' as const,
				title: `More ${i}`,
				activityDate: day('2026-04-01'),
				credits: 1,
				category: 'ethics'
			}))
		});
		await db.notification.createMany({
			data: Array.from({ length: 40 }, (_, i) => ({ userId: a.user.id, kind: 'test', title: `n${i}`, body: '' }))
		});
		queries.count = 0;
		const more = (await myData(a.user.id, ORIGIN))!;
		expect(more.cpdEntries.length).toBe(41);
		expect(queries.count).toBe(first);
		expect(first).toBeLessThanOrEqual(45); // 25 tables; nested selects (names of organisations, module versions) add a few
	});

	it('a person with nothing yet gets an export with empty sections; an unknown id gets null', async () => {
		const u = await makeUser();
		const data = (await myData(u.id, ORIGIN))!;
		expect(data.cpdEntries).toEqual([]);
		expect(data.workerProfile).toBeNull();
		expect(await myData('00000000-0000-4000-8000-00000000abcd', ORIGIN)).toBeNull();
		expect((await myDataPdf(data)).subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('the PDF summary is readable text with the person, their licence, activity and certificate', async () => {
		const a = await personWithEverything();
		const pdf = await myDataPdf((await myData(a.user.id, ORIGIN))!);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mydata-')), 'summary.pdf');
		fs.writeFileSync(file, pdf);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		for (const s of [
			'Your data in Credo',
			a.name,
			a.licence.number,
			`Workshop ${a.tag}`,
			`Programme ${a.tag}`,
			a.nationalId
		])
			expect(text).toContain(s);
		expect(text).not.toContain(a.privateNotes);
	});
});
