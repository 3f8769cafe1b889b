// The health probe's one question to the database (routes never query it themselves).
import { db } from './db';

/** Whether the database answers a trivial query; any failure (down, refused, timed out) is "no". */
export async function databaseUp(): Promise<boolean> {
	try {
		await db.$queryRaw`select 1`;
		return true;
	} catch {
		return false;
	}
}
