import type { RequestHandler } from './$types';
import { caseAnswer } from '$lib/server/learning/case-http';

/** CASE 1.1: one item of the framework (a track or a competency) by its identifier; 404 for an unknown one. */
export const GET: RequestHandler = ({ params }) => caseAnswer('CFItems', params.item);
