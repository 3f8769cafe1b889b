import type { RequestHandler } from './$types';
import { caseDocumentsAnswer } from '$lib/server/learning/case-http';

/** CASE 1.1: the framework documents Credo publishes (one), public and readable from any site. */
export const GET: RequestHandler = () => caseDocumentsAnswer();
