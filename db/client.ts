import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseUnavailableError } from './errors.ts';
import * as schema from './schema.ts';

export type SwitchboardOrm = BetterSQLite3Database<typeof schema>;
/** What both the database and an open transaction offer: lets one helper run inside or outside a transaction. */
export type SwitchboardQueries = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/** One open database: the raw better-sqlite3 handle (pragmas, prepared statements), the drizzle layer, its file. */
export interface SwitchboardDb {
  sqlite: Database.Database;
  orm: SwitchboardOrm;
  /** Absolute path, or ':memory:'. */
  file: string;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations while opening (default true). `npm run db:migrate` opens without, to report them. */
  migrate?: boolean;
}

// Resolved from this module, not the working directory, so `npm start` from anywhere and tests find the same folder.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));

const MIGRATIONS_TABLE = '__drizzle_migrations';

const DEFAULT_DATABASE_FILE = './data/switchboard.db';

export function defaultDatabaseFile(): string {
  return resolve(process.env.SWITCHBOARD_DB || DEFAULT_DATABASE_FILE);
}

/**
 * Opens (creating if needed) the Switchboard database and brings its schema up to date.
 * The web server and the runtime may open the same file at once: WAL lets readers and the one writer proceed
 * together, and busy_timeout makes a writer wait for the other process instead of failing.
 *
 * The file may be new, but its folder must exist: only the default ./data is created, so that a mistyped
 * SWITCHBOARD_DB stops with a message instead of starting an empty database (and /setup) somewhere else. Anything
 * that keeps the database from being used throws DatabaseUnavailableError, whose message names the path.
 */
export function openDatabase(file?: string, options: OpenDatabaseOptions = {}): SwitchboardDb {
  const target = file === ':memory:' ? ':memory:' : resolve(file ?? defaultDatabaseFile());
  if (target !== ':memory:') checkLocation(target, target === resolve(DEFAULT_DATABASE_FILE));

  let sqlite: Database.Database;
  try {
    sqlite = new Database(target);
  } catch (error) {
    throw unavailable(target, error);
  }
  try {
    if (target !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    // NORMAL is safe in WAL mode (a power cut may lose the last commits, never corrupt the file) and much faster.
    sqlite.pragma('synchronous = NORMAL');
    const db: SwitchboardDb = { sqlite, orm: drizzle({ client: sqlite, schema }), file: target };
    if (options.migrate ?? true) applyMigrations(db);
    sqlite.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    sqlite.close();
    throw unavailable(target, error);
  }
}

function checkLocation(target: string, mayCreateFolder: boolean): void {
  const folder = dirname(target);
  if (!existsSync(folder)) {
    if (!mayCreateFolder) {
      throw new DatabaseUnavailableError(
        target,
        `The database folder ${folder} does not exist (database ${target}). Create the folder or correct SWITCHBOARD_DB; Switchboard does not create it, so that a mistyped path cannot start a new, empty database.`,
      );
    }
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new DatabaseUnavailableError(
        target,
        `Cannot create the database folder ${folder}: ${(error as Error).message}.`,
      );
    }
  }
  if (!statSync(folder).isDirectory()) {
    throw new DatabaseUnavailableError(target, `${folder} is not a folder, so it cannot hold the database ${target}.`);
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new DatabaseUnavailableError(target, `The database path ${target} is a folder, not a database file.`);
  }
  if (existsSync(target) && !writable(target)) {
    throw new DatabaseUnavailableError(
      target,
      `The database ${target} is read-only for this user; Switchboard needs to write to it.`,
    );
  }
  // SQLite writes its -wal and -shm files (and a new database) beside the database.
  if (!writable(folder)) {
    throw new DatabaseUnavailableError(
      target,
      `The database folder ${folder} is not writable for this user; Switchboard needs to write ${target} and its -wal and -shm files there.`,
    );
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** SQLite's and the file system's refusals as one sentence naming the path; other errors pass unchanged. */
function unavailable(target: string, error: unknown): unknown {
  const code = String((error as { code?: unknown }).code ?? '');
  const reason = (error as Error).message;
  if (/^SQLITE_READONLY|^EROFS$|^EACCES$|^EPERM$|^SQLITE_PERM$/.test(code)) {
    return new DatabaseUnavailableError(
      target,
      `Cannot write to the database ${target}: the file or its folder is read-only (${reason}).`,
    );
  }
  if (/^SQLITE_CANTOPEN/.test(code)) {
    return new DatabaseUnavailableError(
      target,
      `Cannot open the database ${target} (${reason}): check that the file and its folder can be written by this user.`,
    );
  }
  if (/^SQLITE_NOTADB|^SQLITE_CORRUPT/.test(code)) {
    return new DatabaseUnavailableError(target, `${target} is not a usable SQLite database (${reason}).`);
  }
  return error;
}

export function closeDatabase(db: SwitchboardDb): void {
  if (db.sqlite.open) db.sqlite.close();
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations of db/migrations/ that this database has not applied yet, oldest first. */
export function pendingMigrations(db: SwitchboardDb): string[] {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const lastApplied = lastAppliedMigrationTime(db);
  return journal.entries.filter((entry) => entry.when > lastApplied).map((entry) => entry.tag);
}

function lastAppliedMigrationTime(db: SwitchboardDb): number {
  const table = db.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(MIGRATIONS_TABLE);
  if (!table) return -Infinity;
  const row = db.sqlite.prepare(`SELECT max(created_at) AS last FROM ${MIGRATIONS_TABLE}`).get() as {
    last: number | null;
  };
  return row.last === null ? -Infinity : Number(row.last);
}

/**
 * Applies pending migrations with drizzle's migrator and returns their tags (empty when already up to date).
 * Foreign keys are off meanwhile, because SQLite alters a table by copying it, which a later migration may need;
 * they are checked once everything is applied.
 */
export function applyMigrations(db: SwitchboardDb): string[] {
  const pending = pendingMigrations(db);
  if (pending.length === 0) return [];
  const foreignKeysWereOn = db.sqlite.pragma('foreign_keys', { simple: true }) === 1;
  db.sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db.orm, { migrationsFolder: MIGRATIONS_FOLDER, migrationsTable: MIGRATIONS_TABLE });
  } catch (error) {
    // Two processes started together may both see the same migrations pending; the loser's transaction fails on
    // "table already exists" and rolls back. That is fine if the winner left the database up to date.
    if (pendingMigrations(db).length > 0) throw error;
    return [];
  } finally {
    if (foreignKeysWereOn) db.sqlite.pragma('foreign_keys = ON');
  }
  const violations = db.sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new Error(
      `Migrations left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`,
    );
  }
  return pending;
}
