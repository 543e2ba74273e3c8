import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import {
  authenticateApiToken,
  authenticateStaff,
  changeStaffRole,
  countStaffAccounts,
  createApiToken,
  createFirstAdmin,
  createStaffAccount,
  createStaffSession,
  disableStaffAccount,
  enableStaffAccount,
  findStaffSession,
  hashPassword,
  LastAdminError,
  listApiTokens,
  listStaffAccounts,
  purgeExpiredSessions,
  revokeApiToken,
  roleAtLeast,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  setStaffPassword,
  SetupAlreadyDoneError,
  StaffUsernameTakenError,
  verifyPassword,
} from './auth.ts';

let db: SwitchboardDb;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => closeDatabase(db));

const PASSWORD = 'correct horse battery';

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt each time, and verifies only the right password', async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).toMatch(/^\$argon2id\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(PASSWORD);
    expect(await verifyPassword(first, PASSWORD)).toBe(true);
    expect(await verifyPassword(first, 'correct horse battery!')).toBe(false);
  });

  it('treats a malformed stored hash as a wrong password rather than crashing', async () => {
    expect(await verifyPassword('not-a-hash', PASSWORD)).toBe(false);
  });
});

describe('roles', () => {
  it('orders admin above editor above viewer', () => {
    expect(roleAtLeast('admin', 'editor')).toBe(true);
    expect(roleAtLeast('editor', 'editor')).toBe(true);
    expect(roleAtLeast('editor', 'admin')).toBe(false);
    expect(roleAtLeast('viewer', 'editor')).toBe(false);
    expect(roleAtLeast('viewer', 'viewer')).toBe(true);
  });
});

