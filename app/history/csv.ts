import type { CallSummary } from '#db/calls.ts';
import type { QueueSummary } from '#app/queues/queue-stays.ts';
import { durationMs } from './filters.ts';

// The history as CSV (RFC 4180): one line per call, times in ISO 8601 UTC, for spreadsheets.

export const CSV_HEADER = [
  'id',
  'started_at',
  'ended_at',
  'duration_s',
  'dialled_number',
  'caller_number',
  'caller_name',
  'flow',
  'version',
  'outcome',
  'reason',
  'simulated',
  'queue',
  'queue_wait_s',
  'queue_outcome',
  'answered_by',
];

/** Quotes a field when it holds a comma, quote or line break; a leading =+-@ is defused against spreadsheet formulas. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: (string | number | boolean | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** One call; `queue` (the call's queued stays, when it queued) fills the queue columns. */
export function callCsvLine(call: CallSummary, queue: QueueSummary | null = null): string {
  const duration = durationMs(call);
  return csvLine([
    call.id,
    new Date(call.startedAt).toISOString(),
    call.endedAt === null ? null : new Date(call.endedAt).toISOString(),
    duration === null ? null : Math.round(duration / 100) / 10,
    call.dialledNumber,
    call.callerNumber,
    call.callerName,
    call.flowName,
    call.versionNumber === null ? (call.simulated && call.flowId ? 'draft' : null) : call.versionNumber,
    call.outcome,
    call.reason,
    call.simulated,
    queue?.department ?? null,
    queue?.waitMs == null ? null : Math.round(queue.waitMs / 100) / 10,
    queue?.outcome ?? null,
    queue?.answeredBy ?? null,
  ]);
}
