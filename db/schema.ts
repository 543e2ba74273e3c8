import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { FlowDocument } from '#flows/document.ts';
import { staffAccounts } from './schema-auth.ts';

// The whole database. Conventions that keep a later move to PostgreSQL a matter of swapping the column builders:
// - timestamps are integer milliseconds since the epoch (bigint there), never SQLite date strings;
// - JSON is stored as text and parsed by drizzle (jsonb there); booleans are 0/1 integers (boolean there);
// - ids are opaque text made by newId() ("flw_3k9x..."), except call_events which is an append-only log.
// Migrations are generated from this file (npm run db:generate); change a table by ADDING columns, with defaults.

export const flows = sqliteTable(
  'flows',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The work in progress; may be invalid. Its name, description and numbers are copied to columns for listings. */
    draft: text('draft', { mode: 'json' }).$type<FlowDocument>().notNull(),
    /** The numbers the draft asks for (JSON array), so listings need not parse every draft. */
    draftNumbers: text('draft_numbers', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Bumped by every draft save; a save must name the revision it started from (optimistic locking). */
    revision: integer('revision').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** Flows are archived, never deleted, so call history keeps pointing at their versions. */
    archivedAt: integer('archived_at'),
  },
  (table) => [index('flows_updated_idx').on(table.archivedAt, table.updatedAt)],
);

/** Published, immutable snapshots of a flow. A trigger in the migrations refuses UPDATE and DELETE. */
export const flowVersions = sqliteTable(
  'flow_versions',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id),
    /** 1, 2, 3... per flow. */
    number: integer('number').notNull(),
    document: text('document', { mode: 'json' }).$type<FlowDocument>().notNull(),
    author: text('author').notNull(),
    comment: text('comment').notNull().default(''),
    publishedAt: integer('published_at').notNull(),
    /** The draft revision this version was published from (null when not known, e.g. imports). */
    sourceRevision: integer('source_revision'),
    /** Set when this version re-publishes an older one: that version's number. */
    revertedFrom: integer('reverted_from'),
  },
  (table) => [uniqueIndex('flow_versions_flow_number_unique').on(table.flowId, table.number)],
);

/** Which flow version answers a dialled number. One number, one version; a flow may hold several numbers. */
export const numberBindings = sqliteTable(
  'number_bindings',
  {
    number: text('number').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id),
    versionId: text('version_id')
      .notNull()
      .references(() => flowVersions.id),
    boundAt: integer('bound_at').notNull(),
  },
  (table) => [index('number_bindings_flow_idx').on(table.flowId)],
);

export const calls = sqliteTable(
  'calls',
  {
    id: text('id').primaryKey(),
    /** Asterisk channel id, or the simulator's session id. */
    channelId: text('channel_id').notNull(),
    dialledNumber: text('dialled_number').notNull(),
    callerNumber: text('caller_number').notNull().default(''),
    callerName: text('caller_name').notNull().default(''),
    simulated: integer('simulated', { mode: 'boolean' }).notNull().default(false),
    /** Null when the number was not in service (or a simulated draft had no version yet). */
    flowId: text('flow_id').references(() => flows.id),
    versionId: text('version_id').references(() => flowVersions.id),
    startedAt: integer('started_at').notNull(),
    /** Null while the call is running. */
    endedAt: integer('ended_at'),
    /** A CallOutcome (runtime/ports.ts); null while running. */
    outcome: text('outcome'),
    reason: text('reason'),
  },
  (table) => [
    // History pages by (started_at, id) descending, optionally narrowed by one of these columns: each filter has
    // its own index ending in (started_at, id), so a page is an index range read, never a sort of the whole table.
    index('calls_started_idx').on(table.startedAt, table.id),
    index('calls_flow_started_idx').on(table.flowId, table.startedAt, table.id),
    index('calls_number_started_idx').on(table.dialledNumber, table.startedAt, table.id),
    index('calls_outcome_started_idx').on(table.outcome, table.startedAt, table.id),
    // Running calls are few; a partial index keeps "what is still running?" cheap however long history grows.
    index('calls_running_idx')
      .on(table.flowId, table.channelId)
      .where(sql`${table.endedAt} IS NULL`),
  ],
);

/** What happened during a call, step by step: the source of history, live counts and analytics. */
export const callEvents = sqliteTable(
  'call_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** 1, 2, 3... within the call. */
    seq: integer('seq').notNull(),
    /** Milliseconds since the epoch. */
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    nodeId: text('node_id'),
    nodeType: text('node_type'),
    branch: text('branch'),
    digits: text('digits'),
    /**
     * The version the event happened in (it changes after a goto). Deliberately not a foreign key: the simulator
     * runs drafts, which have no version row.
     */
    versionId: text('version_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [
    uniqueIndex('call_events_call_seq_unique').on(table.callId, table.seq),
    index('call_events_version_node_idx').on(table.versionId, table.nodeId),
  ],
);

