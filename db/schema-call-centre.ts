import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { RING_STRATEGIES, type RingStrategy } from '#runtime/queue/departments.ts';
import { users } from './schema.ts';

// The call centre's directory data: departments (teams of people), who belongs to which with what penalty and
// whether they are logged in there, and each person's agent state (docs/decisions/015-agent-state.md).
// Same conventions as schema.ts: integer millisecond timestamps, opaque text ids, booleans as 0/1.

const STRATEGY_VALUES = sql.raw(RING_STRATEGIES.map((strategy) => `'${strategy}'`).join(', '));
export const AGENT_STATE_KINDS = ['logged-out', 'available', 'ringing', 'on-call', 'wrap-up', 'paused'] as const;
const STATE_VALUES = sql.raw(AGENT_STATE_KINDS.map((kind) => `'${kind}'`).join(', '));

export const departments = sqliteTable(
  'departments',
  {
    /** "dep_..." (db/ids.ts). */
    id: text('id').primaryKey(),
    /** Unique regardless of case: "Sales" and "sales" would be the same department to a caller. */
    name: text('name').notNull(),
    strategy: text('strategy').$type<RingStrategy>().notNull().default('ring-all'),
    agentRingSeconds: integer('agent_ring_seconds').notNull().default(15),
    retrySeconds: integer('retry_seconds').notNull().default(5),
    wrapUpSeconds: integer('wrap_up_seconds').notNull().default(10),
    widenPenaltyEverySeconds: integer('widen_penalty_every_seconds').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('departments_name_unique').on(sql`lower(${table.name})`),
    check('departments_strategy_check', sql`${table.strategy} IN (${STRATEGY_VALUES})`),
  ],
);

export const departmentMembers = sqliteTable(
  'department_members',
  {
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    /** Removing a person from the directory removes their memberships. */
    personId: text('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 0..99, lower is rung first (app_queue member penalty). */
    penalty: integer('penalty').notNull().default(0),
    loggedIn: integer('logged_in', { mode: 'boolean' }).notNull().default(false),
    addedAt: integer('added_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.departmentId, table.personId] }),
    index('department_members_person_idx').on(table.personId),
    check('department_members_penalty_check', sql`${table.penalty} BETWEEN 0 AND 99`),
  ],
);

/**
 * One row per person who was ever an agent (none: logged out). The columns hold the AgentState union of
 * runtime/queue/departments.ts: `department_id` for ringing/on-call, `until` for wrap-up, `reason` for paused.
 * `pending_pause_reason` is a pause asked for while the runtime held the agent (ringing, on a call): it takes effect
 * when the runtime lets go of them.
 */
export const agentStatuses = sqliteTable(
  'agent_statuses',
  {
    personId: text('person_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').$type<(typeof AGENT_STATE_KINDS)[number]>().notNull(),
    departmentId: text('department_id'),
    reason: text('reason'),
    until: integer('until'),
    pendingPauseReason: text('pending_pause_reason'),
    since: integer('since').notNull(),
    lastCallEndedAt: integer('last_call_ended_at'),
    callsTaken: integer('calls_taken').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [check('agent_statuses_state_check', sql`${table.state} IN (${STATE_VALUES})`)],
);
