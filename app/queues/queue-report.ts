import type { QueueCallRow } from '#db/queues.ts';
import { isMissedRing } from './queue-stays.ts';

// The queue report (/queues): what happened to the calls that joined each department's queue in a period, worked out
// from queue_calls rows. Waits are those of answered calls (how long callers waited for someone), except the
// abandon wait, which is how long those who hung up waited first.

export interface AgentFigures {
  username: string;
  answered: number;
  /** Rings that ended with no answer, busy or a failure (docs/call-centre.md "History"). */
  missedRings: number;
}

export interface DepartmentFigures {
  department: string;
  queued: number;
  answered: number;
  abandoned: number;
  averageAbandonWaitMs: number | null;
  timeout: number;
  /** Callers who asked to be called back (whatever came of it). */
  callbacks: number;
  callbacksAnswered: number;
  /** Queue full, no agent, left with the key, lost in a restart. */
  other: number;
  stillWaiting: number;
  averageWaitMs: number | null;
  p90WaitMs: number | null;
  agents: AgentFigures[];
}

const CALLBACK_OUTCOMES = new Set(['callback-requested', 'callback-answered', 'callback-failed']);

export function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The 90th percentile by nearest rank: 90 % of the values are at most this. */
export function percentile90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

/**
 * Figures per department, in the order of `departments` (so a department without calls still shows, with zeros)
 * then any other department found in the rows (one since renamed or deleted). Names compare without case.
 */
export function queueReportOf(rows: readonly QueueCallRow[], departments: readonly string[]): DepartmentFigures[] {
  const groups = new Map<string, { name: string; rows: QueueCallRow[] }>();
  for (const name of departments) groups.set(name.trim().toLowerCase(), { name, rows: [] });
  for (const row of rows) {
    const key = row.department.trim().toLowerCase();
    const group = groups.get(key) ?? { name: row.department, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ name, rows: stays }) => figuresOf(name, stays));
}

function figuresOf(department: string, stays: readonly QueueCallRow[]): DepartmentFigures {
  const answered = stays.filter((row) => row.outcome === 'answered' || row.outcome === 'callback-answered');
  const abandoned = stays.filter((row) => row.outcome === 'abandoned');
  const answeredWaits = answered.flatMap((row) => (row.waitMs === null ? [] : [row.waitMs]));
  const agents = new Map<string, AgentFigures>();
  const agent = (username: string) => {
    const figures = agents.get(username) ?? { username, answered: 0, missedRings: 0 };
    agents.set(username, figures);
    return figures;
  };
  for (const row of stays) {
    if (row.answeredBy) agent(row.answeredBy).answered += 1;
    for (const offer of row.offers) if (isMissedRing(offer.outcome)) agent(offer.username).missedRings += 1;
  }
  const counted = new Set(['answered', 'callback-answered', 'abandoned', 'timeout', ...CALLBACK_OUTCOMES]);
  return {
    department,
    queued: stays.length,
    answered: answered.length,
    abandoned: abandoned.length,
    averageAbandonWaitMs: average(abandoned.flatMap((row) => (row.waitMs === null ? [] : [row.waitMs]))),
    timeout: stays.filter((row) => row.outcome === 'timeout').length,
    callbacks: stays.filter((row) => row.outcome !== null && CALLBACK_OUTCOMES.has(row.outcome)).length,
    callbacksAnswered: stays.filter((row) => row.outcome === 'callback-answered').length,
    other: stays.filter((row) => row.outcome !== null && !counted.has(row.outcome)).length,
    stillWaiting: stays.filter((row) => row.outcome === null).length,
    averageWaitMs: average(answeredWaits),
    p90WaitMs: percentile90(answeredWaits),
    agents: [...agents.values()].sort((a, b) => b.answered - a.answered || a.username.localeCompare(b.username)),
  };
}
