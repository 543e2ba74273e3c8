import type { AgentState, RingStrategy } from './departments.ts';

// How agent states and ring strategies read for people (web pages, the command line). Pure: no I/O.

/** "available", "paused: Lunch", "on a call (Sales)"...; `departmentName` turns a department id into its name. */
export function describeAgentState(
  state: AgentState,
  departmentName: (id: string) => string = (id) => id,
  now = Date.now(),
): string {
  switch (state.kind) {
    case 'logged-out':
      return 'logged out';
    case 'available':
      return 'available';
    case 'ringing':
      return `ringing (${departmentName(state.department)})`;
    case 'on-call':
      return state.department === null ? 'on a call' : `on a call (${departmentName(state.department)})`;
    case 'wrap-up': {
      const left = Math.max(0, Math.ceil((state.until - now) / 1000));
      return left > 0 ? `wrap-up (${left} s left)` : 'wrap-up';
    }
    case 'paused':
      return `paused: ${state.reason}`;
  }
}

/** Each strategy in one line, with the app_queue (queues.conf `strategy=`) value it behaves like. */
export const RING_STRATEGY_INFO: Record<RingStrategy, { label: string; appQueue: string; explanation: string }> = {
  'ring-all': {
    label: 'Ring all',
    appQueue: 'ringall',
    explanation: 'Rings every available agent at once; the first to answer takes the call.',
  },
  'longest-idle': {
    label: 'Longest idle',
    appQueue: 'leastrecent',
    explanation: 'Rings the agent whose last call ended longest ago.',
  },
  'round-robin': {
    label: 'Round robin',
    appQueue: 'rrmemory',
    explanation: 'Takes turns: rings the agent after the one who was rung last.',
  },
  'fewest-calls': {
    label: 'Fewest calls',
    appQueue: 'fewestcalls',
    explanation: 'Rings the agent who has answered the fewest calls since logging in.',
  },
  random: { label: 'Random', appQueue: 'random', explanation: 'Rings an available agent picked at random.' },
  linear: {
    label: 'Linear',
    appQueue: 'linear',
    explanation: 'Always rings agents in the same order: lowest penalty first, then by user name.',
  },
  'weighted-random': {
    label: 'Weighted random',
    appQueue: 'wrandom',
    explanation: 'Random, but agents with a lower penalty are more likely to be rung.',
  },
};
