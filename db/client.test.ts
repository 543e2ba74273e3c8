import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, closeDatabase, openDatabase, pendingMigrations, type SwitchboardDb } from './client.ts';
import { createFlow, publishVersion } from './flows.ts';
import { frenchFlow } from './testing/temp-database.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const migrationTags = readdirSync(new URL('./migrations/', import.meta.url))
  .filter((file) => file.endsWith('.sql'))
  .map((file) => file.replace(/\.sql$/, ''))
  .sort();

const folders: string[] = [];
const opened: SwitchboardDb[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-client-'));
  folders.push(folder);
  return folder;
}
function open(file?: string, options?: { migrate?: boolean }): SwitchboardDb {
  const db = openDatabase(file, options);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) closeDatabase(db);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tableNames(db: SwitchboardDb): string[] {
  return (
    db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  ).map((row) => row.name);
}

describe('openDatabase', () => {
  it('creates the file, and applies every migration to an empty database', () => {
    // GIVEN a path in an existing folder where no database is yet
    const file = join(tempFolder(), 'switchboard.db');
    const bare = open(file, { migrate: false });
    expect(pendingMigrations(bare)).toEqual(migrationTags);

    // WHEN the migrations are applied
    expect(applyMigrations(bare)).toEqual(migrationTags);

    // THEN every table exists and nothing is pending
    expect(existsSync(file)).toBe(true);
    expect(tableNames(bare)).toEqual(
      expect.arrayContaining([
        'flows',
        'flow_versions',
        'number_bindings',
        'calls',
        'call_events',
        'users',
        'voicemail_messages',
        'conference_rooms',
        'conference_recordings',
        'audio_files',
      ]),
    );
    expect(pendingMigrations(bare)).toEqual([]);
  });

  it('leaves an already migrated database untouched when opened again', () => {
    const file = join(tempFolder(), 'switchboard.db');
    const first = open(file);
    const { flowId } = createFlow(first, { document: frenchFlow(), author: 'alice' });
    closeDatabase(first);

    const again = open(file, { migrate: false });
    const before = again.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applyMigrations(again)).toEqual([]);
    const after = again.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(before.n).toBe(migrationTags.length);

    // and opening normally keeps the data
    closeDatabase(again);
    const reopened = open(file);
    expect(reopened.sqlite.prepare('SELECT id FROM flows').all()).toEqual([{ id: flowId }]);
  });

  it('turns on WAL, foreign keys, a busy timeout and synchronous=NORMAL', () => {
    const db = open(join(tempFolder(), 'switchboard.db'));
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // 1 = NORMAL
    expect(() =>
      db.sqlite
        .prepare(`INSERT INTO number_bindings (number, flow_id, version_id, bound_at) VALUES ('1', 'nope', 'nope', 0)`)
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('works in memory', () => {
    const db = open(':memory:');
    expect(db.file).toBe(':memory:');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(pendingMigrations(db)).toEqual([]);
  });

  it('defaults to SWITCHBOARD_DB', () => {
    const file = join(tempFolder(), 'sb.db');
    const previous = process.env.SWITCHBOARD_DB;
    process.env.SWITCHBOARD_DB = file;
    try {
      const db = open();
      expect(db.file).toBe(file);
      expect(existsSync(file)).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.SWITCHBOARD_DB;
      else process.env.SWITCHBOARD_DB = previous;
    }
  });
});

describe('flow_versions immutability (migration triggers)', () => {
  it('refuses any UPDATE or DELETE of a published version, even in raw SQL', () => {
    const db = open(':memory:');
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'alice' });
    const { versionId } = publishVersion(db, { flowId, document: frenchFlow(), author: 'alice' });

    expect(() => db.sqlite.prepare(`UPDATE flow_versions SET comment = 'x' WHERE id = ?`).run(versionId)).toThrow(
      /flow_versions rows are immutable/,
    );
    expect(() => db.sqlite.prepare('DELETE FROM flow_versions WHERE id = ?').run(versionId)).toThrow(
      /flow_versions rows are immutable/,
    );
    expect(db.sqlite.prepare('SELECT comment FROM flow_versions WHERE id = ?').get(versionId)).toEqual({ comment: '' });
  });
});

describe('npm run db:migrate (db/migrate-cli.ts)', () => {
  it('finds its migrations from any working directory and reports what it applied, then nothing', () => {
    const folder = tempFolder();
    const file = join(folder, 'cli.db');
    const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
    const cli = join(projectRoot, 'db', 'migrate-cli.ts');
    // The working directory is the temp folder: migrations must be found relative to the module.
    const first = execFileSync(tsx, [cli, file], { cwd: folder, encoding: 'utf8' });
    expect(first).toContain(`applied ${migrationTags.length} migration(s)`);
    for (const tag of migrationTags) expect(first).toContain(tag);

    const second = execFileSync(tsx, [cli, file], { cwd: folder, encoding: 'utf8' });
    expect(second).toContain('already up to date');
  });
});
