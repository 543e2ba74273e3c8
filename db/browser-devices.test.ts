import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  browserDeviceAccount,
  browserDeviceMd5Cred,
  browserDeviceOwner,
  fillMissingBrowserCredentials,
  setBrowserMd5Cred,
  unusableMd5Cred,
} from './browser-devices.ts';
import { seedPeople } from './seed.ts';
import { loadSipAccounts } from './sip-accounts.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import { getUserByUsername, sipMd5Cred } from './users.ts';

let temp: TempDatabase;
beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db, { demoSecrets: true });
});
afterEach(() => temp.dispose());

describe('browser device credentials', () => {
  it('start unset, then get a random value once, the same for every later load', () => {
    const bob = getUserByUsername(temp.db, 'bob')!;
    expect(browserDeviceOwner(temp.db, bob.id)!.browserMd5Cred).toBeNull();
    const first = loadSipAccounts(temp.db).find((account) => account.username === 'bob~web')!;
    expect(first.md5Cred).toMatch(/^[0-9a-f]{32}$/);
    expect(browserDeviceOwner(temp.db, bob.id)!.browserMd5Cred).toBe(first.md5Cred);
    expect(loadSipAccounts(temp.db).find((account) => account.username === 'bob~web')!.md5Cred).toBe(first.md5Cred);
    expect(fillMissingBrowserCredentials(temp.db)).toBe(0);
    // every person has their own
    const browsers = loadSipAccounts(temp.db).filter((account) => account.device === 'browser');
    expect(new Set(browsers.map((account) => account.md5Cred)).size).toBe(3);
  });

  it('are md5 of "<user>~web:asterisk:<password>", stored in lower case', () => {
    expect(browserDeviceMd5Cred('bob', 'secret')).toBe(sipMd5Cred('bob~web', 'secret'));
    const bob = getUserByUsername(temp.db, 'bob')!;
    setBrowserMd5Cred(temp.db, bob.id, 'AB'.repeat(16));
    expect(browserDeviceOwner(temp.db, bob.id)!.browserMd5Cred).toBe('ab'.repeat(16));
    expect(loadSipAccounts(temp.db).find((account) => account.username === 'bob~web')).toEqual({
      username: 'bob~web',
      extension: '6002',
      displayName: 'Bob',
      md5Cred: 'ab'.repeat(16),
      device: 'browser',
    });
  });

  it('fall back to a fresh random value for a person never given one', () => {
    const person = { username: 'carol', extension: '6010', displayName: 'Carol', browserMd5Cred: null };
    const a = browserDeviceAccount(person).md5Cred;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(browserDeviceAccount(person).md5Cred).not.toBe(a);
    expect(unusableMd5Cred()).not.toBe(unusableMd5Cred());
  });
});
