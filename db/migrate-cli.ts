// `npm run db:migrate [file]`: brings the database (default SWITCHBOARD_DB or ./data/switchboard.db) up to date and
// says what it did. Opening the database does the same silently; this is for deployments and for curious people.
import { applyMigrations, closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import { DatabaseUnavailableError } from './errors.ts';

let db: SwitchboardDb;
try {
  db = openDatabase(process.argv[2], { migrate: false });
} catch (error) {
  if (!(error instanceof DatabaseUnavailableError)) throw error;
  console.error(error.message);
  process.exit(1);
}
try {
  const applied = applyMigrations(db);
  if (applied.length === 0) console.log(`${db.file}: already up to date`);
  else
    console.log(`${db.file}: applied ${applied.length} migration(s)\n${applied.map((tag) => `  ${tag}`).join('\n')}`);
} catch (error) {
  console.error(`${db.file}: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  closeDatabase(db);
}
