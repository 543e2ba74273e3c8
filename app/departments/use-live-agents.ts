import { useEffect, useState } from 'react';
import type { AgentsSnapshot } from './departments-page.server.ts';

// The browser side of the agents' live view: starts from the snapshot the page was rendered with, then follows
// /departments/events (every message is a whole snapshot, so a reconnect needs no replay).

/** Must match AGENTS_EVENT in agent-events.server.ts (kept apart: that module is server-only). */
const AGENTS_EVENT = 'agents';
export const AGENT_EVENTS_URL = '/departments/events';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export function useLiveAgents(initial: AgentsSnapshot): { snapshot: AgentsSnapshot; state: LiveState } {
  const [snapshot, setSnapshot] = useState(initial);
  const [state, setState] = useState<LiveState>('connecting');
  // A form on the page reloads the loader's snapshot: take it, the stream's next message follows it anyway.
  useEffect(() => setSnapshot(initial), [initial]);
  useEffect(() => {
    const source = new EventSource(AGENT_EVENTS_URL);
    source.addEventListener(AGENTS_EVENT, (event) => {
      setSnapshot(JSON.parse((event as MessageEvent<string>).data) as AgentsSnapshot);
      setState('live');
    });
    source.addEventListener('error', () => setState('reconnecting'));
    return () => source.close();
  }, []);
  return { snapshot, state };
}

/** Re-renders every second (wrap-up countdowns, "since" durations). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
