import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount, createStaffSession, type StaffAccount } from '#db/auth.ts';
import { browserDeviceOwner } from '#db/browser-devices.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { getUserByUsername, sipMd5Cred } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { softphoneCredentialsSchema } from './credentials.ts';
import {
  revokeSessionSoftphone,
  softphoneCredentials,
  softphonePassword,
  type SoftphoneDeps,
} from './credentials.server.ts';

describe('softphonePassword', () => {
  it('is base64url(HMAC-SHA256(session id, "switchboard softphone <username>")): stable per session, else different', () => {
    const expected = createHmac('sha256', 'session-1').update('switchboard softphone bob').digest('base64url');
    expect(softphonePassword('session-1', 'bob')).toBe(expected);
    expect(softphonePassword('session-1', 'bob')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(softphonePassword('session-2', 'bob')).not.toBe(expected);
    expect(softphonePassword('session-1', 'alice')).not.toBe(expected);
  });
});

describe('softphoneCredentials', () => {
  let temp: TempDatabase;
  let account: StaffAccount;
  let deps: SoftphoneDeps;
  let asterisk: FakeSipProvisioner;
  beforeEach(async () => {
    temp = openTempDatabase();
    await seedPeople(temp.db);
    account = await createStaffAccount(temp.db, { username: 'bobby', password: 'bob answers calls', role: 'viewer' });
    asterisk = new FakeSipProvisioner();
    deps = { db: temp.db, provisioner: asterisk, iceServers: [] };
  });
  afterEach(() => temp.dispose());

  it('names the browser device after the host the page came from, without its port', async () => {
    linkStaffToPerson(temp.db, {
      accountId: account.id,
      personId: getUserByUsername(temp.db, 'bob')!.id,
      linkedBy: 't',
    });
    const session = createStaffSession(temp.db, account.id);
    const answer = await softphoneCredentials(deps, { account, session }, 'https://pbx.example.org:8443/softphone/x');
    expect(softphoneCredentialsSchema.parse(answer)).toMatchObject({
      status: 'ready',
      sipUri: 'sip:bob~web@pbx.example.org',
      iceServers: [],
    });
  });

  it('still answers ready without ARI settings: the credential reaches Asterisk at the next sync', async () => {
    linkStaffToPerson(temp.db, {
      accountId: account.id,
      personId: getUserByUsername(temp.db, 'bob')!.id,
      linkedBy: 't',
    });
    const session = createStaffSession(temp.db, account.id);
    const answer = await softphoneCredentials({ ...deps, provisioner: null }, { account, session }, 'http://x/');
    if (answer.status !== 'ready') throw new Error('expected ready');
    const bob = browserDeviceOwner(temp.db, getUserByUsername(temp.db, 'bob')!.id)!;
    expect(bob.browserMd5Cred).toBe(sipMd5Cred('bob~web', answer.password));
    // signing out of another session leaves it; of this one revokes it
    expect(await revokeSessionSoftphone(deps, { account, session: createStaffSession(temp.db, account.id) })).toBe(
      false,
    );
    expect(await revokeSessionSoftphone(deps, { account, session })).toBe(true);
    expect(browserDeviceOwner(temp.db, bob.id)!.browserMd5Cred).not.toBe(bob.browserMd5Cred);
  });
});
