// Issue 21, "CASE per item": the framework on the CASE 1.1 REST paths. Every `uri` of the package is the address of
// its object on these paths, and resolves there to the same identifier; unknown identifiers are 404; all of it public.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { getContent } from '../content';
import { CASE_DOCUMENT_ID, caseId, competencyItemUri } from './case';
import { GET as listDocuments } from '../../../routes/ims/case/v1p1/CFDocuments/+server';
import { GET as getDocument } from '../../../routes/ims/case/v1p1/CFDocuments/[document=uuid]/+server';
import { GET as getPackage } from '../../../routes/ims/case/v1p1/CFPackages/[package=uuid]/+server';
import { GET as getItem } from '../../../routes/ims/case/v1p1/CFItems/[item=uuid]/+server';
import { GET as getAssociation } from '../../../routes/ims/case/v1p1/CFAssociations/[association=uuid]/+server';
import { GET as caseJson } from '../../../routes/(public)/framework/case.json/+server';

const BASE = 'https://credo.example.org';
const saved = process.env.PUBLIC_ISSUER_BASE;
beforeEach(() => {
	process.env.PUBLIC_ISSUER_BASE = BASE;
});
afterEach(() => {
	if (saved === undefined) delete process.env.PUBLIC_ISSUER_BASE;
	else process.env.PUBLIC_ISSUER_BASE = saved;
});

type Handler = (event: never) => Response | Promise<Response>;
const PREFIX = `${BASE}/ims/case/v1p1/`;
const handlers: Record<string, [Handler, string]> = {
	CFDocuments: [getDocument as Handler, 'document'],
	CFPackages: [getPackage as Handler, 'package'],
	CFItems: [getItem as Handler, 'item'],
	CFAssociations: [getAssociation as Handler, 'association']
};

/** GET a CASE address through its route handler, as SvelteKit would call it. */
async function fetchCase(uri: string) {
	expect(uri.startsWith(PREFIX), uri).toBe(true);
	const [collection, id] = uri.slice(PREFIX.length).split('/');
	const [handler, param] = handlers[collection];
	const r = await handler({ params: { [param]: id }, url: new URL(uri) } as never);
	return { status: r.status, headers: r.headers, body: await r.json() };
}

const schema = JSON.parse(fs.readFileSync('tests/fixtures/case-1.1-cfpackage.schema.json', 'utf8'));

describe('the CASE 1.1 REST paths', () => {
	it('list the framework document, which names its package; the package validates against the CASE 1.1 schema', async () => {
		const r = await listDocuments({} as never);
		expect(r.status).toBe(200);
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('content-type')).toBe('application/json');
		const { CFDocuments } = await r.json();
		expect(CFDocuments.map((d: { identifier: string }) => d.identifier)).toEqual([CASE_DOCUMENT_ID]);
		expect(CFDocuments[0].uri).toBe(`${PREFIX}CFDocuments/${CASE_DOCUMENT_ID}`);
		const pkg = await fetchCase(CFDocuments[0].CFPackageURI.uri);
		expect(pkg.status).toBe(200);
		const ajv = new Ajv2019({ strict: false, allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		const ok = validate(pkg.body);
		expect(validate.errors ?? []).toEqual([]);
		expect(ok).toBe(true);
		expect(pkg.body.CFDocument.identifier).toBe(CASE_DOCUMENT_ID);
	});

	it('resolve every uri of the package to the object with the same identifier', async () => {
		const { body: pkg } = await fetchCase(`${PREFIX}CFPackages/${CASE_DOCUMENT_ID}`);
		const doc = await fetchCase(pkg.CFDocument.uri);
		expect(doc.body.identifier).toBe(pkg.CFDocument.identifier);
		for (const item of pkg.CFItems) {
			const r = await fetchCase(item.uri);
			expect(r.status).toBe(200);
			expect(r.headers.get('access-control-allow-origin')).toBe('*');
			// outside the package, an item names its document (CASE 1.1 CFItem)
			expect(r.body).toEqual({
				...item,
				CFDocumentURI: { title: doc.body.title, identifier: doc.body.identifier, uri: doc.body.uri }
			});
		}
		for (const a of pkg.CFAssociations) {
			const r = await fetchCase(a.uri);
			expect(r.body.identifier).toBe(a.identifier);
			for (const end of [a.originNodeURI, a.destinationNodeURI])
				expect((await fetchCase(end.uri)).body.identifier).toBe(end.identifier);
		}
	});

	it('give a competency its CFItem address, by its framework id', async () => {
		const uri = competencyItemUri(BASE, 'JUS.DIVERSION');
		expect(uri).toBe(`${PREFIX}CFItems/${caseId('competency', 'JUS.DIVERSION')}`);
		const r = await fetchCase(uri);
		expect(r.body.humanCodingScheme).toBe('JUS.DIVERSION');
		expect(r.body.CFItemType).toBe('Competency');
	});

	it('answer 404 with CASE status information for an unknown identifier, in each collection', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		for (const collection of Object.keys(handlers)) {
			const r = await fetchCase(`${PREFIX}${collection}/${unknown}`);
			expect(r.status, collection).toBe(404);
			expect(r.headers.get('access-control-allow-origin')).toBe('*');
			expect(r.body.imsx_codeMajor).toBe('failure');
			expect(r.body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unknownobject');
		}
		// an item's id is not a document's
		const item = caseId('competency', 'JUS.DIVERSION');
		expect((await fetchCase(`${PREFIX}CFDocuments/${item}`)).status).toBe(404);
	});

	it('serve the same package at /framework/case.json, as a download', async () => {
		const r = await caseJson({} as never);
		expect(r.headers.get('content-disposition')).toContain('credo-framework-case.json');
		const { body } = await fetchCase(`${PREFIX}CFPackages/${CASE_DOCUMENT_ID}`);
		expect(await r.json()).toEqual(body);
		expect(body.CFItems.length).toBe(getContent().framework.tracks.length + getContent().framework.competencies.length);
	});
});
