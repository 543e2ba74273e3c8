import type { QueueCallRow } from '#db/queues.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';

// How a queued stay (one queue_calls row, docs/call-centre.md "History") reads on the call page, in the history list
// and in the CSV: plain words for outcomes, waits in seconds.

// The words live in the catalogues (queues:stays.outcomes, queues:stays.rings); these lists say which outcomes have
// one, so that an outcome a newer runtime writes still shows, as its code.
const STAY_OUTCOMES = [
  'answered',
  'abandoned',
  'timeout',
  'full',
  'no-agents',
  'left-by-key',
  'callback-requested',
  'callback-answered',
  'callback-failed',
  'lost',
] as const;
const RING_OUTCOMES = [
  'answered',
  'no-answer',
  'busy',
  'failed',
  'answered-elsewhere',
  'line-in-use',
  'caller-left',
] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/**
 * "Answered", "Abandoned (the caller hung up)"…; a stay without outcome is still waiting. Pages pass their own
 * translate function; without one (the CSV, tests) the label is English.
 */
export function stayOutcomeLabel(outcome: string | null, t: Translate = translatorFor('en')): string {
  if (outcome === null) return t('queues:stays.stillWaiting');
  return isOneOf(STAY_OUTCOMES, outcome) ? t(`queues:stays.outcomes.${outcome}`) : outcome;
}

export function ringOutcomeLabel(outcome: string, t: Translate = translatorFor('en')): string {
  return isOneOf(RING_OUTCOMES, outcome) ? t(`queues:stays.rings.${outcome}`) : outcome;
}

/** Rings that count against the agent in reports: they rang and did not take the call. */
export function isMissedRing(outcome: string): boolean {
  return outcome === 'no-answer' || outcome === 'busy' || outcome === 'failed';
}

export interface QueueStayView {
  id: string;
  department: string;
  priority: number;
  positionAtEntry: number;
  enteredAt: number;
  leftAt: number | null;
  waitMs: number | null;
  outcome: string | null;
  outcomeLabel: string;
  answeredBy: string | null;
  rings: { username: string; at: number; outcome: string; outcomeLabel: string }[];
}

/** The labels are English: the call page's section (queue-stays-section.tsx) words outcomes in its own language. */
export function queueStayView(row: QueueCallRow): QueueStayView {
  return {
    id: row.id,
    department: row.department,
    priority: row.priority,
    positionAtEntry: row.positionAtEntry,
    enteredAt: row.enteredAt,
    leftAt: row.leftAt,
    waitMs: row.waitMs,
    outcome: row.outcome,
    outcomeLabel: stayOutcomeLabel(row.outcome),
    answeredBy: row.answeredBy,
    rings: row.offers.map((offer) => ({
      username: offer.username,
      at: offer.at,
      outcome: offer.outcome,
      outcomeLabel: ringOutcomeLabel(offer.outcome),
    })),
  };
}

/** "12 s", "2 min 05 s". */
export function formatWait(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** What the history list and the CSV say of a call's queued stays: the answered one, else the last; waits added. */
export interface QueueSummary {
  department: string;
  waitMs: number | null;
  outcome: string | null;
  answeredBy: string | null;
  /** How many times the call queued (more than one: it was sent back to a queue). */
  stays: number;
}

export function queueSummaryOf(rows: readonly QueueCallRow[]): QueueSummary | null {
  const last = rows.at(-1);
  if (!last) return null;
  const answered = rows.find((row) => row.answeredBy !== null);
  return {
    department: (answered ?? last).department,
    waitMs: rows.reduce<number | null>((sum, row) => (row.waitMs === null ? sum : (sum ?? 0) + row.waitMs), null),
    outcome: answered ? answered.outcome : last.outcome,
    answeredBy: answered?.answeredBy ?? null,
    stays: rows.length,
  };
}