/**
 * Where a running call is (ARCHITECTURE.md, "State that must survive a crash"): the node it is in, its variables and
 * flow version, and what it waits in when that is held by Asterisk (a bridged dial, a conference room). Written as the
 * call enters each node; a runtime that restarts reads it to resume the calls Asterisk still has. One row per call,
 * deleted when the call ends.
 */
export const callPositions = sqliteTable('call_positions', {
  callId: text('call_id')
    .primaryKey()
    .references(() => calls.id, { onDelete: 'cascade' }),
  /** The flow version of the node (it changes after a goto). Not a foreign key, like call_events.version_id. */
  versionId: text('version_id').notNull(),
  nodeId: text('node_id').notNull(),
  /** The call's variables, a JSON object of strings. */
  variables: text('variables', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  /** What Asterisk holds for the call in this node: a CallHold (runtime/ports.ts), or null. */
  hold: text('hold', { mode: 'json' }).$type<Record<string, unknown>>(),
  updatedAt: integer('updated_at').notNull(),
});

/** The phone directory: people with a SIP account, an extension and a voicemail box. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  extension: text('extension').notNull().unique(),
  displayName: text('display_name').notNull(),
  email: text('email'),
  language: text('language').notNull().default('fr-FR'),
  /** Hex md5 of "username:asterisk:password", what PJSIP's auth_type=md5 wants; the password itself is never kept. */
  sipMd5Cred: text('sip_md5_cred').notNull(),
  /**
   * The same for the person's browser device ("<username>~web", the web app's softphone): md5 of
   * "<username>~web:asterisk:<password>", the password being derived from the staff session that last asked for it
   * (app/softphone/credentials.server.ts). Null until first needed; then, and whenever a password is revoked, a
   * random value that no password matches.
   */
  browserSipMd5Cred: text('browser_sip_md5_cred'),
  /** scrypt hash of the voicemail PIN, format in db/users.ts (hashPin). */
  voicemailPinHash: text('voicemail_pin_hash').notNull(),
  pinFailedAttempts: integer('pin_failed_attempts').notNull().default(0),
  pinLockedUntil: integer('pin_locked_until'),
  /** A recorded personal greeting, when the person made one. */
  greetingPath: text('greeting_path'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const voicemailMessages = sqliteTable(
  'voicemail_messages',
  {
    id: text('id').primaryKey(),
    /** The mailbox, i.e. the owner's extension when the message was left. */
    box: text('box').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    callerNumber: text('caller_number').notNull().default(''),
    callerName: text('caller_name').notNull().default(''),
    receivedAt: integer('received_at').notNull(),
    durationMs: integer('duration_ms').notNull().default(0),
    audioPath: text('audio_path').notNull(),
    heardAt: integer('heard_at'),
    /** Soft delete: the inbox hides it, the file is removed by a later clean-up. */
    deletedAt: integer('deleted_at'),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
  },
  (table) => [index('voicemail_box_received_idx').on(table.box, table.receivedAt)],
);

/**
 * Which directory person a staff (web) account is, so its holder hears that person's voicemail on the web
 * (docs/decisions/007-voicemail-web-access.md). Explicit, set by an administrator: never guessed from user names.
 * One person per account and one account per person.
 */
export const staffPersonLinks = sqliteTable('staff_person_links', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => staffAccounts.id, { onDelete: 'cascade' }),
  personId: text('person_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  linkedAt: integer('linked_at').notNull(),
  /** The administrator's user name. */
  linkedBy: text('linked_by').notNull(),
});

export const conferenceRooms = sqliteTable('conference_rooms', {
  id: text('id').primaryKey(),
  number: text('number').notNull().unique(),
  name: text('name').notNull(),
  options: text('options', { mode: 'json' })
    .$type<Record<string, unknown>>()
    .notNull()
    .default(sql`'{}'`),
  createdAt: integer('created_at').notNull(),
});

export const conferenceRecordings = sqliteTable(
  'conference_recordings',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => conferenceRooms.id, { onDelete: 'cascade' }),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    audioPath: text('audio_path').notNull(),
  },
  (table) => [index('conference_recordings_room_idx').on(table.roomId, table.startedAt)],
);

/** Sounds uploaded by staff, played by `play` nodes. */
export const audioFiles = sqliteTable('audio_files', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  path: text('path').notNull(),
  durationMs: integer('duration_ms').notNull().default(0),
  uploadedAt: integer('uploaded_at').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
});

export * from './schema-auth.ts';
export * from './schema-call-centre.ts';
export * from './schema-queues.ts';
export * from './schema-calendars.ts';
export * from './schema-provisioning.ts';
