import type { CallFilter } from '#db/calls.ts';
import type { Translate } from '#i18n/translator.ts';
import type { CallOutcome } from '#runtime/ports.ts';

// The history page's filters as they travel in the URL (?flow=&number=&outcome=&from=&to=&kind=&cursor=), so a
// filtered page can be bookmarked, and the CSV export reads exactly the same ones.

export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'completed',
  'caller-hung-up',
  'not-in-service',
  'step-limit',
  'error',
  'lost',
  'ended-after-restart',
];

/**
 * How history shows an outcome: its name, with a word of explanation where the name alone misleads ("lost" is not
 * the caller's doing: Asterisk restarted or the runtime lost it; the reason says which). A call without one is
 * still running.
 */
export function outcomeLabel(outcome: CallOutcome | null, t: Translate): string {
  return t(`calls:outcomes.${outcome ?? 'running'}`);
}

export type CallKind = 'all' | 'real' | 'simulated';

export interface HistoryFilters {
  flowId: string;
  number: string;
  outcome: CallOutcome | '';
  /** Local date-time strings as <input type="datetime-local"> gives them, or ''. */
  from: string;
  to: string;
  kind: CallKind;
}

export interface ParsedFilters {
  values: HistoryFilters;
  /** For listCalls (without limit and cursor). */
  filter: Omit<CallFilter, 'limit' | 'cursor'>;
  /** What was wrong in the URL, in the words of `t`; the faulty filter is ignored. */
  problems: string[];
}

function parseTime(value: string, name: string, problems: string[], t: Translate): number | undefined {
  if (value === '') return undefined;
  // datetime-local has no zone: it is read as UTC so the server and the CSV agree whatever the browser's zone.
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) {
    problems.push(t('calls:problems.badTime', { value, name }));
    return undefined;
  }
  return ms;
}

export function parseHistoryFilters(params: URLSearchParams, t: Translate): ParsedFilters {
  const problems: string[] = [];
  const text = (name: string) => (params.get(name) ?? '').trim();
  const outcomeText = text('outcome');
  const outcome = CALL_OUTCOMES.find((candidate) => candidate === outcomeText) ?? '';
  if (outcomeText && !outcome) {
    problems.push(t('calls:problems.badOutcome', { value: outcomeText, outcomes: CALL_OUTCOMES.join(', ') }));
  }
  const kindText = text('kind') || 'all';
  const kind: CallKind = kindText === 'real' || kindText === 'simulated' ? kindText : 'all';
  if (kindText !== kind) problems.push(t('calls:problems.badKind', { value: kindText }));
  const values: HistoryFilters = {
    flowId: text('flow'),
    number: text('number'),
    outcome,
    from: text('from'),
    to: text('to'),
    kind,
  };
  const from = parseTime(values.from, t('calls:problems.from'), problems, t);
  const to = parseTime(values.to, t('calls:problems.to'), problems, t);
  const filter: ParsedFilters['filter'] = {
    ...(values.flowId ? { flowId: values.flowId } : {}),
    ...(values.number ? { number: values.number } : {}),
    ...(outcome ? { outcome } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(kind !== 'all' ? { simulated: kind === 'simulated' } : {}),
  };
  return { values, filter, problems };
}

/** The query string of these filters (empty ones left out), plus extra parameters such as the cursor. */
export function filtersQuery(values: HistoryFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (values.flowId) params.set('flow', values.flowId);
  if (values.number) params.set('number', values.number);
  if (values.outcome) params.set('outcome', values.outcome);
  if (values.from) params.set('from', values.from);
  if (values.to) params.set('to', values.to);
  if (values.kind !== 'all') params.set('kind', values.kind);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function durationMs(call: { startedAt: number; endedAt: number | null }): number | null {
  return call.endedAt === null ? null : call.endedAt - call.startedAt;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'running';
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
