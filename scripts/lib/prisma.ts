// A PrismaClient for scripts (seed, admin:create), separate from the app's so scripts can pass their own URL.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';

export function scriptClient(url = process.env.DATABASE_URL): PrismaClient {
	if (!url) throw new Error('DATABASE_URL is not set');
	return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
}
