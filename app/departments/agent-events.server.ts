// The agents' states as server-sent events for /departments: a snapshot on connecting, then a new one whenever it
// changes. Changes made in this process (web forms, a runtime started by `npm start`) are heard at once through
// db/departments.ts's listeners; the database is also re-read every `pollMs` so changes written by another process
// (`npm run runtime`, the CLI) show within that time.
import type { SwitchboardDb } from '#db/client.ts';
import { onDepartmentsChanged } from '#db/departments.ts';
import { eventStreamResponse } from '../event-stream.server.ts';
import { agentsSnapshot, type Viewer } from './departments-page.server.ts';

/** Must match AGENTS_EVENT in use-live-agents.ts. */
export const AGENTS_EVENT = 'agents';

export function agentEventStream(
  db: SwitchboardDb,
  viewer: Viewer,
  signal: AbortSignal,
  { pollMs = 2000, heartbeatMs = 15_000 }: { pollMs?: number; heartbeatMs?: number } = {},
): Response {
  return eventStreamResponse(
    signal,
    (sink) => {
      let last = '';
      const check = () => {
        const snapshot = agentsSnapshot(db, viewer);
        const serialized = JSON.stringify(snapshot);
        if (serialized === last) return;
        last = serialized;
        sink.send(AGENTS_EVENT, snapshot);
      };
      const unsubscribe = onDepartmentsChanged(db, check);
      check();
      const poll = setInterval(check, pollMs);
      return () => {
        clearInterval(poll);
        unsubscribe();
      };
    },
    { heartbeatMs },
  );
}
