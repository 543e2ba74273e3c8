import { and, asc, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SwitchboardDb } from './client.ts';
import { staffAccounts, staffPersonLinks, users, voicemailMessages } from './schema.ts';
import type { StaffRole } from './staff-roles.ts';

// The web inbox's side of voicemail_messages: who may see which messages, listing, "heard" and (soft) delete.
// The runtime writes the rows (db/voicemail.ts); this module only reads them and sets heard_at / deleted_at.
// Who is who: a staff account linked to a directory person (staff_person_links, set by an administrator) sees that
// person's box; administrators see every box. See docs/decisions/007-voicemail-web-access.md.

/** Whose messages a signed-in staff account may see and act on. Decided once per request by inboxViewerFor. */
export type InboxViewer =
  | { kind: 'all-boxes' }
  | { kind: 'person'; person: { id: string; extension: string; displayName: string } }
  /** A non-admin account no administrator has linked to a directory person: no box at all. */
  | { kind: 'unlinked' };

export interface LinkedPerson {
  id: string;
  username: string;
  extension: string;
  displayName: string;
}

/** The directory person this staff account is, or null. */
export function linkedPersonOf(db: SwitchboardDb, accountId: string): LinkedPerson | null {
  return (
    db.orm
      .select({ id: users.id, username: users.username, extension: users.extension, displayName: users.displayName })
      .from(staffPersonLinks)
      .innerJoin(users, eq(users.id, staffPersonLinks.personId))
      .where(eq(staffPersonLinks.accountId, accountId))
      .get() ?? null
  );
}

export function inboxViewerFor(db: SwitchboardDb, account: { id: string; role: StaffRole }): InboxViewer {
  if (account.role === 'admin') return { kind: 'all-boxes' };
  const person = linkedPersonOf(db, account.id);
  return person ? { kind: 'person', person } : { kind: 'unlinked' };
}

/**
 * The messages `viewer` may see. A person owns a message left for them (user_id); a row without user_id (left for
 * a box no person held at the time) belongs to whoever has that extension now.
 */
function visibleTo(viewer: InboxViewer): SQL | undefined {
  const notDeleted = isNull(voicemailMessages.deletedAt);
  switch (viewer.kind) {
    case 'all-boxes':
      return notDeleted;
    case 'person':
      return and(
        notDeleted,
        or(
          eq(voicemailMessages.userId, viewer.person.id),
          and(isNull(voicemailMessages.userId), eq(voicemailMessages.box, viewer.person.extension)),
        ),
      );
    case 'unlinked':
      return sql`0`;
  }
}

/** A message as the inbox shows it: never the file path, which stays on the server. */
export interface InboxMessage {
  id: string;
  box: string;
  /** The box owner's name, when the box belongs to a person of the directory. */
  ownerName: string | null;
  callerNumber: string;
  callerName: string;
  receivedAt: number;
  durationMs: number;
  /** Null while the message is new. */
  heardAt: number | null;
}

const messageColumns = {
  id: voicemailMessages.id,
  box: voicemailMessages.box,
  ownerName: users.displayName,
  callerNumber: voicemailMessages.callerNumber,
  callerName: voicemailMessages.callerName,
  receivedAt: voicemailMessages.receivedAt,
  durationMs: voicemailMessages.durationMs,
  heardAt: voicemailMessages.heardAt,
};

// The owner is the person the message was left for, or, for a row without one, whoever holds the box number now.
const ownerJoin = or(
  eq(users.id, voicemailMessages.userId),
  and(isNull(voicemailMessages.userId), eq(users.extension, voicemailMessages.box)),
);

export interface ListInboxOptions {
  /** Only this box (the filter administrators get); ignored rows stay invisible anyway. */
  box?: string;
}

/** The viewer's messages, newest first. */
export function listInboxMessages(
  db: SwitchboardDb,
  viewer: InboxViewer,
  options: ListInboxOptions = {},
): InboxMessage[] {
  return db.orm
    .select(messageColumns)
    .from(voicemailMessages)
    .leftJoin(users, ownerJoin)
    .where(and(visibleTo(viewer), options.box ? eq(voicemailMessages.box, options.box) : undefined))
    .orderBy(desc(voicemailMessages.receivedAt), desc(voicemailMessages.id))
    .all();
}

/** One message with where its audio lies, or null when it does not exist, is deleted or is not the viewer's. */
export function findInboxMessage(
  db: SwitchboardDb,
  viewer: InboxViewer,
  messageId: string,
): (InboxMessage & { audioPath: string }) | null {
  return (
    db.orm
      .select({ ...messageColumns, audioPath: voicemailMessages.audioPath })
      .from(voicemailMessages)
      .leftJoin(users, ownerJoin)
      .where(and(visibleTo(viewer), eq(voicemailMessages.id, messageId)))
      .get() ?? null
  );
}

export type InboxChange = 'done' | 'not-found';

/**
 * Marks a message heard (or new again). Heard twice keeps the first time: that is when the person first heard it.
 * 'not-found' when the viewer may not see the message, so callers answer 404 and reveal nothing.
 */
export function setMessageHeard(
  db: SwitchboardDb,
  viewer: InboxViewer,
  messageId: string,
  heard: boolean,
  now = Date.now(),
): InboxChange {
  const heardAt = heard ? sql`coalesce(${voicemailMessages.heardAt}, ${now})` : null;
  const result = db.orm
    .update(voicemailMessages)
    .set({ heardAt })
    .where(and(visibleTo(viewer), eq(voicemailMessages.id, messageId)))
    .run();
  return result.changes > 0 ? 'done' : 'not-found';
}

