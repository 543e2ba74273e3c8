// Reconnect delays. An event session never reconnects by itself (event-session.ts); the connection retries
// forever, starting fast (a blip should cost half a second) and capped (a long outage should not make the
// first call after Asterisk returns wait minutes).

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 15_000 };

/** Delay before retry number `attempt` (0 = the first retry): initial * 2^attempt, capped at maxMs. */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_RECONNECT_BACKOFF): number {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new Error(`reconnectDelayMs: attempt must be an integer >= 0, got ${attempt}`);
  if (policy.initialMs <= 0 || policy.maxMs < policy.initialMs) {
    throw new Error(`reconnectDelayMs: need 0 < initialMs <= maxMs, got ${policy.initialMs} and ${policy.maxMs}`);
  }
  // 2^attempt overflows to Infinity for huge attempts; Math.min still gives maxMs.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
}
