import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import { InvalidUserInputError, UserConflictError, UserNotFoundError } from './errors.ts';
import { newId } from './ids.ts';
import { pinProblems, sipSecretProblems } from '#provisioning/people/secret-policy.ts';
import { demoSecretsFromEnv, SEED_PEOPLE, seedPeople } from './seed.ts';
import { loadSipAccounts } from './sip-accounts.ts';
import {
  createUser,
  deleteUser,
  getUserByExtension,
  getUserByUsername,
  hashPin,
  listUsers,
  pinMatchesHash,
  updateUser,
  verifyVoicemailPin,
} from './users.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
beforeEach(() => {
  temp = openTempDatabase();
  db = temp.db;
});
afterEach(() => temp.dispose());

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const claire = {
  username: 'claire',
  extension: '6010',
  displayName: 'Claire Lefèvre',
  email: 'claire@example.org',
  sipPassword: 's3cret-sip',
  voicemailPin: '2468',
};

describe('createUser', () => {
  it('stores the SIP digest and a salted PIN hash, never the secrets', async () => {
    const user = await createUser(db, { ...claire, now: 42 });
    expect(user).toEqual({
      id: user.id,
      username: 'claire',
      extension: '6010',
      displayName: 'Claire Lefèvre',
      email: 'claire@example.org',
      language: 'fr-FR',
      greetingPath: null,
      pinLockedUntil: null,
      createdAt: 42,
      updatedAt: 42,
    });
    const row = db.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(user.id) as Record<string, unknown>;
    expect(row.sip_md5_cred).toBe(md5('claire:asterisk:s3cret-sip'));
    expect(row.voicemail_pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(JSON.stringify(row)).not.toContain('s3cret-sip');
    expect(JSON.stringify(row)).not.toContain('2468');
  });

  it('explains bad details field by field', async () => {
    const attempt = createUser(db, {
      ...claire,
      username: 'Claire!',
      extension: '6',
      voicemailPin: '12',
      sipPassword: 'x',
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidUserInputError);
    await expect(createUser(db, { ...claire, voicemailPin: '12' })).rejects.toThrow(
      'voicemailPin: A voicemail PIN is 4 to 10 digits',
    );
    const error = await createUser(db, { ...claire, username: 'Claire!', extension: '6' }).catch(
      (e: InvalidUserInputError) => e,
    );
    expect((error as InvalidUserInputError).problems.map((p) => p.field)).toEqual(['username', 'extension']);
  });

  it('refuses a user name or extension already taken', async () => {
    await createUser(db, claire);
    await expect(createUser(db, { ...claire, extension: '6011' })).rejects.toThrow(
      'The username "claire" is already taken',
    );
    await expect(createUser(db, { ...claire, username: 'claire2' })).rejects.toThrow(UserConflictError);
  });
});

describe('reading and changing people', () => {
  it('lists by extension and finds by user name or extension', async () => {
    await createUser(db, { ...claire, extension: '6020' });
    await createUser(db, { ...claire, username: 'denis', extension: '6015', displayName: 'Denis' });
    expect(listUsers(db).map((u) => u.username)).toEqual(['denis', 'claire']);
    expect(getUserByUsername(db, 'claire')?.extension).toBe('6020');
    expect(getUserByExtension(db, '6015')?.username).toBe('denis');
    expect(getUserByUsername(db, 'nobody')).toBeNull();
  });

  it('updates details, recomputing the digest on a new password and clearing the lock on a new PIN', async () => {
    const user = await createUser(db, claire);
    for (let i = 0; i < 5; i++) await verifyVoicemailPin(db, '6010', '0000', { now: 1_000 });
    expect(getUserByExtension(db, '6010')?.pinLockedUntil).not.toBeNull();

    const updated = await updateUser(db, user.id, {
      displayName: 'Claire L.',
      language: 'en-US',
      sipPassword: 'another-one',
      voicemailPin: '1357',
      now: 99,
    });
    expect(updated).toMatchObject({
      displayName: 'Claire L.',
      language: 'en-US',
      email: 'claire@example.org',
      pinLockedUntil: null,
      updatedAt: 99,
    });
    expect(loadSipAccounts(db)[0]?.md5Cred).toBe(md5('claire:asterisk:another-one'));
    expect(await verifyVoicemailPin(db, '6010', '1357', { now: 1_001 })).toEqual({ ok: true, username: 'claire' });
  });

  it('needs the SIP password again to rename someone, since the digest contains the name', async () => {
    const user = await createUser(db, claire);
    await expect(updateUser(db, user.id, { username: 'claire.l' })).rejects.toThrow(/needs the SIP password again/);
    await updateUser(db, user.id, { username: 'claire.l', sipPassword: 's3cret-sip' });
    expect(loadSipAccounts(db)[0]?.md5Cred).toBe(md5('claire.l:asterisk:s3cret-sip'));
  });

  it('refuses to take someone else’s extension and says who is unknown', async () => {
    await createUser(db, claire);
    const denis = await createUser(db, { ...claire, username: 'denis', extension: '6015' });
    await expect(updateUser(db, denis.id, { extension: '6010' })).rejects.toThrow(
      'The extension "6010" is already taken',
    );
    await expect(updateUser(db, 'usr_nope', { displayName: 'x' })).rejects.toThrow(UserNotFoundError);
  });

  it('deletes a person with their voicemail messages', async () => {
    const user = await createUser(db, claire);
    db.sqlite
      .prepare(
        `INSERT INTO voicemail_messages (id, box, user_id, received_at, audio_path) VALUES (?, '6010', ?, 1, '/tmp/a.wav')`,
      )
      .run(newId('vm'), user.id);
    deleteUser(db, user.id);
    expect(getUserByUsername(db, 'claire')).toBeNull();
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM voicemail_messages').get()).toEqual({ n: 0 });
    expect(() => deleteUser(db, user.id)).toThrow(UserNotFoundError);
  });
});

describe('verifyVoicemailPin', () => {
  it('accepts the right PIN and rejects a wrong one, counting down the attempts left', async () => {
    await createUser(db, claire);
    expect(await verifyVoicemailPin(db, '6010', '2468')).toEqual({ ok: true, username: 'claire' });
    expect(await verifyVoicemailPin(db, '6010', '2469', { maxAttempts: 3 })).toEqual({
      ok: false,
      reason: 'wrong-pin',
      attemptsLeft: 2,
    });
    expect(await verifyVoicemailPin(db, '6999', '2468')).toEqual({ ok: false, reason: 'no-such-box' });
  });

  it('locks the box after N wrong PINs, even against the right one, until the lock expires', async () => {
    // GIVEN a box allowing 3 tries and a 10-minute lock
    await createUser(db, claire);
    const policy = { maxAttempts: 3, lockMs: 600_000 };

    // WHEN someone guesses three times
    expect(await verifyVoicemailPin(db, '6010', '0000', { ...policy, now: 1_000 })).toMatchObject({ attemptsLeft: 2 });
    expect(await verifyVoicemailPin(db, '6010', '1111', { ...policy, now: 2_000 })).toMatchObject({ attemptsLeft: 1 });
    expect(await verifyVoicemailPin(db, '6010', '2222', { ...policy, now: 3_000 })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: 603_000,
    });

    // THEN the right PIN is refused while locked, and accepted afterwards
    expect(await verifyVoicemailPin(db, '6010', '2468', { ...policy, now: 500_000 })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: 603_000,
    });
    expect(await verifyVoicemailPin(db, '6010', '2468', { ...policy, now: 603_001 })).toEqual({
      ok: true,
      username: 'claire',
    });
    // and the counter starts again from zero
    expect(await verifyVoicemailPin(db, '6010', '0000', { ...policy, now: 603_002 })).toMatchObject({
      attemptsLeft: 2,
    });
  });

  it('resets the counter after a success', async () => {
    await createUser(db, claire);
    await verifyVoicemailPin(db, '6010', '0000', { maxAttempts: 3 });
    await verifyVoicemailPin(db, '6010', '0000', { maxAttempts: 3 });
    await verifyVoicemailPin(db, '6010', '2468', { maxAttempts: 3 });
    expect(await verifyVoicemailPin(db, '6010', '0000', { maxAttempts: 3 })).toMatchObject({ attemptsLeft: 2 });
  });
});

