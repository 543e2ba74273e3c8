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
    // each person's phone and browser device
    expect(asterisk.calls).toEqual([
      'apply alice',
      'apply alice~web',
      'apply bob',
      'apply bob~web',
      'apply julien',
      'apply julien~web',
    ]);

    sync.onAriState('disconnected');
    sync.onAriState('connected'); // Asterisk came back, maybe with an empty astdb: everyone again
    expect(sync.status().state).toBe('syncing');
    await waitUntil(
      () => asterisk.calls.length === 12 && sync.status().state === 'synced',
      2_000,
      'pushed again after the reconnection',
    );
  });

  it("removes both accounts (phone and browser device) of a person who is gone, and keeps everyone else's", async () => {
    // GIVEN an Asterisk holding the accounts Switchboard pushed for "ghost", no longer in the directory
    const asterisk = new FakeSipProvisioner();
    const ghost = { username: 'ghost', extension: '6099', displayName: 'Ghost', md5Cred: '0'.repeat(32) };
    asterisk.accounts.set('ghost', ghost);
    asterisk.accounts.set('ghost~web', { ...ghost, username: 'ghost~web', device: 'browser' });
    // WHEN the link comes up
    const sync = createPeopleSync(temp.db, asterisk);
    sync.onAriState('connected');
    await waitUntil(() => sync.status().state === 'synced', 2_000, 'the sync finished');
    // THEN
    expect(asterisk.calls.filter((call) => call.startsWith('remove'))).toEqual(['remove ghost', 'remove ghost~web']);
    expect([...asterisk.accounts.keys()].sort()).toEqual([
      'alice',
      'alice~web',
      'bob',
      'bob~web',
      'julien',
      'julien~web',
    ]);
    expect(asterisk.accounts.get('bob~web')).toMatchObject({ device: 'browser', extension: '6002' });
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

describe('createPeopleSync when Asterisk fails a push', () => {
  it('tries again while the link stays up, until every account is in, then reports synced', async () => {
    // GIVEN an Asterisk that does not answer the first two pushes of alice in time (a busy machine)
    const asterisk = new FakeSipProvisioner();
    let aliceFailures = 2;
    const apply = asterisk.applyAccount.bind(asterisk);
    asterisk.applyAccount = async (account) => {
      if (account.username === 'alice' && aliceFailures-- > 0) {
        asterisk.calls.push('apply alice (no answer)');
        return { kind: 'failed', message: "Asterisk's ARI could not be reached: no answer in time" };
      }
      return apply(account);
    };
    const sync = createPeopleSync(temp.db, asterisk, Date.now, { firstMs: 20, maxMs: 40 });
    sync.onAriState('connected');
    await waitUntil(() => sync.status().state === 'failed', 2_000, 'the first sync left alice behind');
    expect(sync.status()).toMatchObject({ message: expect.stringContaining('alice: Asterisk') });
    // THEN it pushes again on its own, and alice's account gets in
    await waitUntil(() => sync.status().state === 'synced', 2_000, 'alice pushed on a later try');
    expect(asterisk.accounts.has('alice')).toBe(true);
    expect(asterisk.calls.filter((call) => /^apply alice( |$)/.test(call))).toEqual([
      'apply alice (no answer)',
      'apply alice (no answer)',
      'apply alice',
    ]);
  });

  it('stops trying when the link goes down, and never retries what needs a person (pjsip.conf)', async () => {
    const asterisk = new FakeSipProvisioner();
    asterisk.applyAccount = async (account) => {
      asterisk.calls.push(`apply ${account.username}`);
      return { kind: 'failed', message: 'no answer in time' };
    };
    const sync = createPeopleSync(temp.db, asterisk, Date.now, { firstMs: 30, maxMs: 30 });
    sync.onAriState('connected');
    await waitUntil(() => sync.status().state === 'failed', 2_000, 'the first sync failed');
    sync.onAriState('disconnected');
    const tries = asterisk.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 150)); // several retry delays: none may fire
    expect(asterisk.calls.length).toBe(tries);

    const stale = new FakeSipProvisioner();
    stale.fromPjsipConf.set('alice', {
      username: 'alice',
      extension: '6001',
      displayName: 'Alice',
      md5Cred: '0'.repeat(32),
    });
    const staleSync = createPeopleSync(temp.db, stale, Date.now, { firstMs: 10, maxMs: 10 });
    staleSync.onAriState('connected');
    await waitUntil(() => staleSync.status().state === 'failed', 2_000, 'the stale account reported');
    const staleTries = stale.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stale.calls.length).toBe(staleTries);
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
