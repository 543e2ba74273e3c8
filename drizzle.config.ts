import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration into db/migrations/ from the changes made to db/schema.ts.
// Migrations are applied by db/client.ts when the database is opened (or by `npm run db:migrate`).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.SWITCHBOARD_DB ?? './data/switchboard.db' },
  strict: true,
  verbose: true,
});
