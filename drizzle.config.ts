import { defineConfig } from 'drizzle-kit';

// Generation compares the schema with the committed migrations only; it needs no database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
});
