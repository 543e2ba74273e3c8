import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount, type StaffAccount } from './auth.ts';
import type { SwitchboardDb } from './client.ts';
import { newId } from './ids.ts';
import { voicemailMessages } from './schema.ts';
import { seedPeople } from './seed.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import { deleteUser, getUserByUsername, updateUser, type UserRecord } from './users.ts';
import {
  deleteInboxMessage,
  findInboxMessage,
  inboxViewerFor,
  linkStaffToPerson,
  listBoxSummaries,
  listInboxMessages,
  listStaffPersonLinks,
  setMessageHeard,
  StaffPersonLinkError,
  unlinkStaff,
} from './voicemail-inbox.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
let alice: UserRecord;
let bob: UserRecord;
beforeEach(async () => {
  temp = openTempDatabase();
  db = temp.db;
  await seedPeople(db);
  alice = getUserByUsername(db, 'alice')!;
  bob = getUserByUsername(db, 'bob')!;
});
afterEach(() => temp.dispose());

/** A row as the runtime writes it (db/voicemail.ts); the inbox only depends on the table. */
function leaveMessage(fields: {
  box: string;
  userId: string | null;
  receivedAt: number;
  callerNumber?: string;
}): string {
  const id = newId('vm');
  db.orm
    .insert(voicemailMessages)
    .values({
      id,
      box: fields.box,
      userId: fields.userId,
      callerNumber: fields.callerNumber ?? '0612345678',
      callerName: 'Élodie Müller',
      receivedAt: fields.receivedAt,
      durationMs: 3000,
      audioPath: `/tmp/${id}.wav`,
    })
    .run();
  return id;
}

async function staff(username: string, role: 'admin' | 'editor' | 'viewer'): Promise<StaffAccount> {
  return createStaffAccount(db, { username, password: 'long enough password', role });
}

describe('who sees which box', () => {
  it('gives a linked account its person’s messages only, newest first, and an admin every box', async () => {
    // GIVEN two messages for bob, one for alice
    const older = leaveMessage({ box: '6002', userId: bob.id, receivedAt: 1_000 });
    const newer = leaveMessage({ box: '6002', userId: bob.id, receivedAt: 2_000 });
    const forAlice = leaveMessage({ box: '6001', userId: alice.id, receivedAt: 1_500 });
    const bobAccount = await staff('bob', 'viewer');
    const admin = await staff('ada', 'admin');
    linkStaffToPerson(db, { accountId: bobAccount.id, personId: bob.id, linkedBy: 'ada' });

    // THEN bob's account sees bob's box, newest first, with the owner's name and no file path
    const bobView = inboxViewerFor(db, bobAccount);
    expect(bobView).toEqual({
      kind: 'person',
      person: { id: bob.id, username: 'bob', extension: '6002', displayName: 'Bob' },
    });
    const listed = listInboxMessages(db, bobView);
    expect(listed.map((message) => message.id)).toEqual([newer, older]);
    expect(listed[0]).toEqual({
      id: newer,
      box: '6002',
      ownerName: 'Bob',
      callerNumber: '0612345678',
      callerName: 'Élodie Müller',
      receivedAt: 2_000,
      durationMs: 3000,
      heardAt: null,
    });
    expect(findInboxMessage(db, bobView, forAlice)).toBeNull();

    // AND the admin sees all three, and can narrow to one box
    const adminView = inboxViewerFor(db, admin);
    expect(adminView).toEqual({ kind: 'all-boxes' });
    expect(listInboxMessages(db, adminView).map((message) => message.id)).toEqual([newer, forAlice, older]);
    expect(listInboxMessages(db, adminView, { box: '6001' }).map((message) => message.id)).toEqual([forAlice]);
    expect(findInboxMessage(db, adminView, forAlice)?.audioPath).toBe(`/tmp/${forAlice}.wav`);
  });

  it('gives an unlinked editor nothing, even with a user name equal to a person’s', async () => {
    leaveMessage({ box: '6001', userId: alice.id, receivedAt: 1_000 });
    // GIVEN a staff account called "alice" that no administrator linked: names alone grant nothing
    const namesake = await staff('alice', 'editor');
    const view = inboxViewerFor(db, namesake);
    expect(view).toEqual({ kind: 'unlinked' });
    expect(listInboxMessages(db, view)).toEqual([]);
  });

  it('keeps messages with their person when the extension changes, and gives owner-less rows to the box holder', async () => {
    const account = await staff('alice', 'viewer');
    linkStaffToPerson(db, { accountId: account.id, personId: alice.id, linkedBy: 'ada' });
    const left = leaveMessage({ box: '6001', userId: alice.id, receivedAt: 1_000 });
    const ownerless = leaveMessage({ box: '6011', userId: null, receivedAt: 2_000 });

    // WHEN alice moves to 6011
    await updateUser(db, alice.id, { extension: '6011' });
    const view = inboxViewerFor(db, account);

    // THEN she still has the message left on 6001, and the row recorded for 6011 without a person
    expect(listInboxMessages(db, view).map((message) => message.id)).toEqual([ownerless, left]);
    expect(listInboxMessages(db, view)[0]?.ownerName).toBe('Alice');
  });
});

