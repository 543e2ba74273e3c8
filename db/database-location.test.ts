// A database path that is wrong (a typo in SWITCHBOARD_DB), read-only or in a folder nobody may write to: every
// entry point (the web server, the runtime, the CLI) stops with one line naming the path, and creates nothing.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { DatabaseUnavailableError } from './errors.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-location-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function refusal(file: string): string {
  try {
    closeDatabase(openDatabase(file));
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    return (error as Error).message;
  }
  throw new Error(`${file} was opened`);
}

describe('where the database may be', () => {
  it('refuses a folder that does not exist, and creates nothing', () => {
    // GIVEN SWITCHBOARD_DB with a typo in its folder
    const folder = tempFolder();
    const file = join(folder, 'dta', 'switchboard.db');
    // THEN opening it says so, and no empty database appears
    expect(refusal(file)).toBe(
      `The database folder ${join(folder, 'dta')} does not exist (database ${file}). Create the folder or correct SWITCHBOARD_DB; Switchboard does not create it, so that a mistyped path cannot start a new, empty database.`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a path under a file, and a path that is a folder', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'plain.txt'), 'not a folder');
    expect(refusal(join(folder, 'plain.txt', 'switchboard.db'))).toBe(
      `${join(folder, 'plain.txt')} is not a folder, so it cannot hold the database ${join(folder, 'plain.txt', 'switchboard.db')}.`,
    );
    mkdirSync(join(folder, 'switchboard.db'));
    expect(refusal(join(folder, 'switchboard.db'))).toBe(
      `The database path ${join(folder, 'switchboard.db')} is a folder, not a database file.`,
    );
  });

  it('refuses a file that is not a database', () => {
    const file = join(tempFolder(), 'notes.db');
    writeFileSync(file, 'These are my notes, not a database. '.repeat(100));
    expect(refusal(file)).toMatch(new RegExp(`^${file.replaceAll('/', '\\/')} is not a usable SQLite database \\(`));
  });
});

// Permissions do not stop root: when the tests run as root, the processes below run as "nobody" (setpriv).
const asRoot = process.getuid?.() === 0;
const run = promisify(execFile);

async function runAs(script: string, args: string[], env: Record<string, string>) {
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  return run(command, [...prefix, '--import', 'tsx', join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH!, HOME: tmpdir(), SWITCHBOARD_LOG: 'info', ...env },
    timeout: 60_000,
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/** A database that exists and is migrated, in a folder "nobody" may write to, both open to everybody. */
function sharedDatabase(): { folder: string; file: string } {
  const folder = tempFolder();
  chmodSync(folder, 0o777);
  const file = join(folder, 'switchboard.db');
  closeDatabase(openDatabase(file));
  chmodSync(file, 0o666);
  for (const extra of ['-wal', '-shm']) if (existsSync(file + extra)) rmSync(file + extra);
  return { folder, file };
}

describe('a database that cannot be used, at each entry point', () => {
  it('stops `switchboard flows list` with one line for a read-only database', async () => {
    const { file } = sharedDatabase();
    chmodSync(file, 0o444);
    const result = await runAs('cli/main.ts', ['flows', 'list'], { SWITCHBOARD_DB: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `switchboard: The database ${file} is read-only for this user; Switchboard needs to write to it.\n`,
    );
  });

  it('stops `switchboard users list` with one line for a folder it may not write to', async () => {
    const { folder, file } = sharedDatabase();
    chmodSync(folder, 0o755);
    const result = await runAs('cli/main.ts', ['users', 'list'], { SWITCHBOARD_DB: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `switchboard: The database folder ${folder} is not writable for this user; Switchboard needs to write ${file} and its -wal and -shm files there.\n`,
    );
  });

  it('stops the web server and the runtime with one line for a mistyped path, creating nothing', async () => {
    const folder = tempFolder();
    chmodSync(folder, 0o777);
    const file = join(folder, 'typo', 'switchboard.db');
    const expected = `switchboard: The database folder ${join(folder, 'typo')} does not exist (database ${file}). Create the folder or correct SWITCHBOARD_DB; Switchboard does not create it, so that a mistyped path cannot start a new, empty database.\n`;

    const server = await runAs('server/main.ts', [], { SWITCHBOARD_DB: file, PORT: '0' });
    expect(server.code).toBe(1);
    expect(server.stderr).toBe(expected);

    const runtime = await runAs('server/runtime-main.ts', [], {
      SWITCHBOARD_DB: file,
      PORT: '0',
      ARI_URL: 'http://127.0.0.1:9',
      ARI_USER: 'asterisk',
      ARI_PASS: 'asterisk',
    });
    expect(runtime.code).toBe(1);
    expect(runtime.stderr).toBe(expected);
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});
