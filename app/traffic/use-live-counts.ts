import { useEffect, useState } from 'react';
import { NO_LIVE_CALLS, type LiveCounts } from './canvas-traffic.ts';

/** Calls in progress per node of the flow, kept up to date by /flows/:flowId/live (EventSource reconnects itself). */
export function useLiveCounts(flowId: string): LiveCounts {
  const [counts, setCounts] = useState<LiveCounts>(NO_LIVE_CALLS);
  useEffect(() => {
    const source = new EventSource(`/flows/${encodeURIComponent(flowId)}/live`);
    source.addEventListener('counts', (message) =>
      setCounts(JSON.parse((message as MessageEvent<string>).data) as LiveCounts),
    );
    return () => source.close();
  }, [flowId]);
  return counts;
}