describe('heard and deleted', () => {
  it('marks heard once (keeping the first time), back to new, and refuses other people’s messages', async () => {
    const bobAccount = await staff('bob', 'viewer');
    linkStaffToPerson(db, { accountId: bobAccount.id, personId: bob.id, linkedBy: 'ada' });
    const view = inboxViewerFor(db, bobAccount);
    const mine = leaveMessage({ box: '6002', userId: bob.id, receivedAt: 1_000 });
    const hers = leaveMessage({ box: '6001', userId: alice.id, receivedAt: 1_000 });

    expect(setMessageHeard(db, view, mine, true, 5_000)).toBe('done');
    expect(setMessageHeard(db, view, mine, true, 9_000)).toBe('done');
    expect(findInboxMessage(db, view, mine)?.heardAt).toBe(5_000);
    expect(setMessageHeard(db, view, mine, false)).toBe('done');
    expect(findInboxMessage(db, view, mine)?.heardAt).toBeNull();

    expect(setMessageHeard(db, view, hers, true)).toBe('not-found');
    expect(deleteInboxMessage(db, view, hers)).toBe('not-found');
    expect(findInboxMessage(db, inboxViewerFor(db, await staff('ada', 'admin')), hers)?.heardAt).toBeNull();
  });

  it('soft-deletes: the row stays with deleted_at, the inbox hides it, a second delete is not-found', async () => {
    const admin = inboxViewerFor(db, await staff('ada', 'admin'));
    const id = leaveMessage({ box: '6002', userId: bob.id, receivedAt: 1_000 });
    expect(deleteInboxMessage(db, admin, id, 7_000)).toBe('done');
    expect(listInboxMessages(db, admin)).toEqual([]);
    expect(findInboxMessage(db, admin, id)).toBeNull();
    expect(deleteInboxMessage(db, admin, id)).toBe('not-found');
    const row = db.sqlite.prepare('SELECT deleted_at FROM voicemail_messages WHERE id = ?').get(id) as {
      deleted_at: number;
    };
    expect(row.deleted_at).toBe(7_000);
  });

  it('summarises boxes for the admin filter: every person, plus boxes without one, with new counts', () => {
    leaveMessage({ box: '6002', userId: bob.id, receivedAt: 1_000 });
    const heard = leaveMessage({ box: '6002', userId: bob.id, receivedAt: 2_000 });
    leaveMessage({ box: '6100', userId: null, receivedAt: 3_000 });
    setMessageHeard(db, { kind: 'all-boxes' }, heard, true);
    expect(listBoxSummaries(db)).toEqual([
      { box: '6001', ownerName: 'Alice', newMessages: 0, messages: 0 },
      { box: '6002', ownerName: 'Bob', newMessages: 1, messages: 2 },
      { box: '6004', ownerName: 'Julien', newMessages: 0, messages: 0 },
      { box: '6100', ownerName: null, newMessages: 1, messages: 1 },
    ]);
  });
});

describe('links between staff accounts and people', () => {
  it('links, relinks, refuses a person held by another account, unlinks, and follows deletions', async () => {
    const first = await staff('bob', 'viewer');
    const second = await staff('robert', 'viewer');
    linkStaffToPerson(db, { accountId: first.id, personId: alice.id, linkedBy: 'ada', now: 1 });
    // Relinking the same account moves it to the new person
    linkStaffToPerson(db, { accountId: first.id, personId: bob.id, linkedBy: 'ada', now: 2 });
    expect(listStaffPersonLinks(db)).toEqual([
      {
        accountId: first.id,
        accountUsername: 'bob',
        personId: bob.id,
        personUsername: 'bob',
        extension: '6002',
        linkedAt: 2,
        linkedBy: 'ada',
      },
    ]);
    const refusal = (() => {
      try {
        linkStaffToPerson(db, { accountId: second.id, personId: bob.id, linkedBy: 'ada' });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(StaffPersonLinkError);
    // The facts, for the page to say in its reader's language; the message, for logs and the API
    expect((refusal as StaffPersonLinkError).problem).toEqual({
      kind: 'already-linked',
      person: 'bob',
      account: 'bob',
    });
    expect((refusal as StaffPersonLinkError).message).toBe('bob is already linked to the account bob; unlink it first');
    expect(() => linkStaffToPerson(db, { accountId: second.id, personId: 'usr_nobody', linkedBy: 'ada' })).toThrow(
      /No person in the directory with id "usr_nobody"/,
    );
    expect(unlinkStaff(db, first.id)).toBe(true);
    expect(unlinkStaff(db, first.id)).toBe(false);

    // Deleting the person removes the link: the account falls back to no box
    linkStaffToPerson(db, { accountId: second.id, personId: bob.id, linkedBy: 'ada' });
    deleteUser(db, bob.id);
    expect(inboxViewerFor(db, second)).toEqual({ kind: 'unlinked' });
    expect(listStaffPersonLinks(db)).toEqual([]);
  });
});
