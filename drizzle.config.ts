import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; the sidecar applies them on start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './sidecar/src/db/schema.ts',
  out: './sidecar/src/db/migrations',
});
