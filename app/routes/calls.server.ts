// What the call history pages (/calls, /calls.csv, /calls/:callId) read from storage.
import type { SwitchboardDb } from '#db/client.ts';
import { getCall, listCalls, type CallFilter, type CallPage } from '#db/calls.ts';
import { getVersion, listFlows } from '#db/flows.ts';

type HistoryFilter = Omit<CallFilter, 'limit' | 'cursor'>;

/**
 * One page of the history and every flow (archived ones too) for the flow filter. A cursor that cannot be read
 * gives the first page, with a problem saying so.
 */
export function loadCallHistoryPage(
  db: SwitchboardDb,
  input: { filter: HistoryFilter; cursor: string | null; pageSize: number },
): { page: CallPage; cursorProblem: string | null; flows: { id: string; name: string }[] } {
  let page;
  let cursorProblem = null;
  try {
    page = listCalls(db, { ...input.filter, limit: input.pageSize, cursor: input.cursor });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    cursorProblem = `${error.message}; showing the first page`;
    page = listCalls(db, { ...input.filter, limit: input.pageSize });
  }
  const flows = listFlows(db, { includeArchived: true }).map((flow) => ({ id: flow.id, name: flow.name }));
  return { page, cursorProblem, flows };
}

/** One page of the CSV export: the calls after `cursor`, and where the next page starts. */
export function callHistoryExportPage(
  db: SwitchboardDb,
  input: { filter: HistoryFilter; cursor: string | null; pageSize: number },
): CallPage {
  return listCalls(db, { ...input.filter, limit: input.pageSize, cursor: input.cursor });
}

/** The call with its events, and the published version it ran (null for a simulated draft or a deleted flow). */
export function loadCallDetail(db: SwitchboardDb, callId: string) {
  const call = getCall(db, callId);
  if (!call) return null;
  const version = call.flowId && call.versionNumber !== null ? getVersion(db, call.flowId, call.versionNumber) : null;
  return { call, version };
}
