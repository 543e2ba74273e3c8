import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiToken, createStaffAccount, disableStaffAccount, listApiTokens } from '#db/auth.ts';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { runTokensCommand, type TokensCommandIo } from './tokens.ts';

let folder: string;
let dbFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-tokens-cli-'));
  dbFile = join(folder, 'switchboard.db');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: TokensCommandIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  return { io, out, err };
}

async function withDb<T>(use: (db: ReturnType<typeof openDatabase>) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dbFile);
  try {
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}

const admin = (username: string) =>
  withDb((db) => createStaffAccount(db, { username, password: 'a long password', role: 'admin' }));

async function run(args: string[]) {
  const { io, out, err } = fakeIo();
  const code = await runTokensCommand([...args, '--db', dbFile], io);
  return { code, out, err };
}

describe('switchboard tokens', () => {
  it('create prints the secret once, alone on stdout, and the token works with the API', async () => {
    // GIVEN one administrator
    await admin('root');
    // WHEN a token is created
    const created = await run(['create', 'CI deploy', '--role', 'editor']);
    // THEN stdout is the secret alone, stderr says what it is and that it is shown once
    expect(created.code).toBe(0);
    expect(created.out).toHaveLength(1);
    const secret = created.out[0]!;
    expect(secret).toMatch(/^sbt_/);
    expect(created.err.join('\n')).toMatch(/Created editor token "CI deploy" .* for root.*shown this once/);
    await withDb((db) => expect(authenticateApiToken(db, secret)?.role).toBe('editor'));
  });

  it('list shows every token without any secret; revoke by name or id refuses it from then on', async () => {
    await admin('root');
    const first = (await run(['create', 'backup', '--role', 'viewer'])).out[0]!;
    const second = (await run(['create', 'deploy', '--role', 'admin'])).out[0]!;
    // WHEN listing
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    const text = listed.out.join('\n');
    expect(text).toContain('backup');
    expect(text).toContain('deploy');
    expect(text).toContain(`${first.slice(0, 12)}…`);
    // THEN no secret is shown, only its first characters
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
    // WHEN revoking one by name and the other by id
    expect((await run(['revoke', 'backup'])).code).toBe(0);
    const deployId = await withDb((db) => listApiTokens(db).find((token) => token.name === 'deploy')!.id);
    const revoked = await run(['revoke', deployId]);
    expect(revoked.code).toBe(0);
    expect(revoked.out.join('\n')).toContain('Revoked token "deploy"');
    // THEN neither works any more, and the list says revoked
    await withDb((db) => {
      expect(authenticateApiToken(db, first)).toBeNull();
      expect(authenticateApiToken(db, second)).toBeNull();
    });
    expect((await run(['list'])).out.filter((line) => line.includes('revoked'))).toHaveLength(2);
  });

  it('exits 1 with a clear message on refusals, 2 on a wrong command line', async () => {
    // no administrator yet
    const lonely = await run(['create', 'ci', '--role', 'viewer']);
    expect(lonely.code).toBe(1);
    expect(lonely.err.join('\n')).toContain('no active administrator');
    await admin('root');
    await admin('ops');
    // several administrators: say which
    const which = await run(['create', 'ci', '--role', 'viewer']);
    expect(which.code).toBe(2);
    expect(which.err.join('\n')).toContain('say which with --as');
    expect((await run(['create', 'ci', '--role', 'viewer', '--as', 'ops'])).code).toBe(0);
    await withDb((db) => disableStaffAccount(db, listApiTokens(db)[0]!.accountId));
    expect((await run(['create', 'ci', '--role', 'viewer', '--as', 'ops'])).err.join('\n')).toContain(
      'not an active administrator',
    );
    // unknown token, missing or bad options
    const unknown = await run(['revoke', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toContain('no API token has the id or name "nope"');
    expect((await run(['create', 'ci'])).code).toBe(2);
    expect((await run(['create', 'ci', '--role', 'boss', '--as', 'root'])).code).toBe(2);
    expect((await run(['create', '--role', 'viewer'])).code).toBe(2);
    expect((await run(['revoke'])).code).toBe(2);
    expect((await run(['list', 'extra'])).code).toBe(2);
    expect((await run(['explode'])).code).toBe(2);
    expect((await run(['list', '--secret'])).code).toBe(2);
  });

  it('refuses to revoke by a name two active tokens share, and names their ids', async () => {
    await admin('root');
    await run(['create', 'ci', '--role', 'viewer']);
    await run(['create', 'ci', '--role', 'viewer']);
    const ambiguous = await run(['revoke', 'ci']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err.join('\n')).toMatch(/2 active tokens are named "ci": revoke one by id \(tok_/);
  });
});
