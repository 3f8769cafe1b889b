import { describe, expect, it } from 'vitest';
import { readWorkforceUpload, startWorkforceImport, workforceUploadPage } from './workforce-import';
import { DomainError } from '../errors';
import { makeJurisdiction, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

const upload = (jurisdiction: string | null, file: File | null) => {
	const f = new FormData();
	if (jurisdiction !== null) f.append('jurisdiction', jurisdiction);
	if (file) f.append('file', file);
	return f;
};
const csv = (bytes: number) => new File(['x'.repeat(bytes)], 'workers.csv', { type: 'text/csv' });

describe('the workforce upload form', () => {
	it('refuses a missing jurisdiction and a missing file together, each beside its field', () => {
		let e: unknown;
		try {
			readWorkforceUpload(upload('', null));
		} catch (x) {
			e = x;
		}
		expect(e).toBeInstanceOf(DomainError);
		expect(Object.keys((e as DomainError).fields).sort()).toEqual(['file', 'jurisdiction']);
	});

	it('refuses a file over 5 MB and takes one within it', () => {
		expect(() => readWorkforceUpload(upload('KE', csv(5 * 1024 * 1024 + 1)))).toThrow(DomainError);
		expect(readWorkforceUpload(upload('KE', csv(10))).jurisdiction).toBe('KE');
	});

	it('the page lists the jurisdictions and the latest imports first', async () => {
		const j = await makeJurisdiction();
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const id = await startWorkforceImport(admin, j.code, 'national_worker_id,given_name\n');
		const page = await workforceUploadPage();
		expect(page.jurisdictions.map((x) => x.code)).toContain(j.code);
		expect(page.recent[0].id).toBe(id);
		expect(page.recent.length).toBeLessThanOrEqual(5);
	});
});