describe('PIN hashes', () => {
  it('salts each hash and verifies only the PIN it was made from', async () => {
    const a = await hashPin('1234');
    const b = await hashPin('1234');
    expect(a).not.toBe(b);
    expect(await pinMatchesHash('1234', a)).toBe(true);
    expect(await pinMatchesHash('1235', a)).toBe(false);
    await expect(pinMatchesHash('1234', 'md5$abc')).rejects.toThrow(/not in the "scrypt\$N\$r\$p\$salt\$hash" format/);
  });
});

describe('seedPeople and loadSipAccounts', () => {
  it('adds alice 6001, bob 6002 and julien 6004 once, each with a random SIP password and PIN the app accepts', async () => {
    // WHEN a fresh directory is seeded (twice: the second time does nothing)
    const seeded = await seedPeople(db);
    expect(await seedPeople(db)).toEqual([]);
    // THEN the three people exist, and the secrets returned are theirs
    expect(seeded.map((person) => [person.username, person.extension])).toEqual([
      ['alice', '6001'],
      ['bob', '6002'],
      ['julien', '6004'],
    ]);
    // each person's phone, then their browser device (a random credential until a softphone starts)
    expect(loadSipAccounts(db)).toEqual(
      seeded.flatMap((person) => {
        const phone = {
          username: person.username,
          extension: person.extension,
          displayName: person.username[0]!.toUpperCase() + person.username.slice(1),
          md5Cred: md5(`${person.username}:asterisk:${person.sipPassword}`),
        };
        const browser = {
          ...phone,
          username: `${person.username}~web`,
          md5Cred: expect.stringMatching(/^[0-9a-f]{32}$/),
        };
        return [phone, { ...browser, device: 'browser' }];
      }),
    );
    expect(listUsers(db).every((user) => user.language === 'fr-FR')).toBe(true);
    const julien = seeded.find((person) => person.username === 'julien')!;
    expect(await verifyVoicemailPin(db, '6004', julien.voicemailPin)).toEqual({ ok: true, username: 'julien' });
    // AND not the brief's "bonjour" / 1234, which anyone can read: random, different per person, and accepted by
    // the rules the People page applies to a password or PIN someone types
    for (const person of seeded) {
      expect(person.sipPassword).not.toBe('bonjour');
      expect(person.voicemailPin).not.toBe('1234');
      expect(sipSecretProblems(person.sipPassword, person.username, person.extension)).toEqual([]);
      expect(pinProblems(person.voicemailPin, person.extension)).toEqual([]);
    }
    expect(new Set(seeded.map((person) => person.sipPassword)).size).toBe(3);
    expect(SEED_PEOPLE).toHaveLength(3);
  });

  it('gives the demo secrets (bonjour / 1234) only when asked to', async () => {
    const seeded = await seedPeople(db, { demoSecrets: true });
    expect(seeded.map((person) => [person.sipPassword, person.voicemailPin])).toEqual([
      ['bonjour', '1234'],
      ['bonjour', '1234'],
      ['bonjour', '1234'],
    ]);
    expect(loadSipAccounts(db)[2]!.md5Cred).toBe(md5('bob:asterisk:bonjour'));
    expect(demoSecretsFromEnv({ SWITCHBOARD_DEMO_SECRETS: '1' })).toBe(true);
    expect(demoSecretsFromEnv({})).toBe(false);
    expect(demoSecretsFromEnv({ SWITCHBOARD_DEMO_SECRETS: '0' })).toBe(false);
  });

  it('leaves a directory someone already filled alone', async () => {
    await createUser(db, claire);
    expect(await seedPeople(db)).toEqual([]);
    expect(listUsers(db).map((u) => u.username)).toEqual(['claire']);
  });

  it('reads the default database (SWITCHBOARD_DB) when given none', async () => {
    await seedPeople(db);
    closeDatabase(db);
    const previous = process.env.SWITCHBOARD_DB;
    process.env.SWITCHBOARD_DB = temp.db.file;
    try {
      expect(loadSipAccounts().map((account) => account.username)).toEqual([
        'alice',
        'alice~web',
        'bob',
        'bob~web',
        'julien',
        'julien~web',
      ]);
    } finally {
      if (previous === undefined) delete process.env.SWITCHBOARD_DB;
      else process.env.SWITCHBOARD_DB = previous;
      db = temp.db = openDatabase(temp.db.file);
    }
  });
});
