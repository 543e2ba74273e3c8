import type { AgentState, AgentStatus } from '#runtime/queue/departments.ts';

// The rules of agent state (docs/decisions/015-agent-state.md): who may change which part, and what happens when the
// person and the runtime both act. Pure functions over what is stored; db/departments.ts reads and writes the rows.

/** What is saved for an agent: the state, plus a pause that waits for the runtime to let go of them. */
export interface StoredAgent {
  state: AgentState;
  pendingPause: string | null;
  since: number;
  lastCallEndedAt: number | null;
  callsTaken: number;
}

export const LOGGED_OUT: StoredAgent = {
  state: { kind: 'logged-out' },
  pendingPause: null,
  since: 0,
  lastCallEndedAt: null,
  callsTaken: 0,
};

/** Whether the runtime holds the agent (a call is ringing them or they are talking): the person's changes wait. */
export function heldByRuntime(state: AgentState): boolean {
  return state.kind === 'ringing' || state.kind === 'on-call';
}

function withState(agent: StoredAgent, state: AgentState, now: number): StoredAgent {
  return { ...agent, state, since: agent.state.kind === state.kind ? agent.since : now };
}

/** The person asks for a pause (pure rule). */
export function afterPause(agent: StoredAgent, reason: string, now: number): StoredAgent {
  if (heldByRuntime(agent.state)) return { ...agent, pendingPause: reason };
  const paused = withState(agent, { kind: 'paused', reason }, now);
  // A new reason restarts the clock: "paused for lunch since 12:30", not since the earlier break.
  return { ...paused, pendingPause: null, since: agent.state.kind === 'paused' ? now : paused.since };
}

/** The person ends a pause (pure rule): available, or logged out when they are logged in nowhere. */
export function afterUnpause(agent: StoredAgent, loggedInCount: number, now: number): StoredAgent {
  if (heldByRuntime(agent.state)) return { ...agent, pendingPause: null };
  if (agent.state.kind !== 'paused') return agent;
  return withState(agent, loggedInCount > 0 ? { kind: 'available' } : { kind: 'logged-out' }, now);
}

/** The person's logged-in departments changed (pure rule). */
export function afterLoginChange(agent: StoredAgent, loggedInCount: number, now: number): StoredAgent {
  if (loggedInCount === 0) {
    // Logged out everywhere: no pause is left to keep; a call in progress ends first (saveRuntimeStatus settles it).
    if (heldByRuntime(agent.state)) return { ...agent, pendingPause: null };
    return { ...withState(agent, { kind: 'logged-out' }, now), pendingPause: null };
  }
  if (agent.state.kind === 'logged-out') {
    // A new shift: fewest-calls counts the calls taken since the agent logged in.
    return { ...withState(agent, { kind: 'available' }, now), callsTaken: 0 };
  }
  return agent;
}

/**
 * A state the runtime observed (pure rule). The runtime's counters (last call end, calls taken) are always taken.
 * - ringing / on-call: saved; a pause the person had set becomes pending, so it is not lost;
 * - available / wrap-up (the runtime lets go): a pending pause starts now; an agent the person paused or logged out
 *   meanwhile stays so; an agent logged in nowhere any more becomes logged out;
 * - paused / logged-out: saved as they are (e.g. a queue that pauses an agent who does not answer).
 */
export function afterRuntimeStatus(
  agent: StoredAgent,
  incoming: AgentStatus,
  loggedInCount: number,
  now: number,
): StoredAgent {
  const counters = { lastCallEndedAt: incoming.lastCallEndedAt, callsTaken: incoming.callsTaken };
  const base: StoredAgent = { ...agent, ...counters };
  const at = incoming.since || now;
  const set = (state: AgentState, pendingPause: string | null): StoredAgent => ({
    ...base,
    state,
    pendingPause,
    since: agent.state.kind === state.kind && sameDetails(agent.state, state) ? agent.since : at,
  });
  switch (incoming.state.kind) {
    case 'ringing':
    case 'on-call': {
      const pending = agent.state.kind === 'paused' ? agent.state.reason : agent.pendingPause;
      return set(incoming.state, pending);
    }
    case 'available':
    case 'wrap-up': {
      if (agent.pendingPause !== null) return set({ kind: 'paused', reason: agent.pendingPause }, null);
      if (agent.state.kind === 'paused' || agent.state.kind === 'logged-out') return base;
      if (loggedInCount === 0) return set({ kind: 'logged-out' }, null);
      return set(incoming.state, null);
    }
    case 'paused':
    case 'logged-out':
      return set(incoming.state, null);
  }
}

function sameDetails(a: AgentState, b: AgentState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
