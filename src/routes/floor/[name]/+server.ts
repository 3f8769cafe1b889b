import { error } from '@sveltejs/kit';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from './$types';

// The benchmark's framework floor: the same bytes as a real page or API answer, served by a SvelteKit endpoint of
// the same build with no database work. Exists only when BENCH_FLOOR_DIR is set (npm run bench sets it); 404 otherwise.
const cache = new Map<string, Buffer>();

export const GET: RequestHandler = ({ params }) => {
	const dir = process.env.BENCH_FLOOR_DIR;
	if (!dir || !/^[a-z0-9-]+\.(html|json)$/.test(params.name)) error(404, 'Not found');
	let body = cache.get(params.name);
	if (!body) {
		const file = path.join(dir, params.name);
		if (!fs.existsSync(file)) error(404, 'Not found');
		body = fs.readFileSync(file);
		cache.set(params.name, body);
	}
	const type = params.name.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8';
	return new Response(new Uint8Array(body), { headers: { 'content-type': type } });
};
