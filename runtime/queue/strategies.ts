import type { RingStrategy } from './departments.ts';

// Which free agent(s) a department rings for the caller at the head of its queue, with app_queue's meanings
// (queues.conf `strategy=`). Pure: the queue service hands in the agents that may be rung now and what it remembers.

/** An agent that may be rung now for this caller. */
export interface Candidate {
  username: string;
  penalty: number;
  /** Position in the department's member list (linear, round-robin). */
  order: number;
  /** When the agent's last queue call ended; null if never (longest-idle rings those first). */
  lastCallEndedAt: number | null;
  /** Queue calls taken since log-in (fewest-calls). */
  callsTaken: number;
}

export interface StrategyMemory {
  /** round-robin: the member order of the agent rung last, so the next one after it goes next. */
  lastRungOrder: number | null;
}

/**
 * The agents to ring at once: all of the lowest penalty tier for ring-all, else one. app_queue rings the lowest
 * penalty tier first; weighted-random instead weighs every candidate by penalty (wrandom). `random` is [0, 1).
 */
export function chooseAgents(
  strategy: RingStrategy,
  candidates: readonly Candidate[],
  memory: StrategyMemory,
  random: () => number = Math.random,
): Candidate[] {
  if (candidates.length === 0) return [];
  if (strategy === 'weighted-random') return [weightedRandom(candidates, random)];
  const lowest = Math.min(...candidates.map((candidate) => candidate.penalty));
  const tier = candidates.filter((candidate) => candidate.penalty === lowest).sort((a, b) => a.order - b.order);
  switch (strategy) {
    case 'ring-all':
      return tier;
    case 'linear':
      return [tier[0]!];
    case 'round-robin': {
      const after = memory.lastRungOrder;
      const next = after === null ? undefined : tier.find((candidate) => candidate.order > after);
      return [next ?? tier[0]!];
    }
    case 'longest-idle':
      // Never rung first (a fresh log-in), then the longest since the last call ended; ties by member order.
      return [
        [...tier].sort(
          (a, b) => (a.lastCallEndedAt ?? -Infinity) - (b.lastCallEndedAt ?? -Infinity) || a.order - b.order,
        )[0]!,
      ];
    case 'fewest-calls':
      return [[...tier].sort((a, b) => a.callsTaken - b.callsTaken || a.order - b.order)[0]!];
    case 'random':
      return [tier[Math.min(tier.length - 1, Math.floor(random() * tier.length))]!];
  }
}

/** app_queue's wrandom: each member's metric is random * (1 + penalty); the smallest is rung. */
function weightedRandom(candidates: readonly Candidate[], random: () => number): Candidate {
  let best = candidates[0]!;
  let bestMetric = Infinity;
  for (const candidate of candidates) {
    const metric = random() * (1 + candidate.penalty);
    if (metric < bestMetric) {
      best = candidate;
      bestMetric = metric;
    }
  }
  return best;
}
