import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The queues' persistent half (docs/call-centre.md): who waits where, so a restarted runtime keeps every caller's
// place, and one history row per queued call for reports and the benchmark's order check.

/**
 * One place in a department's queue: a caller waiting on their channel, or a callback waiting for its turn. Deleted
 * when the place is left; its history row (queue_calls) stays. Order is priority (higher first), then seq.
 */
export const queueEntries = sqliteTable(
  'queue_entries',
  {
    id: text('id').primaryKey(),
    /** Department name, as queue nodes name it. */
    department: text('department').notNull(),
    priority: integer('priority').notNull(),
    /** Monotonic across all queues: FIFO within a priority, and callbacks keep the seq of the call they came from. */
    seq: integer('seq').notNull(),
    enteredAt: integer('entered_at').notNull(),
    /** 'caller' (waiting on its channel) or 'callback' (the caller hung up and waits to be called back). */
    kind: text('kind').notNull(),
    channelId: text('channel_id'),
    callId: text('call_id'),
    callerNumber: text('caller_number').notNull().default(''),
    callerName: text('caller_name').notNull().default(''),
    /** For callbacks: the dial string Switchboard rings the caller back on, and the attempts made so far. */
    callbackEndpoint: text('callback_endpoint'),
    callbackAttempts: integer('callback_attempts').notNull().default(0),
    /** The queue_calls row of this place. */
    historyId: text('history_id').notNull(),
  },
  (table) => [index('queue_entries_order_idx').on(table.department, table.priority, table.seq)],
);

/** Every queued call: where it waited, how long, who was rung, who answered, and how it ended. */
export const queueCalls = sqliteTable(
  'queue_calls',
  {
    id: text('id').primaryKey(),
    callId: text('call_id'),
    department: text('department').notNull(),
    priority: integer('priority').notNull(),
    seq: integer('seq').notNull(),
    callerNumber: text('caller_number').notNull().default(''),
    enteredAt: integer('entered_at').notNull(),
    /** 1 = first in line when it joined (callbacks counted). */
    positionAtEntry: integer('position_at_entry').notNull(),
    leftAt: integer('left_at'),
    /**
     * Null while waiting. answered | abandoned | timeout | full | no-agents | left-by-key | callback-requested |
     * callback-answered | callback-failed | lost.
     */
    outcome: text('outcome'),
    /** Time waited until answered or gone (ms). */
    waitMs: integer('wait_ms'),
    answeredBy: text('answered_by'),
    /**
     * Each agent rung for this call: { username, at, outcome, freeToRingMs, offeredAt } where freeToRingMs is how long
     * the agent had been free (and this caller waiting) before being rung, and offeredAt when the dispatcher chose them.
     */
    offers: text('offers', { mode: 'json' })
      .$type<{ username: string; at: number; outcome: string; freeToRingMs: number | null; offeredAt?: number }[]>()
      .notNull()
      .default([]),
  },
  (table) => [
    index('queue_calls_department_entered_idx').on(table.department, table.enteredAt),
    index('queue_calls_call_idx').on(table.callId),
  ],
);
