import type { RequestHandler } from './$types';
import { caseAnswer } from '$lib/server/learning/case-http';

/** CASE 1.1: the framework document by its identifier; 404 for an unknown one. */
export const GET: RequestHandler = ({ params }) => caseAnswer('CFDocuments', params.document);
