import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { seedPeople } from '#db/seed.ts';
import { waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { createPeopleSync, describeSync } from './asterisk-sync.ts';

let temp: TempDatabase;
beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db);
});
afterEach(() => temp.dispose());

describe('createPeopleSync', () => {
  it('pushes the directory each time the ARI link comes up, and only then', async () => {
    const asterisk = new FakeSipProvisioner();
    const sync = createPeopleSync(temp.db, asterisk);

    sync.onAriState('connecting');
    expect(asterisk.calls).toEqual([]);
    expect(sync.status()).toEqual({ state: 'waiting' });
    sync.onAriState('connected');
    await waitUntil(() => sync.status().state === 'synced', 2_000, 'the three seed people pushed');
    expect(asterisk.calls).toEqual(['apply alice', 'apply bob', 'apply julien']);

    sync.onAriState('disconnected');
    sync.onAriState('connected'); // Asterisk came back, maybe with an empty astdb: everyone again
    expect(sync.status().state).toBe('syncing');
    await waitUntil(
      () => asterisk.calls.length === 6 && sync.status().state === 'synced',
      2_000,
      'pushed again after the reconnection',
    );
  });

  it('reports a sync that left accounts behind as failed, with what went wrong', async () => {
    const asterisk = new FakeSipProvisioner();
    asterisk.fromPjsipConf.set('alice', {
      username: 'alice',
      extension: '6001',
      displayName: 'Alice',
      md5Cred: '0'.repeat(32),
    });
    const sync = createPeopleSync(temp.db, asterisk, () => 42);
    sync.onAriState('connected');
    await waitUntil(() => sync.status().state !== 'syncing', 2_000, 'the sync finished');
    expect(sync.status()).toEqual({
      state: 'failed',
      at: 42,
      message: expect.stringContaining('pjsip.conf defines alice differently'),
    });
  });
});

describe('describeSync', () => {
  it('says what was done and what needs a person', () => {
    expect(describeSync({ applied: ['carol'], removed: [], staleInPjsipConf: [], failed: [] })).toBe(
      '1 account(s) pushed; 0 removed',
    );
    expect(
      describeSync({
        applied: [],
        removed: ['ghost'],
        staleInPjsipConf: ['alice'],
        failed: [{ username: 'bob', message: 'HTTP 500' }],
      }),
    ).toBe(
      '0 account(s) pushed; 1 removed; pjsip.conf defines alice differently from the directory ' +
        '(it was written with --static-people: regenerate it, with or without that option, and reload res_pjsip); bob: HTTP 500',
    );
  });
});
