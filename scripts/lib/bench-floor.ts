// What the import benches share: the node flags `npm start` gives the server (package.json "start"; keep the two
// alike), and the floor they are measured against — PostgreSQL's COPY of the same CSV file into a scratch table.
import fs from 'node:fs';

// the heap flags `npm start` gives the server (package.json): the benches run it the same way
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'];

interface Raw {
	$executeRawUnsafe(sql: string): Promise<unknown>;
}

/**
 * COPY of `file` (readable by the database server) into an unlogged table `table` with one text column per header
 * column; answers the milliseconds the COPY took. The table stays for the caller to use and drop.
 */
export async function copyFloor(db: Raw, file: string, table: string): Promise<number> {
	const header = fs.readFileSync(file, 'utf8').slice(0, 4096).split('\n')[0];
	await db.$executeRawUnsafe(`drop table if exists ${table}`);
	await db.$executeRawUnsafe(
		`create unlogged table ${table} (${header
			.split(',')
			.map((c) => `${c} text`)
			.join(', ')})`
	);
	const t = performance.now();
	await db.$executeRawUnsafe(`copy ${table} from '${file}' with (format csv, header true)`);
	return performance.now() - t;
}
