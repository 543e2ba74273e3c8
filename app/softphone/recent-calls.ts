// The last calls of this browser's phone, kept in localStorage per staff username so two people sharing a computer
// do not see each other's list. Only what the list shows is stored: number, name, direction, time and outcome, never
// a credential. What comes back from storage is checked (zod): an old or hand-edited entry is dropped, not trusted.
import { z } from 'zod';
import type { EndCause } from './phone-errors.ts';
import type { Call } from './phone-state.ts';

export const RECENT_CALLS_LIMIT = 20;

export const recentCallOutcomes = ['answered', 'missed', 'declined', 'cancelled', 'failed', 'transferred'] as const;
export type RecentCallOutcome = (typeof recentCallOutcomes)[number];

const recentCallSchema = z.object({
  number: z.string().max(80),
  name: z.string().max(120).nullable(),
  direction: z.enum(['incoming', 'outgoing']),
  /** When the call ended, epoch milliseconds. */
  at: z.number().int().nonnegative(),
  outcome: z.enum(recentCallOutcomes),
});

export type RecentCall = z.infer<typeof recentCallSchema>;

/** The part of the Storage interface used here, so tests can pass a Map-backed fake. */
export type RecentCallsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function recentCallsKey(username: string): string {
  return `switchboard.softphone.recent.${username}`;
}

export function outcomeOf(cause: EndCause): RecentCallOutcome {
  switch (cause.kind) {
    case 'hung-up':
      return 'answered';
    case 'failed':
      return 'failed';
    default:
      return cause.kind;
  }
}

/** The entry of a call that just ended. */
export function recentCallOf(call: Extract<Call, { state: 'ended' }>): RecentCall {
  return {
    number: call.remote.number,
    name: call.remote.name,
    direction: call.direction,
    at: call.endedAt,
    outcome: outcomeOf(call.cause),
  };
}

export function readRecentCalls(storage: RecentCallsStorage, username: string): RecentCall[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(recentCallsKey(username)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw
    .flatMap((entry) => {
      const parsed = recentCallSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(0, RECENT_CALLS_LIMIT);
}

/** Puts `call` first and keeps the last RECENT_CALLS_LIMIT; returns the new list. A full or refused storage is ignored. */
export function addRecentCall(storage: RecentCallsStorage, username: string, call: RecentCall): RecentCall[] {
  const calls = [call, ...readRecentCalls(storage, username)].slice(0, RECENT_CALLS_LIMIT);
  try {
    storage.setItem(recentCallsKey(username), JSON.stringify(calls));
  } catch {
    // Private browsing or a full quota: the list lives until the page is reloaded, the phone works all the same.
  }
  return calls;
}
