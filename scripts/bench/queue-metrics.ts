// The figures of `npm run bench:queue`, computed the same way for both sides: Switchboard's queue_calls rows and the
// calls Asterisk's Queue() reported over AMI are first turned into QueuedCall records (queue.ts, queue-asterisk.ts),
// then counted, timed and checked for order here. No I/O: queue-metrics.test.ts checks it on hand-made tables.

/** One agent rung for a queued call. */
export interface QueueOffer {
  /** When the agent started ringing (ms since the epoch). */
  at: number;
  /** The agent answered: from `at` on the call is no longer waiting. */
  answered: boolean;
  /** When the ringing stopped without an answer (no answer, busy, failed); null: it lasted until the call left. */
  endedAt: number | null;
  /** How long the agent had been free (and this caller waiting) before being rung; null when unknown. */
  freeToRingMs: number | null;
  /**
   * When the dispatcher chose this agent for this call, when the side records it (Switchboard does; Queue() does not
   * say). The order check is made at this instant when known: it is when the order was decided.
   */
  decidedAt?: number;
}

/** The instant an offer is judged at: the dispatcher's decision when known, else when the ringing started. */
const decisionOf = (offer: QueueOffer): number => offer.decidedAt ?? offer.at;

/** One caller's stay in the queue. */
export interface QueuedCall {
  id: string;
  /** Higher is answered first. */
  priority: number;
  /** Join order across the queue: FIFO within one priority. */
  seq: number;
  enteredAt: number;
  /** When the call left the queue (answered, hung up, ...); null if it never did. */
  leftAt: number | null;
  /** answered | abandoned | anything else (timeout, lost, ...); null while waiting. */
  outcome: string | null;
  offers: QueueOffer[];
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export interface OutcomeCounts {
  /** Calls the load generator placed (sipp). */
  placed: number;
  /** Calls that reached the queue. */
  queued: number;
  answered: number;
  /** The caller hung up while waiting (or while an agent rang). */
  abandoned: number;
  /** Placed calls neither answered nor abandoned: refused, lost, never queued, still waiting at the end. */
  failed: number;
  /** Outcome -> number of queued calls, as recorded. */
  byOutcome: Record<string, number>;
}

export function countOutcomes(calls: QueuedCall[], placed: number): OutcomeCounts {
  const byOutcome: Record<string, number> = {};
  for (const call of calls) {
    const key = call.outcome ?? 'waiting';
    byOutcome[key] = (byOutcome[key] ?? 0) + 1;
  }
  const answered = byOutcome.answered ?? 0;
  const abandoned = byOutcome.abandoned ?? 0;
  return {
    placed,
    queued: calls.length,
    answered,
    abandoned,
    failed: Math.max(0, Math.max(placed, calls.length) - answered - abandoned),
    byOutcome,
  };
}

export interface Distribution {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

/** Time from an agent becoming free to that agent ringing, over every offer that knows it. */
export function freeToRing(calls: QueuedCall[]): Distribution & { unknown: number } {
  const offers = calls.flatMap((call) => call.offers);
  const known = offers.map((offer) => offer.freeToRingMs).filter((value): value is number => value !== null);
  return { ...distribution(known), unknown: offers.length - known.length };
}

/** When the call stopped waiting: its first answered offer, else when it left; Infinity if it never did. */
export function waitEndsAt(call: QueuedCall): number {
  const answered = call.offers.find((offer) => offer.answered);
  return answered?.at ?? call.leftAt ?? Infinity;
}

/** Wait until answered, per priority (answered calls only). */
export function waitsByPriority(calls: QueuedCall[]): Map<number, Distribution> {
  const waits = new Map<number, number[]>();
  for (const call of calls) {
    if (call.outcome !== 'answered') continue;
    const list = waits.get(call.priority) ?? [];
    list.push(waitEndsAt(call) - call.enteredAt);
    waits.set(call.priority, list);
  }
  return new Map([...waits].sort(([a], [b]) => b - a).map(([priority, list]) => [priority, distribution(list)]));
}

/** Calls answered (the answering agent's ring started) within [from, to], per second. */
export function answeredPerSecond(calls: QueuedCall[], from: number, to: number): number {
  let count = 0;
  for (const call of calls) {
    const answered = call.offers.find((offer) => offer.answered);
    if (answered && answered.at >= from && answered.at <= to) count += 1;
  }
  return to > from ? count / ((to - from) / 1000) : NaN;
}

/** Callers waiting (in the queue, no agent answered yet) at `t`, ringing ones included. */
export function waitingAt(calls: QueuedCall[], t: number): number {
  let count = 0;
  for (const call of calls) if (call.enteredAt <= t && t < waitEndsAt(call)) count += 1;
  return count;
}

/** Mean and largest number of waiting callers, sampled every `stepMs` over [from, to]. */
export function waitingOver(
  calls: QueuedCall[],
  from: number,
  to: number,
  stepMs = 1_000,
): { mean: number; max: number } {
  let sum = 0;
  let samples = 0;
  let max = 0;
  for (let t = from; t <= to; t += stepMs) {
    const waiting = waitingAt(calls, t);
    sum += waiting;
    samples += 1;
    max = Math.max(max, waiting);
  }
  return { mean: samples === 0 ? NaN : sum / samples, max };
}

/** Whether an agent is ringing for the call at `t` (or has answered it), or starts to within `slackMs`. */
function beingRungAt(call: QueuedCall, t: number, slackMs: number): boolean {
  return call.offers.some(
    (offer) => decisionOf(offer) <= t + slackMs && (offer.answered || (offer.endedAt ?? call.leftAt ?? Infinity) > t),
  );
}

export interface OrderViolation {
  /** The call that was offered. */
  offered: { id: string; priority: number; seq: number };
  at: number;
  /** The waiting call that should have gone first. */
  skipped: { id: string; priority: number; seq: number };
}

export interface OrderCheck {
  offersChecked: number;
  offersInOrder: number;
  /** offersInOrder / offersChecked, in %; 100 when nothing was offered. */
  percent: number;
  /** The first few violations, to look into. */
  violations: OrderViolation[];
  /**
   * Every violation by its likely cause. rungTogether: the skipped call was rung itself within `togetherMs` after t
   * (two rings of one burst, timestamped in the other order). arrivedAfterFree: the skipped call entered after the
   * agent became free (t - freeToRingMs), i.e. while this ring was already on its way. passedOver: neither.
   */
  causes: { rungTogether: number; arrivedAfterFree: number; passedOver: number };
}

const ahead = (a: QueuedCall, b: QueuedCall) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);

/**
 * Priority order and FIFO within a priority, over every offer: when an agent was rung at t for call C, no other call
 * was waiting at t (entered before t, not yet left, not itself being rung or answered) with a higher priority, or
 * the same priority and a smaller seq.
 * With `slackMs`, a waiting call whose own ringing started within slackMs after t counts as dispatched together with
 * C (two agents freed at once, rung in the other order by a few ms): the strict check is slackMs = 0.
 */
export function checkOrder(
  calls: QueuedCall[],
  options: { slackMs?: number; keepViolations?: number; togetherMs?: number } = {},
): OrderCheck {
  const { slackMs = 0, keepViolations = 5, togetherMs = 100 } = options;
  const causes = { rungTogether: 0, arrivedAfterFree: 0, passedOver: 0 };
  const byEntry = [...calls].sort((a, b) => a.enteredAt - b.enteredAt);
  let checked = 0;
  let inOrder = 0;
  const violations: OrderViolation[] = [];
  for (const call of calls) {
    for (const offer of call.offers) {
      checked += 1;
      const t = decisionOf(offer);
      let skipped: QueuedCall | undefined;
      for (const other of byEntry) {
        if (other.enteredAt >= t) break;
        if (other === call || !ahead(other, call)) continue;
        if (other.leftAt !== null && other.leftAt <= t) continue;
        if (beingRungAt(other, t, slackMs)) continue;
        skipped = other;
        break;
      }
      if (!skipped) {
        inOrder += 1;
        continue;
      }
      if (skipped.offers.some((own) => decisionOf(own) >= t && decisionOf(own) - t < togetherMs))
        causes.rungTogether += 1;
      else if (offer.freeToRingMs !== null && skipped.enteredAt >= t - offer.freeToRingMs) causes.arrivedAfterFree += 1;
      else causes.passedOver += 1;
      if (violations.length < keepViolations)
        violations.push({
          offered: { id: call.id, priority: call.priority, seq: call.seq },
          at: t,
          skipped: { id: skipped.id, priority: skipped.priority, seq: skipped.seq },
        });
    }
  }
  return {
    offersChecked: checked,
    offersInOrder: inOrder,
    percent: checked === 0 ? 100 : (inOrder / checked) * 100,
    violations,
    causes,
  };
}
