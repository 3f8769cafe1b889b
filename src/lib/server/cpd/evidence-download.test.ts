// Issue 15 item 11: evidence named in any script downloads (RFC 6266: an ASCII fallback and filename*=UTF-8''…), and
// a reviewer's view is audited only once the file has actually been served.
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { db } from '../db';
import { addActivity } from './ledger';
import { licensedWorker } from '../../../../tests/helpers/licensing';
import { contentDisposition } from '../content-disposition';
import { GET } from '../../../routes/evidence/[file=uuid]/+server';
import { knownDay } from '$lib/calendar-day';

// the smallest PNG: signature, IHDR, IDAT, IEND
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
	'hex'
);

function download(user: unknown, fileId: string) {
	const url = new URL(`http://127.0.0.1/evidence/${fileId}`);
	return GET({
		url,
		params: { file: fileId },
		locals: { user },
		getClientAddress: () => '10.7.7.7'
	} as unknown as RequestEvent<{ file: string }, '/evidence/[file=uuid]'>);
}

const views = (fileId: string) => db.auditEvent.count({ where: { action: 'evidence.viewed', subjectId: fileId } });

describe('Content-Disposition (RFC 6266)', () => {
	it('gives an ASCII fallback and the UTF-8 name percent-encoded', () => {
		expect(contentDisposition('сертификат.png')).toBe(
			`attachment; filename="__________.png"; filename*=UTF-8''%D1%81%D0%B5%D1%80%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%82.png`
		);
		expect(contentDisposition('report 2026.pdf')).toBe(`attachment; filename="report 2026.pdf"`);
		expect(contentDisposition(`a"b\\c;d'e(1).pdf`)).toBe(
			`attachment; filename="a_b_c;d'e(1).pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%27e%281%29.pdf`
		);
		expect(contentDisposition('Amélie\r\nX-Evil: 1.pdf')).toBe(
			`attachment; filename="Am_lie__X-Evil: 1.pdf"; filename*=UTF-8''Am%C3%A9lie%0D%0AX-Evil%3A%201.pdf`
		);
		expect(contentDisposition('')).toBe('attachment; filename="download"');
	});
});

describe('GET /evidence/[file]', () => {
	it('serves a file named сертификат.png, and logs the view only once the file has gone out', async () => {
		const a = await licensedWorker();
		const entry = await addActivity(
			a.learner,
			{
				title: 'Workshop',
				providerName: 'Somewhere',
				activityDate: knownDay('2026-03-03'),
				credits: 2,
				category: 'ethics',
				activityType: 'in-person',
				hours: null,
				providerOrgId: a.provider.id
			},
			new File([PNG], 'сертификат.png')
		);
		const fileId = entry.evidenceFileId!;
		const res = await download(a.providerAdmin, fileId);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('content-disposition')).toBe(contentDisposition('сертификат.png'));
		expect(await views(fileId)).toBe(0); // not yet: nothing has been sent
		expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
		expect(await views(fileId)).toBe(1);

		// a download abandoned before the bytes were taken is not a view
		const abandoned = await download(a.providerAdmin, fileId);
		await abandoned.body!.cancel();
		expect(await views(fileId)).toBe(1);

		// the owner's own downloads are never logged
		await (await download(a.learner, fileId)).arrayBuffer();
		expect(await views(fileId)).toBe(1);
	});
});
