import { and, asc, count, eq, gt, gte, isNotNull, isNull, lt, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { SwitchboardDb } from './client.ts';
import { callEvents, calls, flowVersions } from './schema.ts';

// Where the calls of one flow went over a period, for the canvas overlay and the API: how many calls took each
// edge, and in which node callers hung up. Read from the same call events history draws a single call from.

export interface FlowTrafficQuery {
  flowId: string;
  /** Calls that started at or after this time (ms since the epoch)... */
  from: number;
  /** ...and before this one. */
  to: number;
  /** Simulated (editor test calls) or real calls: the two are never mixed. */
  simulated: boolean;
}

export interface EdgeTraffic {
  /** The version the edge belongs to (a draft's pseudo-version "draft:<flow>@r<revision>" for simulated calls). */
  versionId: string;
  source: string;
  branch: string;
  target: string;
  /** Distinct calls that took this edge at least once. */
  count: number;
}

export interface NodeDropOff {
  versionId: string;
  nodeId: string;
  /** Calls whose caller hung up while in this node. */
  count: number;
}

export interface FlowTraffic {
  /** Calls of the flow that started in the period. */
  calls: number;
  edges: EdgeTraffic[];
  dropOff: NodeDropOff[];
}

/**
 * The traffic of calls that dialled into `flowId` and started in [from, to).
 *
 * - An edge was taken when a node-left event with a branch is followed, as the call's very next event, by the
 *   node-entered event of the node it leads to (the session records nothing in between; a goto records a
 *   flow-entered event in between, which is not an edge). A call that goes round a loop takes the same edge several
 *   times but counts ONCE for it: the figure answers "how many callers went this way", comparable with `calls`.
 * - Edges a call took after a goto into another flow are reported too, under that flow's version ids; a view of
 *   one graph keeps the versions it draws.
 * - A drop-off is the node a caller hung up in: the session closes that node with a node-left event without branch,
 *   and the call ends as caller-hung-up. Only the call's last node-left counts: a goto also leaves its node without
 *   a branch before the call goes on in another flow (and errors do too, but end as error).
 *
 * Cost: calls are found through calls_flow_started_idx (flow_id, started_at), their events through the
 * (call_id, seq) unique index, so a query reads only the period's calls however long history is.
 */
export function flowTraffic(db: SwitchboardDb, query: FlowTrafficQuery): FlowTraffic {
  const { flowId, from, to, simulated } = query;
  if (typeof flowId !== 'string' || flowId === '') throw new RangeError('flowTraffic: flowId must be a flow id');
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
    throw new RangeError(`flowTraffic: from and to must be whole milliseconds since the epoch, got ${from} and ${to}`);
  }
  if (from > to) throw new RangeError(`flowTraffic: the period starts (${from}) after it ends (${to})`);

  const inPeriod = and(
    eq(calls.flowId, flowId),
    gte(calls.startedAt, from),
    lt(calls.startedAt, to),
    eq(calls.simulated, simulated),
  );

  const total = db.orm.select({ calls: count() }).from(calls).where(inPeriod).get()?.calls ?? 0;

  const left = alias(callEvents, 'left_event');
  const entered = alias(callEvents, 'entered_event');
  const edges = db.orm
    .select({
      versionId: sql<string>`${left.versionId}`,
      source: sql<string>`${left.nodeId}`,
      branch: sql<string>`${left.branch}`,
      target: sql<string>`${entered.nodeId}`,
      count: sql<number>`count(DISTINCT ${calls.id})`,
    })
    .from(calls)
    .innerJoin(left, eq(left.callId, calls.id))
    .innerJoin(entered, and(eq(entered.callId, calls.id), eq(entered.seq, sql`${left.seq} + 1`)))
    .where(
      and(
        inPeriod,
        eq(left.kind, 'node-left'),
        isNotNull(left.branch),
        isNotNull(left.nodeId),
        isNotNull(left.versionId),
        eq(entered.kind, 'node-entered'),
        isNotNull(entered.nodeId),
        // Always true for events the session writes (a goto puts a flow-entered event between the two); kept so a
        // hand-written or foreign history can never join two versions' nodes into one edge.
        sql`${entered.versionId} IS ${left.versionId}`,
      ),
    )
    .groupBy(left.versionId, left.nodeId, left.branch, entered.nodeId)
    .orderBy(asc(left.versionId), asc(left.nodeId), asc(left.branch), asc(entered.nodeId))
    .all();

  const dropped = alias(callEvents, 'dropped_event');
  const later = alias(callEvents, 'later_event');
  const dropOff = db.orm
    .select({
      versionId: sql<string>`${dropped.versionId}`,
      nodeId: sql<string>`${dropped.nodeId}`,
      count: sql<number>`count(DISTINCT ${calls.id})`,
    })
    .from(calls)
    .innerJoin(dropped, eq(dropped.callId, calls.id))
    .where(
      and(
        inPeriod,
        eq(calls.outcome, 'caller-hung-up'),
        eq(dropped.kind, 'node-left'),
        isNull(dropped.branch),
        isNotNull(dropped.nodeId),
        isNotNull(dropped.versionId),
        // The LAST node the call left: a goto also leaves its node without a branch, then the call goes on.
        notExists(
          db.orm
            .select({ seq: later.seq })
            .from(later)
            .where(and(eq(later.callId, calls.id), gt(later.seq, dropped.seq), eq(later.kind, 'node-left'))),
        ),
      ),
    )
    .groupBy(dropped.versionId, dropped.nodeId)
    .orderBy(asc(dropped.versionId), asc(dropped.nodeId))
    .all();

  return { calls: total, edges, dropOff };
}

export interface RunningCallNode {
  callId: string;
  /** The node the call entered last (null before its first node). */
  nodeId: string | null;
  versionId: string | null;
}

/**
 * Real calls of a flow still running, each with the node it is in, read from history: the live counts when the
 * runtime runs in another process (`npm run runtime`). Cheap whatever the history's size: calls_running_idx holds
 * only running calls, and each call's last node-entered event is one step back along (call_id, seq).
 */
export function runningCallNodes(db: SwitchboardDb, flowId: string): RunningCallNode[] {
  // Written out: in a one-table select drizzle leaves column names unqualified, and inside the subquery "id"
  // would then name the event's own id instead of the call's.
  const lastEntered = (column: 'node_id' | 'version_id') =>
    sql<string | null>`(${sql.raw(
      `SELECT last_event.${column} FROM call_events AS last_event WHERE last_event.call_id = calls.id ` +
        `AND last_event.kind = 'node-entered' ORDER BY last_event.seq DESC LIMIT 1`,
    )})`;
  return db.orm
    .select({ callId: calls.id, nodeId: lastEntered('node_id'), versionId: lastEntered('version_id') })
    .from(calls)
    .where(and(eq(calls.flowId, flowId), isNull(calls.endedAt), eq(calls.simulated, false)))
    .all();
}

/** The flow a published version belongs to, or null for an unknown id. */
export function flowOfVersion(db: SwitchboardDb, versionId: string): string | null {
  return (
    db.orm.select({ flowId: flowVersions.flowId }).from(flowVersions).where(eq(flowVersions.id, versionId)).get()
      ?.flowId ?? null
  );
}
