import type { RequestHandler } from './$types';
import { caseAnswer } from '$lib/server/learning/case-http';

/** CASE 1.1: one association of the framework (an item's parent) by its identifier; 404 for an unknown one. */
export const GET: RequestHandler = ({ params }) => caseAnswer('CFAssociations', params.association);
