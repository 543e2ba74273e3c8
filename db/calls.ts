import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type {
  CallEventInput,
  CallEventKind,
  CallHold,
  CallOutcome,
  CallPosition,
  CallRecorder,
  CallStartInput,
  OpenCall,
} from '#runtime/ports.ts';
import type { SwitchboardDb } from './client.ts';
import { CallNotFoundError } from './errors.ts';
import { newId } from './ids.ts';
import { callEvents, callPositions, calls, flowVersions, flows } from './schema.ts';

// Call history: the runtime writes it through a CallRecorder while calls run; the app reads it page by page.

/** Why closeCallsNotIn ended a call; shown in history. */
export const LOST_CHANNEL_REASON = 'The channel no longer exists (Asterisk restarted or the connection was lost)';

function newCallId(): string {
  return newId('call');
}

/**
 * The runtime's CallRecorder on this database. Every write is one prepared statement (a call writes a handful of
 * rows per step), and each is safe to run from two processes at once.
 */

export function createCallRecorder(db: SwitchboardDb): CallRecorder & {
  writeCallStart(id: string, input: CallStartInput): void;
} {
  const insertCall = db.orm
    .insert(calls)
    .values({
      id: sql.placeholder('id'),
      channelId: sql.placeholder('channelId'),
      dialledNumber: sql.placeholder('dialledNumber'),
      callerNumber: sql.placeholder('callerNumber'),
      callerName: sql.placeholder('callerName'),
      simulated: sql.placeholder('simulated'),
      flowId: sql.placeholder('flowId'),
      versionId: sql.placeholder('versionId'),
      startedAt: sql.placeholder('startedAt'),
    })
    .prepare();

  // seq is computed in the INSERT itself (an index lookup on (call_id, seq)), so no counter has to live in memory
  // and a call's events stay numbered in order even if a second process writes to it.
  const insertEvent = db.orm
    .insert(callEvents)
    .values({
      callId: sql.placeholder('callId'),
      seq: sql`(SELECT coalesce(max(${callEvents.seq}), 0) + 1 FROM ${callEvents} WHERE ${callEvents.callId} = ${sql.placeholder('callId')})`,
      at: sql.placeholder('at'),
      kind: sql.placeholder('kind'),
      nodeId: sql.placeholder('nodeId'),
      nodeType: sql.placeholder('nodeType'),
      branch: sql.placeholder('branch'),
      digits: sql.placeholder('digits'),
      versionId: sql.placeholder('versionId'),
      // Wrapped in sql`` so drizzle binds our JSON text as is (its json encoder would store a missing detail as
      // the text 'null' instead of NULL).
      detail: sql`${sql.placeholder('detail')}`,
    })
    .prepare();

  // "AND ended_at IS NULL" makes ending idempotent: the first outcome recorded is the one that stays.
  const endRunningCall = db.orm
    .update(calls)
    .set({
      endedAt: sql`${sql.placeholder('endedAt')}`,
      outcome: sql`${sql.placeholder('outcome')}`,
      reason: sql`${sql.placeholder('reason')}`,
    })
    .where(and(eq(calls.id, sql.placeholder('id')), isNull(calls.endedAt)))
    .prepare();

  const callExists = db.orm
    .select({ id: calls.id })
    .from(calls)
    .where(eq(calls.id, sql.placeholder('id')))
    .prepare();

  const upsertPosition = db.orm
    .insert(callPositions)
    .values({
      callId: sql.placeholder('callId'),
      versionId: sql.placeholder('versionId'),
      nodeId: sql.placeholder('nodeId'),
      variables: sql`${sql.placeholder('variables')}`,
      hold: sql`${sql.placeholder('hold')}`,
      updatedAt: sql.placeholder('updatedAt'),
    })
    .onConflictDoUpdate({
      target: callPositions.callId,
      set: {
        versionId: sql`excluded.version_id`,
        nodeId: sql`excluded.node_id`,
        variables: sql`excluded.variables`,
        hold: sql`excluded.hold`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare();

  // A call that is over has no position: only running calls can be resumed.
  const deletePosition = db.orm
    .delete(callPositions)
    .where(eq(callPositions.callId, sql.placeholder('id')))
    .prepare();

  const runningRealCalls = db.orm
    .select({ id: calls.id, channelId: calls.channelId })
    .from(calls)
    .where(and(isNull(calls.endedAt), eq(calls.simulated, false)))
    .prepare();

  return {
    startCall(input: CallStartInput): string {
      const id = newCallId();
      insertCall.run({ id, ...input });
      return id;
    },

    /** startCall with an id chosen before (the buffered recorder's). */
    writeCallStart(id: string, input: CallStartInput): void {
      insertCall.run({ id, ...input });
    },

    appendEvent(callId: string, event: CallEventInput): void {
      try {
        insertEvent.run({
          callId,
          at: event.at,
          kind: event.kind,
          nodeId: event.nodeId ?? null,
          nodeType: event.nodeType ?? null,
          branch: event.branch ?? null,
          digits: event.digits ?? null,
          versionId: event.versionId ?? null,
          detail: event.detail === undefined ? null : JSON.stringify(event.detail),
        });
      } catch (error) {
        if (isForeignKeyFailure(error)) throw new CallNotFoundError(callId);
        throw error;
      }
    },

    endCall(callId: string, outcome: CallOutcome, endedAt: number, reason?: string): void {
      const result = endRunningCall.run({ id: callId, endedAt, outcome, reason: reason ?? null });
      deletePosition.run({ id: callId });
      if (result.changes === 0 && !callExists.get({ id: callId })) throw new CallNotFoundError(callId);
    },

    savePosition(callId: string, position: CallPosition): void {
      try {
        upsertPosition.run({
          callId,
          versionId: position.versionId,
          nodeId: position.nodeId,
          variables: JSON.stringify(position.variables),
          hold: position.hold === null ? null : JSON.stringify(position.hold),
          updatedAt: position.at,
        });
      } catch (error) {
        if (isForeignKeyFailure(error)) throw new CallNotFoundError(callId);
        throw error;
      }
    },

    /**
     * Closes, as 'lost', the running calls of real channels that are not in `liveChannelIds` (what Asterisk reports
     * after a restart or reconnection). Simulated calls are left alone: their channels are not Asterisk's; see
     * closeAbandonedSimulations.
     */
    closeCallsNotIn(liveChannelIds: Set<string>, endedAt: number): number {
      return db.orm.transaction(
        () => {
          let closed = 0;
          for (const call of runningRealCalls.all()) {
            if (liveChannelIds.has(call.channelId)) continue;
            closed += endRunningCall.run({
              id: call.id,
              endedAt,
              outcome: 'lost',
              reason: LOST_CHANNEL_REASON,
            }).changes;
            deletePosition.run({ id: call.id });
          }
          return closed;
        },
        { behavior: 'immediate' },
      );
    },
  };
}

export interface BufferedCallRecorder extends CallRecorder {
  /** Writes the events still waiting; endCall and closeCallsNotIn do it first on their own. */
  flush(): void;
}

/**
 * How long events wait to be written together. One transaction per turn of the event loop was one commit per event
 * under load (events arrive spread out); a short window makes it one per window for all calls, which the CPU profile
 * of `npm run bench:runtime` showed to matter (docs/decisions/023-runtime-efficiency.md). A crash loses at most this
 * much of the record; a call's end is written in the same window, after its events.
 */
export const RECORD_BATCH_WINDOW_MS = 25;

/**
 * A CallRecorder for the live runtime: events are queued and written together in one transaction per batch window,
 * so a caller's next prompt never waits behind SQLite commits (or a WAL checkpoint) of this call or of hundreds of
 * others. Event times are taken when they happen, not when written. A call's end is written after its queued events,
 * in the same transaction, so a closed call's record is always complete.
 */
export function createBufferedCallRecorder(
  db: SwitchboardDb,
  onWriteError: (error: unknown, callId: string) => void,
  options: { batchWindowMs?: number } = {},
): BufferedCallRecorder {
  const direct = createCallRecorder(db);
  const batchWindowMs = options.batchWindowMs ?? RECORD_BATCH_WINDOW_MS;
  // What the window collected, written in this order in one transaction: a call's row before its events, its
  // events and position before its end (which removes the position).
  let starts: { id: string; input: CallStartInput }[] = [];
  let events: { callId: string; event: CallEventInput }[] = [];
  // Only the latest position of each call matters: a call that crossed three nodes in one window writes one row.
  let positions = new Map<string, CallPosition>();
  let ends: { callId: string; outcome: CallOutcome; endedAt: number; reason: string | undefined }[] = [];
  let scheduled: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    scheduled ??= setTimeout(flush, batchWindowMs);
  };

  type Batch = { starts: typeof starts; events: typeof events; positions: typeof positions; ends: typeof ends };
  type Write = (write: () => void, callId: string) => void;
  const writeAll = (batch: Batch, run: Write) => {
    for (const { id, input } of batch.starts) run(() => direct.writeCallStart(id, input), id);
    for (const { callId, event } of batch.events) run(() => direct.appendEvent(callId, event), callId);
    for (const [callId, position] of batch.positions) run(() => direct.savePosition!(callId, position), callId);
    for (const { callId, outcome, endedAt, reason } of batch.ends)
      run(() => direct.endCall(callId, outcome, endedAt, reason), callId);
  };

  const flush = () => {
    if (scheduled) clearTimeout(scheduled);
    scheduled = null;
    if (starts.length === 0 && events.length === 0 && positions.size === 0 && ends.length === 0) return;
    const batch: Batch = { starts, events, positions, ends };
    starts = [];
    events = [];
    positions = new Map();
    ends = [];
    try {
      db.orm.transaction(() => writeAll(batch, (write) => write()));
    } catch {
      // One bad write (its call vanished) must not lose the others: write them one by one instead.
      writeAll(batch, (write, callId) => {
        try {
          write();
        } catch (error) {
          onWriteError(error, callId);
        }
      });
    }
  };

  return {
    startCall(input) {
      // The id is ours, so the row can wait for the window like the rest; reads of a call flush first (openCall...).
      const id = newCallId();
      starts.push({ id, input });
      schedule();
      return id;
    },
    appendEvent(callId, event) {
      events.push({ callId, event });
      schedule();
    },
    savePosition(callId, position) {
      positions.set(callId, position);
      schedule();
    },
    endCall(callId, outcome, endedAt, reason) {
      ends.push({ callId, outcome, endedAt, reason });
      schedule();
    },
    closeCallsNotIn(liveChannelIds, endedAt) {
      flush();
      return direct.closeCallsNotIn(liveChannelIds, endedAt);
    },
    flush,
  };
}

/**
 * The running (not simulated) call on an Asterisk channel, with its last position: what a restarted runtime needs to
 * resume a call Asterisk still has. Null when the database knows no running call on that channel.
 */
export function openCallOfChannel(db: SwitchboardDb, channelId: string): OpenCall | null {
  const row = db.orm
    .select({
      callId: calls.id,
      flowId: calls.flowId,
      versionId: calls.versionId,
      positionVersionId: callPositions.versionId,
      nodeId: callPositions.nodeId,
      variables: callPositions.variables,
      hold: callPositions.hold,
      updatedAt: callPositions.updatedAt,
    })
    .from(calls)
    .leftJoin(callPositions, eq(callPositions.callId, calls.id))
    .where(and(eq(calls.channelId, channelId), isNull(calls.endedAt), eq(calls.simulated, false)))
    .orderBy(desc(calls.startedAt))
    .limit(1)
    .get();
  if (!row) return null;
  const position: CallPosition | null =
    row.positionVersionId !== null && row.nodeId !== null && row.updatedAt !== null
      ? {
          versionId: row.positionVersionId,
          nodeId: row.nodeId,
          variables: row.variables ?? {},
          hold: (row.hold as CallHold | null) ?? null,
          at: row.updatedAt,
        }
      : null;
  return { callId: row.callId, flowId: row.flowId, versionId: row.versionId, position };
}

/** Simulations live in the web server's memory: when it starts, any simulated call still open was abandoned. */
export function closeAbandonedSimulations(db: SwitchboardDb, endedAt: number): number {
  return db.orm
    .update(calls)
    .set({ endedAt, outcome: 'lost', reason: 'The simulator session ended with the server' })
    .where(and(isNull(calls.endedAt), eq(calls.simulated, true)))
    .run().changes;
}

function isForeignKeyFailure(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export interface CallSummary {
  id: string;
  channelId: string;
  dialledNumber: string;
  callerNumber: string;
  callerName: string;
  simulated: boolean;
  flowId: string | null;
  flowName: string | null;
  versionId: string | null;
  versionNumber: number | null;
  startedAt: number;
  endedAt: number | null;
  outcome: CallOutcome | null;
  reason: string | null;
}

export interface CallEventRecord {
  seq: number;
  at: number;
  kind: CallEventKind;
  nodeId: string | null;
  nodeType: string | null;
  branch: string | null;
  digits: string | null;
  versionId: string | null;
  detail: Record<string, unknown> | null;
}

export interface CallRecord extends CallSummary {
  events: CallEventRecord[];
}

const summaryColumns = {
  id: calls.id,
  channelId: calls.channelId,
  dialledNumber: calls.dialledNumber,
  callerNumber: calls.callerNumber,
  callerName: calls.callerName,
  simulated: calls.simulated,
  flowId: calls.flowId,
  // Scalar subqueries rather than joins: with joins SQLite's planner may give up walking (started_at, id) in order
  // and sort the whole table instead (measured: 0.2 ms became 300 ms on 200 000 calls).
  flowName: sql<string | null>`(SELECT ${flows.name} FROM ${flows} WHERE ${flows.id} = ${calls.flowId})`,
  versionId: calls.versionId,
  versionNumber: sql<
    number | null
  >`(SELECT ${flowVersions.number} FROM ${flowVersions} WHERE ${flowVersions.id} = ${calls.versionId})`,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  outcome: sql<CallOutcome | null>`${calls.outcome}`,
  reason: calls.reason,
};

export function getCall(db: SwitchboardDb, callId: string): CallRecord | null {
  const call = db.orm.select(summaryColumns).from(calls).where(eq(calls.id, callId)).get();
  if (!call) return null;
  const events = db.orm
    .select({
      seq: callEvents.seq,
      at: callEvents.at,
      kind: sql<CallEventKind>`${callEvents.kind}`,
      nodeId: callEvents.nodeId,
      nodeType: callEvents.nodeType,
      branch: callEvents.branch,
      digits: callEvents.digits,
      versionId: callEvents.versionId,
      detail: callEvents.detail,
    })
    .from(callEvents)
    .where(eq(callEvents.callId, callId))
    .orderBy(asc(callEvents.seq))
    .all();
  return { ...call, events };
}

export interface CallFilter {
  flowId?: string;
  /** The dialled number. */
  number?: string;
  outcome?: CallOutcome;
  /** started_at >= from (ms). */
  from?: number;
  /** started_at < to (ms). */
  to?: number;
  simulated?: boolean;
  /** Page size, 1 to 500. */
  limit: number;
  /** The nextCursor of the previous page. */
  cursor?: string | null;
}

export interface CallPage {
  calls: CallSummary[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * History, newest first, one page at a time. Keyset pagination on (started_at, id): a page costs the same on the
 * first screen and the thousandth, and rows arriving meanwhile never shift a page.
 */
export function listCalls(db: SwitchboardDb, filter: CallFilter): CallPage {
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 500) {
    throw new RangeError(`listCalls: limit must be a whole number from 1 to 500, got ${filter.limit}`);
  }
  const conditions: (SQL | undefined)[] = [
    filter.flowId === undefined ? undefined : eq(calls.flowId, filter.flowId),
    filter.number === undefined ? undefined : eq(calls.dialledNumber, filter.number),
    filter.outcome === undefined ? undefined : eq(calls.outcome, filter.outcome),
    filter.from === undefined ? undefined : gte(calls.startedAt, filter.from),
    filter.to === undefined ? undefined : lt(calls.startedAt, filter.to),
    filter.simulated === undefined ? undefined : eq(calls.simulated, filter.simulated),
  ];
  if (filter.cursor) {
    const after = decodeCursor(filter.cursor);
    // A row-value comparison, which SQLite (and PostgreSQL) turn into one index range.
    conditions.push(sql`(${calls.startedAt}, ${calls.id}) < (${after.startedAt}, ${after.id})`);
  }
  const rows = db.orm
    .select(summaryColumns)
    .from(calls)
    .where(and(...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(filter.limit + 1)
    .all();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    calls: page,
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}

function encodeCursor(startedAt: number, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return { startedAt: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new RangeError(`listCalls: "${cursor}" is not a cursor returned by listCalls`);
}
