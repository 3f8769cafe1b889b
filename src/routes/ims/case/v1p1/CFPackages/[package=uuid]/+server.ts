import type { RequestHandler } from './$types';
import { caseAnswer } from '$lib/server/learning/case-http';

/** CASE 1.1: the whole framework package by its identifier; 404 for an unknown one. */
export const GET: RequestHandler = ({ params }) => caseAnswer('CFPackages', params.package);
