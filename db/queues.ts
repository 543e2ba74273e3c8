import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { QueueEntry, QueueEntryKind, QueueOffer, QueueStore } from '#runtime/queue/queue-store.ts';
import type { SwitchboardDb } from './client.ts';
import { queueCalls, queueEntries } from './schema.ts';

// The queue service's storage (runtime/queue/queue-store.ts) on SQLite: places in queues, so a restarted runtime
// keeps every caller's place, and queue_calls, the history of every queued call (reports, the benchmark's checks).

export function createQueueStore(db: SwitchboardDb): QueueStore {
  return {
    loadEntries: () =>
      db.orm
        .select()
        .from(queueEntries)
        .all()
        .map((row) => ({ ...row, kind: row.kind as QueueEntryKind })),
    lastSeq: () => {
      const [fromEntries] = db.orm
        .select({ seq: sql<number>`coalesce(max(${queueEntries.seq}), 0)` })
        .from(queueEntries)
        .all();
      const [fromHistory] = db.orm
        .select({ seq: sql<number>`coalesce(max(${queueCalls.seq}), 0)` })
        .from(queueCalls)
        .all();
      return Math.max(fromEntries?.seq ?? 0, fromHistory?.seq ?? 0);
    },
    saveEntry: (entry: QueueEntry) => {
      db.orm
        .insert(queueEntries)
        .values(entry)
        .onConflictDoUpdate({ target: queueEntries.id, set: { ...entry, id: undefined } })
        .run();
    },
    deleteEntry: (id) => {
      db.orm.delete(queueEntries).where(eq(queueEntries.id, id)).run();
    },
    startHistory: (row) => {
      db.orm
        .insert(queueCalls)
        .values({ ...row, offers: [] })
        .run();
    },
    addOffer: (historyId, offer: QueueOffer) => {
      // json_insert appends in SQL: no read-modify-write race between two agents' results.
      db.sqlite
        .prepare(`UPDATE queue_calls SET offers = json_insert(offers, '$[#]', json(?)) WHERE id = ?`)
        .run(JSON.stringify(offer), historyId);
    },
    finishHistory: (historyId, end) => {
      db.orm
        .update(queueCalls)
        .set(end)
        .where(and(eq(queueCalls.id, historyId), isNull(queueCalls.outcome)))
        .run();
    },
    reopenHistory: (historyId) => {
      db.orm.update(queueCalls).set({ outcome: null }).where(eq(queueCalls.id, historyId)).run();
    },
  };
}

export type QueueCallRow = typeof queueCalls.$inferSelect;

/** Queued calls of a department (or all), newest first, for history and reports. */
export function recentQueueCalls(
  db: SwitchboardDb,
  options: { department?: string; since?: number; limit?: number } = {},
): QueueCallRow[] {
  const conditions = [
    options.department ? sql`lower(${queueCalls.department}) = lower(${options.department})` : undefined,
    options.since !== undefined ? gte(queueCalls.enteredAt, options.since) : undefined,
  ].filter((condition) => condition !== undefined);
  return db.orm
    .select()
    .from(queueCalls)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(queueCalls.enteredAt))
    .limit(options.limit ?? 500)
    .all();
}

/** The queued calls of one call (a call may queue more than once), oldest first: the call detail page shows them. */
export function queueCallsOfCall(db: SwitchboardDb, callId: string): QueueCallRow[] {
  return db.orm.select().from(queueCalls).where(eq(queueCalls.callId, callId)).orderBy(queueCalls.enteredAt).all();
}