/** Soft delete: the row and file stay for a later clean-up, the inbox (web and phone) no longer shows it. */
export function deleteInboxMessage(
  db: SwitchboardDb,
  viewer: InboxViewer,
  messageId: string,
  now = Date.now(),
): InboxChange {
  const result = db.orm
    .update(voicemailMessages)
    .set({ deletedAt: now })
    .where(and(visibleTo(viewer), eq(voicemailMessages.id, messageId)))
    .run();
  return result.changes > 0 ? 'done' : 'not-found';
}

export interface BoxSummary {
  box: string;
  ownerName: string | null;
  newMessages: number;
  messages: number;
}

/** Every box holding messages, plus every person's box even when empty: what the administrators' filter offers. */
export function listBoxSummaries(db: SwitchboardDb): BoxSummary[] {
  const counted = db.orm
    .select({
      box: voicemailMessages.box,
      messages: sql<number>`count(*)`,
      newMessages: sql<number>`sum(case when ${voicemailMessages.heardAt} is null then 1 else 0 end)`,
    })
    .from(voicemailMessages)
    .where(isNull(voicemailMessages.deletedAt))
    .groupBy(voicemailMessages.box)
    .all();
  const people = db.orm.select({ extension: users.extension, displayName: users.displayName }).from(users).all();
  const byBox = new Map<string, BoxSummary>();
  for (const person of people) {
    byBox.set(person.extension, { box: person.extension, ownerName: person.displayName, newMessages: 0, messages: 0 });
  }
  for (const row of counted) {
    const summary = byBox.get(row.box) ?? { box: row.box, ownerName: null, newMessages: 0, messages: 0 };
    byBox.set(row.box, { ...summary, messages: row.messages, newMessages: row.newMessages });
  }
  return [...byBox.values()].sort((a, b) => a.box.localeCompare(b.box, 'en', { numeric: true }));
}

// ---------------------------------------------------------------------------------------------------------------
// Links between staff accounts and directory people (administrators set them on /voicemail/access)

/** Why a link was refused, as facts a page can put in its reader's language; the message is for logs and the API. */
export type StaffPersonLinkProblem =
  | { kind: 'no-account'; accountId: string }
  | { kind: 'no-person'; personId: string }
  | { kind: 'already-linked'; person: string; account: string };

export class StaffPersonLinkError extends Error {
  override readonly name = 'StaffPersonLinkError';
  constructor(readonly problem: StaffPersonLinkProblem) {
    super(linkProblemMessage(problem));
  }
}

function linkProblemMessage(problem: StaffPersonLinkProblem): string {
  switch (problem.kind) {
    case 'no-account':
      return `No staff account with id "${problem.accountId}"`;
    case 'no-person':
      return `No person in the directory with id "${problem.personId}"`;
    case 'already-linked':
      return `${problem.person} is already linked to the account ${problem.account}; unlink it first`;
  }
}

export interface StaffPersonLink {
  accountId: string;
  accountUsername: string;
  personId: string;
  personUsername: string;
  extension: string;
  linkedAt: number;
  linkedBy: string;
}

export function listStaffPersonLinks(db: SwitchboardDb): StaffPersonLink[] {
  return db.orm
    .select({
      accountId: staffPersonLinks.accountId,
      accountUsername: staffAccounts.username,
      personId: staffPersonLinks.personId,
      personUsername: users.username,
      extension: users.extension,
      linkedAt: staffPersonLinks.linkedAt,
      linkedBy: staffPersonLinks.linkedBy,
    })
    .from(staffPersonLinks)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffPersonLinks.accountId))
    .innerJoin(users, eq(users.id, staffPersonLinks.personId))
    .orderBy(asc(staffAccounts.username))
    .all();
}

/**
 * Makes `accountId` the web account of `personId` (replacing any person it was linked to before). Refuses a person
 * already linked to another account: two accounts on one box would be a surprise, so the administrator unlinks first.
 */
export function linkStaffToPerson(
  db: SwitchboardDb,
  input: { accountId: string; personId: string; linkedBy: string; now?: number },
): void {
  db.orm.transaction((tx) => {
    const account = tx
      .select({ username: staffAccounts.username })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, input.accountId))
      .get();
    if (!account) throw new StaffPersonLinkError({ kind: 'no-account', accountId: input.accountId });
    const person = tx.select({ username: users.username }).from(users).where(eq(users.id, input.personId)).get();
    if (!person) throw new StaffPersonLinkError({ kind: 'no-person', personId: input.personId });
    const holder = tx
      .select({ accountId: staffPersonLinks.accountId, username: staffAccounts.username })
      .from(staffPersonLinks)
      .innerJoin(staffAccounts, eq(staffAccounts.id, staffPersonLinks.accountId))
      .where(eq(staffPersonLinks.personId, input.personId))
      .get();
    if (holder && holder.accountId !== input.accountId) {
      throw new StaffPersonLinkError({ kind: 'already-linked', person: person.username, account: holder.username });
    }
    const values = { personId: input.personId, linkedAt: input.now ?? Date.now(), linkedBy: input.linkedBy };
    tx.insert(staffPersonLinks)
      .values({ accountId: input.accountId, ...values })
      .onConflictDoUpdate({ target: staffPersonLinks.accountId, set: values })
      .run();
  });
}

/** Removes the account's link; true when there was one. */
export function unlinkStaff(db: SwitchboardDb, accountId: string): boolean {
  return db.orm.delete(staffPersonLinks).where(eq(staffPersonLinks.accountId, accountId)).run().changes > 0;
}
