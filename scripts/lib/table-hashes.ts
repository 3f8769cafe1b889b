// Per table of a schema: the row count and an md5 of its rows in a deterministic order, so two databases (a backup
// and its restore, a primary and its replica) can be compared table by table. Each row is hashed as its text form
// (`t::text`, which covers every column); the row hashes are concatenated in primary-key order (an index scan, and
// 32 bytes a row, so a table of millions of rows stays far below PostgreSQL's 1 GB string limit); a table without a
// primary key is ordered by the row hashes themselves.
import pg from 'pg';

export interface TableHash {
	table: string;
	rows: number;
	md5: string;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Tables of `schema` (default public) by name, each with its row count and content hash. `concurrency` tables are
 *  hashed at once (each on its own connection). */
export async function tableHashes(
	url: string,
	{ schema = 'public', concurrency = 2 }: { schema?: string; concurrency?: number } = {}
): Promise<TableHash[]> {
	const pool = new pg.Pool({ connectionString: url, max: concurrency });
	pool.on('error', () => {}); // an idle connection dropped by the server: the next query fails instead
	try {
		const { rows: tables } = await pool.query<{ table: string; pk: string[] | null }>(
			`select c.relname as table,
				(select array_agg(a.attname::text order by k.ord) from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
					join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
					where i.indrelid = c.oid and i.indisprimary) as pk
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition
			order by c.relname collate "C"`,
			[schema]
		);
		const out: TableHash[] = new Array(tables.length);
		let next = 0;
		const worker = async () => {
			const c = await pool.connect();
			try {
				// the text form of dates and times depends on these; fix them so two servers agree
				await c.query(
					`set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'; set extra_float_digits = 1; set bytea_output = 'hex'`
				);
				for (let i = next++; i < tables.length; i = next++) {
					const { table, pk } = tables[i];
					const order = pk?.length ? pk.map((col) => `t.${ident(col)}`).join(', ') : 'md5(t::text)';
					const { rows } = await c.query<{ rows: string; md5: string }>(
						`select count(*)::text as rows, md5(coalesce(string_agg(md5(t::text), '' order by ${order}), '')) as md5 from ${ident(schema)}.${ident(table)} t`
					);
					out[i] = { table, rows: Number(rows[0].rows), md5: rows[0].md5 };
				}
			} finally {
				c.release();
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
		return out;
	} finally {
		await pool.end();
	}
}

/** The tables whose count or hash differ (or that exist on one side only), for a readable failure message. */
export function compareHashes(a: TableHash[], b: TableHash[]): string[] {
	const bm = new Map(b.map((t) => [t.table, t]));
	const am = new Map(a.map((t) => [t.table, t]));
	const out: string[] = [];
	for (const t of a) {
		const o = bm.get(t.table);
		if (!o) out.push(`${t.table}: only in the first database`);
		else if (o.rows !== t.rows) out.push(`${t.table}: ${t.rows} rows vs ${o.rows}`);
		else if (o.md5 !== t.md5) out.push(`${t.table}: same ${t.rows} rows, different contents`);
	}
	for (const t of b) if (!am.has(t.table)) out.push(`${t.table}: only in the second database`);
	return out;
}
