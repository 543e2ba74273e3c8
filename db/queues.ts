import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { QueueEntry, QueueEntryKind, QueueOffer, QueueStore } from '#runtime/queue/queue-store.ts';
import type { SwitchboardDb } from './client.ts';
import { calls, queueCalls, queueEntries } from './schema.ts';

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

/** The queued stays of several calls (history pages), keyed by call id, each call's oldest first. */
export function queueCallsOfCalls(db: SwitchboardDb, callIds: readonly string[]): Map<string, QueueCallRow[]> {
  const byCall = new Map<string, QueueCallRow[]>();
  if (callIds.length === 0) return byCall;
  const rows = db.orm
    .select()
    .from(queueCalls)
    .where(inArray(queueCalls.callId, [...new Set(callIds)]))
    .orderBy(queueCalls.enteredAt)
    .all();
  for (const row of rows) {
    const list = byCall.get(row.callId!) ?? [];
    list.push(row);
    byCall.set(row.callId!, list);
  }
  return byCall;
}

/**
 * Queued calls that joined in [from, to), for the queue report: real calls only (a test call's history row is left
 * out; a row without a call, e.g. from the benchmark, counts).
 */
export function queueCallsBetween(db: SwitchboardDb, range: { from: number; to: number }): QueueCallRow[] {
  return db.orm
    .select({ row: queueCalls })
    .from(queueCalls)
    .leftJoin(calls, eq(calls.id, queueCalls.callId))
    .where(
      and(
        gte(queueCalls.enteredAt, range.from),
        lt(queueCalls.enteredAt, range.to),
        or(isNull(calls.id), eq(calls.simulated, false)),
      ),
    )
    .orderBy(queueCalls.enteredAt)
    .all()
    .map(({ row }) => row);
}

/** The places saved now (callers waiting, callbacks pending), for views of a runtime that runs in another process. */
export function savedQueuePlaces(db: SwitchboardDb): QueueEntry[] {
  return createQueueStore(db).loadEntries();
}
