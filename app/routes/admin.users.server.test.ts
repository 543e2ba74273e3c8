// The staff page's storage work for the "Phone of" column: which person each account is, and changing it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount, type StaffAccount } from '#db/auth.ts';
import { browserDeviceOwner, setBrowserMd5Cred } from '#db/browser-devices.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkedPersonOf, linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { translatorFor } from '#i18n/translator.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { changeStaffAccounts, loadStaffPage, type StaffActionResult } from './admin.users.server.ts';
import { personalPhone } from './settings.server.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
let ada: StaffAccount;
let bobby: StaffAccount;
let asterisk: FakeSipProvisioner;
beforeEach(async () => {
  temp = openTempDatabase();
  db = temp.db;
  await seedPeople(db);
  ada = await createStaffAccount(db, { username: 'ada', password: 'ada administers', role: 'admin' });
  bobby = await createStaffAccount(db, { username: 'bobby', password: 'bob answers calls', role: 'viewer' });
  asterisk = new FakeSipProvisioner();
});
afterEach(() => temp.dispose());

const personId = (username: string) => getUserByUsername(db, username)!.id;

async function setPerson(accountId: string, person: string, language: 'en' | 'fr' = 'en') {
  const form = new FormData();
  form.set('intent', 'set-person');
  form.set('accountId', accountId);
  form.set('personId', person);
  const answer = await changeStaffAccounts(db, ada, form, translatorFor(language), {
    db,
    provisioner: asterisk,
    iceServers: [],
  });
  // changeStaffAccounts answers plain results on success and data(...) on refusal
  const result = (
    'data' in (answer as object) ? (answer as { data: StaffActionResult }).data : answer
  ) as StaffActionResult;
  const status = 'init' in (answer as object) ? ((answer as { init?: { status?: number } }).init?.status ?? 200) : 200;
  return { result, status };
}

describe('the staff page: Phone of', () => {
  it('lists each account with the person it is linked to, and every person to choose from', () => {
    linkStaffToPerson(db, { accountId: bobby.id, personId: personId('bob'), linkedBy: 'ada' });
    const page = loadStaffPage(db, ada);
    expect(page.accounts.map((account) => [account.username, account.personId])).toEqual([
      ['ada', null],
      ['bobby', personId('bob')],
    ]);
    expect(page.people).toEqual([
      { id: personId('alice'), name: 'Alice', extension: '6001' },
      { id: personId('bob'), name: 'Bob', extension: '6002' },
      { id: personId('julien'), name: 'Julien', extension: '6004' },
    ]);
  });

  it('links an account to a person, and back to nobody', async () => {
    const linked = await setPerson(bobby.id, personId('bob'));
    expect(linked.result.done).toBe('bobby now uses the phone of Bob (6002).');
    expect(linkedPersonOf(db, bobby.id)?.username).toBe('bob');
    expect(personalPhone(db, bobby.id)).toEqual({ name: 'Bob', extension: '6002' });

    const unlinked = await setPerson(bobby.id, '');
    expect(unlinked.result.done).toBe("bobby no longer uses anyone's phone.");
    expect(linkedPersonOf(db, bobby.id)).toBeNull();
    expect(personalPhone(db, bobby.id)).toBeNull();
  });

  it('refuses a person another account already has, saying which, in the reader’s language', async () => {
    linkStaffToPerson(db, { accountId: ada.id, personId: personId('bob'), linkedBy: 'ada' });
    const refused = await setPerson(bobby.id, personId('bob'));
    expect(refused.status).toBe(409);
    expect(refused.result.formError).toBe(
      'Bob (6002) is already the phone of the account ada: set that account to "None" first.',
    );
    expect(linkedPersonOf(db, bobby.id)).toBeNull();
    const enFrançais = await setPerson(bobby.id, personId('bob'), 'fr');
    expect(enFrançais.result.formError).toContain('Bob (6002) est déjà le téléphone du compte ada');
    expect((await setPerson(bobby.id, 'usr_nobody')).result.formError).toBe(
      'This person is no longer in the directory.',
    );
  });

  it('revokes the softphone password of the person the account stops being, and pushes it', async () => {
    linkStaffToPerson(db, { accountId: bobby.id, personId: personId('bob'), linkedBy: 'ada' });
    setBrowserMd5Cred(db, personId('bob'), 'ab'.repeat(16)); // a password issued to one of bobby's sessions
    await setPerson(bobby.id, personId('alice'));
    const revoked = browserDeviceOwner(db, personId('bob'))!.browserMd5Cred;
    expect(revoked).toMatch(/^[0-9a-f]{32}$/);
    expect(revoked).not.toBe('ab'.repeat(16));
    expect(asterisk.calls).toEqual(['auth bob~web']);
    expect(asterisk.accounts.get('bob~web')?.md5Cred).toBe(revoked);
  });
});
