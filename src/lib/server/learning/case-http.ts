// The answers of the CASE 1.1 REST paths (/ims/case/v1p1/…): public JSON any site may read (CORS *), with the
// addresses under the issuer base, the same base the alignments of signed credentials name.
import { json } from '@sveltejs/kit';
import { getContent } from '../content';
import { issuerBase } from '../certificates/origin';
import { caseDocuments, caseNotFound, caseObject } from './case';

const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' };

/** GET CFDocuments. */
export const caseDocumentsAnswer = () => json(caseDocuments(getContent().framework, issuerBase()), { headers });

/** GET <collection>/{identifier}: the object, or 404 with CASE's status information. */
export function caseAnswer(collection: Parameters<typeof caseObject>[2], identifier: string): Response {
	const found = caseObject(getContent().framework, issuerBase(), collection, identifier);
	return found ? json(found, { headers }) : json(caseNotFound(identifier), { status: 404, headers });
}
