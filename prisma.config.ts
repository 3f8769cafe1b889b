import { defineConfig } from 'prisma/config';

// Only `prisma generate` uses this file; migrations go through scripts/migrate.ts (see DEVELOPERS.md).
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/credo' }
});
