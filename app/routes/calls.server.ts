// What the call history pages (/calls, /calls.csv, /calls/:callId) read from storage.
import type { SwitchboardDb } from '#db/client.ts';
import { getCall, listCalls, type CallFilter, type CallPage } from '#db/calls.ts';
import { getVersion, listFlows } from '#db/flows.ts';
import { queueCallsOfCall, queueCallsOfCalls } from '#db/queues.ts';
import { queueStayView, queueSummaryOf, type QueueStayView, type QueueSummary } from '#app/queues/queue-stays.ts';

type HistoryFilter = Omit<CallFilter, 'limit' | 'cursor'>;

/**
 * One page of the history and every flow (archived ones too) for the flow filter. A cursor that cannot be read
 * gives the first page, and `cursorUnreadable` for the page to say so.
 */
export function loadCallHistoryPage(
  db: SwitchboardDb,
  input: { filter: HistoryFilter; cursor: string | null; pageSize: number },
): {
  page: CallPage;
  cursorUnreadable: boolean;
  flows: { id: string; name: string }[];
  queues: Record<string, QueueSummary>;
} {
  let page;
  let cursorUnreadable = false;
  try {
    page = listCalls(db, { ...input.filter, limit: input.pageSize, cursor: input.cursor });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    cursorUnreadable = true;
    page = listCalls(db, { ...input.filter, limit: input.pageSize });
  }
  const flows = listFlows(db, { includeArchived: true }).map((flow) => ({ id: flow.id, name: flow.name }));
  return { page, cursorUnreadable, flows, queues: queueSummariesOf(db, page.calls) };
}

/** For the calls of a page that queued: department, wait, outcome and who answered, keyed by call id. */
export function queueSummariesOf(db: SwitchboardDb, calls: readonly { id: string }[]): Record<string, QueueSummary> {
  const summaries: Record<string, QueueSummary> = {};
  for (const [callId, rows] of queueCallsOfCalls(
    db,
    calls.map((call) => call.id),
  )) {
    const summary = queueSummaryOf(rows);
    if (summary) summaries[callId] = summary;
  }
  return summaries;
}

/** One page of the CSV export: the calls after `cursor`, where the next page starts, and their queued stays. */
export function callHistoryExportPage(
  db: SwitchboardDb,
  input: { filter: HistoryFilter; cursor: string | null; pageSize: number },
): CallPage & { queues: Record<string, QueueSummary> } {
  const page = listCalls(db, { ...input.filter, limit: input.pageSize, cursor: input.cursor });
  return { ...page, queues: queueSummariesOf(db, page.calls) };
}

/**
 * The call with its events, the published version it ran (null for a simulated draft or a deleted flow), and each
 * stay in a queue, oldest first.
 */
export function loadCallDetail(db: SwitchboardDb, callId: string) {
  const call = getCall(db, callId);
  if (!call) return null;
  const version = call.flowId && call.versionNumber !== null ? getVersion(db, call.flowId, call.versionNumber) : null;
  const queueStays: QueueStayView[] = queueCallsOfCall(db, callId).map(queueStayView);
  return { call, version, queueStays };
}
