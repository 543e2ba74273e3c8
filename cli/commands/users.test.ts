import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateStaff, listStaffAccounts } from '#db/auth.ts';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { runUsersCommand, type UsersCommandIo } from './users.ts';

let folder: string;
let dbFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-users-cli-'));
  dbFile = join(folder, 'switchboard.db');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function fakeIo(options: { answers?: string[]; stdin?: string; terminal?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: { question: string; secret: boolean }[] = [];
  const answers = [...(options.answers ?? [])];
  const io: UsersCommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    ask:
      options.terminal === false
        ? null
        : async (question, { secret }) => {
            asked.push({ question, secret });
            return answers.shift() ?? '';
          },
    readStdin: async () => options.stdin ?? '',
  };
  return { io, out, err, asked };
}

async function withDb<T>(use: (db: ReturnType<typeof openDatabase>) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dbFile);
  try {
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}

describe('switchboard users', () => {
  it('create-admin with options creates an administrator who can sign in', async () => {
    const { io, out } = fakeIo({ terminal: false });
    const code = await runUsersCommand(
      ['create-admin', '--username', 'Root', '--name', 'Ops team', '--password', 'a long password', '--db', dbFile],
      io,
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Created admin "root" (Ops team)');
    await withDb(async (db) => {
      expect(listStaffAccounts(db)).toEqual([expect.objectContaining({ username: 'root', role: 'admin' })]);
      expect(await authenticateStaff(db, 'root', 'a long password')).not.toBeNull();
    });
  });

  it('asks for what is missing, the password twice and without echo', async () => {
    const { io, asked } = fakeIo({ answers: ['alice', 'Alice Martin', 'secret passphrase', 'secret passphrase'] });
    expect(await runUsersCommand(['create-admin', '--db', dbFile], io)).toBe(0);
    expect(asked.map((question) => question.secret)).toEqual([false, false, true, true]);
    await withDb(async (db) => expect(await authenticateStaff(db, 'alice', 'secret passphrase')).not.toBeNull());
  });

  it('refuses differing passwords and writes nothing', async () => {
    const { io, err } = fakeIo({ answers: ['alice', '', 'secret passphrase', 'other passphrase'] });
    expect(await runUsersCommand(['create-admin', '--db', dbFile], io)).toBe(1);
    expect(err.join('\n')).toContain('the two passwords differ');
    await withDb((db) => expect(listStaffAccounts(db)).toEqual([]));
  });

  it('reads the password from stdin, and says why a short one is refused', async () => {
    const short = fakeIo({ terminal: false, stdin: 'short\n' });
    expect(
      await runUsersCommand(['create', 'ed', '--role', 'editor', '--password-stdin', '--db', dbFile], short.io),
    ).toBe(1);
    // Without LANG the CLI answers in French, the interface's default language.
    expect(short.err.join('\n')).toContain('au moins 10 caractères');

    const good = fakeIo({ terminal: false, stdin: 'editor password\n' });
    expect(
      await runUsersCommand(['create', 'ed', '--role', 'editor', '--password-stdin', '--db', dbFile], good.io),
    ).toBe(0);
    await withDb(async (db) => expect((await authenticateStaff(db, 'ed', 'editor password'))?.role).toBe('editor'));
  });

  it('is a usage error without a terminal when a value is missing, or with an unknown role', async () => {
    const missing = fakeIo({ terminal: false });
    expect(await runUsersCommand(['create-admin', '--db', dbFile], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toContain('--username is required');

    const badRole = fakeIo({ terminal: false });
    expect(
      await runUsersCommand(
        ['create', 'x', '--role', 'root', '--password', 'long enough!', '--db', dbFile],
        badRole.io,
      ),
    ).toBe(2);
    expect(badRole.err.join('\n')).toContain('--role is one of viewer, editor, admin');
  });

  it('refuses a taken user name and points to set-password, which resets it', async () => {
    const args = ['create-admin', '--username', 'root', '--name', '', '--password', 'first password', '--db', dbFile];
    expect(await runUsersCommand(args, fakeIo({ terminal: false }).io)).toBe(0);
    const again = fakeIo({ terminal: false });
    expect(await runUsersCommand(args, again.io)).toBe(1);
    expect(again.err.join('\n')).toContain('switchboard users set-password root');

    const reset = fakeIo({ terminal: false });
    expect(
      await runUsersCommand(['set-password', 'root', '--password', 'second password', '--db', dbFile], reset.io),
    ).toBe(0);
    await withDb(async (db) => {
      expect(await authenticateStaff(db, 'root', 'first password')).toBeNull();
      expect(await authenticateStaff(db, 'root', 'second password')).not.toBeNull();
    });

    const listing = fakeIo({ terminal: false });
    expect(await runUsersCommand(['list', '--staff', '--db', dbFile], listing.io)).toBe(0);
    expect(listing.out).toEqual(['root\tadmin\tactive\troot']);
  });
});
