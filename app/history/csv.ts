import type { CallSummary } from '#db/calls.ts';
import type { Translate } from '#i18n/translator.ts';
import type { QueueSummary } from '#app/queues/queue-stays.ts';
import { durationMs } from './filters.ts';

// The history as CSV (RFC 4180): one line per call, times in ISO 8601 UTC, for spreadsheets. The header line is in
// the reader's language; the values are the data's own (outcome codes, true/false), so a filter or script reading
// them works whatever the language.

const CSV_COLUMNS = [
  'id',
  'startedAt',
  'endedAt',
  'durationSeconds',
  'dialledNumber',
  'callerNumber',
  'callerName',
  'flow',
  'version',
  'outcome',
  'reason',
  'simulated',
  'queue',
  'queueWaitSeconds',
  'queueOutcome',
  'answeredBy',
] as const;

/** The first line's column names, in the words of `t`. */
export function csvHeader(t: Translate): string[] {
  return CSV_COLUMNS.map((column) => t(`calls:csv.${column}`));
}

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

/**
 * One call; `queue` (the call's queued stays, when it queued) fills the queue columns. A simulated call on a draft
 * says so in the version column, in the words of `t`.
 */
export function callCsvLine(call: CallSummary, queue: QueueSummary | null, t: Translate): string {
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
    call.versionNumber === null ? (call.simulated && call.flowId ? t('calls:csv.draft') : null) : call.versionNumber,
    call.outcome,
    call.reason,
    call.simulated,
    queue?.department ?? null,
    queue?.waitMs == null ? null : Math.round(queue.waitMs / 100) / 10,
    queue?.outcome ?? null,
    queue?.answeredBy ?? null,
  ]);
}