describe('staff accounts', () => {
  it('creates an account with a normalised user name and signs it in with its password only', async () => {
    const account = await createStaffAccount(db, { username: '  Alice ', password: PASSWORD, role: 'editor' });
    expect(account).toMatchObject({ username: 'alice', displayName: 'alice', role: 'editor', disabledAt: null });
    expect(account).not.toHaveProperty('passwordHash');

    expect(await authenticateStaff(db, 'ALICE', PASSWORD)).toMatchObject({ id: account.id });
    expect(await authenticateStaff(db, 'alice', 'wrong password!')).toBeNull();
    expect(await authenticateStaff(db, 'nobody', PASSWORD)).toBeNull();
  });

  it('refuses a taken user name, a short password and an unknown role, saying which', async () => {
    await createStaffAccount(db, { username: 'alice', password: PASSWORD, role: 'viewer' });
    await expect(createStaffAccount(db, { username: 'Alice', password: PASSWORD, role: 'viewer' })).rejects.toThrow(
      StaffUsernameTakenError,
    );
    await expect(createStaffAccount(db, { username: 'bob', password: 'short', role: 'viewer' })).rejects.toThrow(
      /auth:errors.passwordTooShort/,
    );
    await expect(
      createStaffAccount(db, { username: 'bob', password: PASSWORD, role: 'root' as unknown as 'admin' }),
    ).rejects.toThrow(/auth:errors.role/);
    await expect(createStaffAccount(db, { username: 'b ob', password: PASSWORD, role: 'viewer' })).rejects.toThrow(
      /user name/,
    );
    expect(countStaffAccounts(db)).toBe(1);
  });

  it('creates the first administrator only on an empty install', async () => {
    const admin = await createFirstAdmin(db, { username: 'root', displayName: 'The Admin', password: PASSWORD });
    expect(admin).toMatchObject({ role: 'admin', displayName: 'The Admin' });
    await expect(createFirstAdmin(db, { username: 'second', password: PASSWORD })).rejects.toThrow(
      SetupAlreadyDoneError,
    );
    expect(listStaffAccounts(db).map((account) => account.username)).toEqual(['root']);
  });

  it('never leaves the install without an active administrator', async () => {
    const admin = await createStaffAccount(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    expect(() => changeStaffRole(db, admin.id, 'editor')).toThrow(LastAdminError);
    expect(() => disableStaffAccount(db, admin.id)).toThrow(LastAdminError);

    const second = await createStaffAccount(db, { username: 'admin2', password: PASSWORD, role: 'admin' });
    expect(changeStaffRole(db, admin.id, 'viewer').role).toBe('viewer');
    expect(() => disableStaffAccount(db, second.id)).toThrow(LastAdminError);
  });

  it('disabling an account ends its sessions and refuses its password; enabling lets it sign in again', async () => {
    await createStaffAccount(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    const editor = await createStaffAccount(db, { username: 'ed', password: PASSWORD, role: 'editor' });
    const session = createStaffSession(db, editor.id);

    disableStaffAccount(db, editor.id);
    expect(findStaffSession(db, session.id)).toBeNull();
    expect(await authenticateStaff(db, 'ed', PASSWORD)).toBeNull();

    enableStaffAccount(db, editor.id);
    expect(await authenticateStaff(db, 'ed', PASSWORD)).not.toBeNull();
  });

  it('a new password replaces the old one and signs the account out everywhere', async () => {
    const editor = await createStaffAccount(db, { username: 'ed', password: PASSWORD, role: 'editor' });
    const session = createStaffSession(db, editor.id);
    await setStaffPassword(db, editor.id, 'another long password');
    expect(findStaffSession(db, session.id)).toBeNull();
    expect(await authenticateStaff(db, 'ed', PASSWORD)).toBeNull();
    expect(await authenticateStaff(db, 'ed', 'another long password')).not.toBeNull();
  });
});

describe('sessions', () => {
  const start = 1_700_000_000_000;

  it('gives each session a random 32-byte id and its own CSRF token', async () => {
    const account = await createStaffAccount(db, { username: 'ed', password: PASSWORD, role: 'editor' });
    const one = createStaffSession(db, account.id, start);
    const two = createStaffSession(db, account.id, start);
    expect(Buffer.from(one.id, 'base64url')).toHaveLength(32);
    expect(one.id).not.toBe(two.id);
    expect(one.csrfToken).not.toBe(two.csrfToken);
    expect(findStaffSession(db, one.id, start + 1000)).toMatchObject({ account: { username: 'ed' } });
    expect(findStaffSession(db, 'made-up', start)).toBeNull();
  });

  it('ends after the idle timeout, but activity keeps it alive until the absolute limit', async () => {
    const account = await createStaffAccount(db, { username: 'ed', password: PASSWORD, role: 'editor' });
    const idle = createStaffSession(db, account.id, start);
    expect(findStaffSession(db, idle.id, start + SESSION_IDLE_MS + 1)).toBeNull();

    const active = createStaffSession(db, account.id, start);
    let now = start;
    while (now + SESSION_IDLE_MS / 2 < start + SESSION_ABSOLUTE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(findStaffSession(db, active.id, now)).not.toBeNull();
    }
    expect(findStaffSession(db, active.id, start + SESSION_ABSOLUTE_MS)).toBeNull();
  });

  it('purges sessions that can no longer be used and keeps live ones', async () => {
    const account = await createStaffAccount(db, { username: 'ed', password: PASSWORD, role: 'editor' });
    createStaffSession(db, account.id, start);
    const live = createStaffSession(db, account.id, start + SESSION_IDLE_MS);
    expect(purgeExpiredSessions(db, start + SESSION_IDLE_MS + 10)).toBe(1);
    expect(findStaffSession(db, live.id, start + SESSION_IDLE_MS + 20)).not.toBeNull();
  });
});

describe('API tokens', () => {
  it('returns the secret once, stores only its hash, and lists it by prefix', async () => {
    const admin = await createStaffAccount(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    const { token, secret } = createApiToken(db, { name: 'CI deploy', role: 'editor', accountId: admin.id });
    expect(secret).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(secret.slice(0, 12));

    const stored = db.sqlite.prepare('SELECT token_hash FROM api_tokens WHERE id = ?').get(token.id) as {
      token_hash: string;
    };
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(secret.slice(4));

    expect(listApiTokens(db)).toEqual([expect.objectContaining({ name: 'CI deploy', createdByUsername: 'admin' })]);
    expect(listApiTokens(db)[0]).not.toHaveProperty('tokenHash');
  });

  it('authenticates the exact secret only, records its use, and stops after revocation', async () => {
    const admin = await createStaffAccount(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    const { token, secret } = createApiToken(db, { name: 'script', role: 'viewer', accountId: admin.id }, 1000);

    const caller = authenticateApiToken(db, secret, 5000);
    expect(caller).toMatchObject({ role: 'viewer', account: { username: 'admin' }, token: { lastUsedAt: 5000 } });
    expect(authenticateApiToken(db, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(authenticateApiToken(db, 'Bearer ' + secret)).toBeNull();
    expect(authenticateApiToken(db, '')).toBeNull();

    revokeApiToken(db, token.id);
    expect(authenticateApiToken(db, secret)).toBeNull();
    expect(listApiTokens(db)[0]?.revokedAt).not.toBeNull();
  });

  it('never grants more than its creator may do now, nor anything once the creator is disabled', async () => {
    await createStaffAccount(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    const lead = await createStaffAccount(db, { username: 'lead', password: PASSWORD, role: 'admin' });
    const { secret } = createApiToken(db, { name: 'deploy', role: 'admin', accountId: lead.id });

    changeStaffRole(db, lead.id, 'editor');
    expect(authenticateApiToken(db, secret)?.role).toBe('editor');

    disableStaffAccount(db, lead.id);
    expect(authenticateApiToken(db, secret)).toBeNull();
  });
});

describe('the one user-name rule', () => {
  it('is the same for staff accounts and directory people, so a linked account can share its person name', async () => {
    const { usernameSchema: personUsername } = await import('#flows/nodes/shared.ts');
    const { usernameSchema: staffUsername } = await import('./auth.ts');
    expect(staffUsername).toBe(personUsername);
    expect(staffUsername.parse('  Alice.Martin ')).toBe('alice.martin');
    for (const bad of ['a', '1alice', 'alice martin', 'x'.repeat(33), 'élodie']) {
      expect(staffUsername.safeParse(bad).success, bad).toBe(false);
    }
  });
});
