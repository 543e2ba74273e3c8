import { flowOfVersion, flowTraffic, runningCallNodes } from '#db/call-stats.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { getFlow } from '#db/flows.ts';
import type { SimulationManager } from '#runtime/simulator/manager.ts';
import { flowOfDraftVersionId, isDraftVersionId } from '#runtime/simulator/draft-ports.ts';
import type { SwitchboardServices } from '#server/services.ts';
import { canvasTrafficOf, countIn, type CanvasTraffic, type LiveCounts } from './canvas-traffic.ts';
import type { TrafficQuery } from './period.ts';

// Calls in progress per node of one flow, for the canvas: real calls from the runtime of this process (or, when
// it runs elsewhere, from the database it writes), test calls from this server's simulator.

/** Whether the flow exists (archived or not): the traffic endpoints answer 404 otherwise. */
export function flowExists(db: SwitchboardDb, flowId: string): boolean {
  return getFlow(db, flowId) !== null;
}

/** The canvas overlay's figures of a period: every version of the flow added together, keyed by node ids. */
export function canvasTrafficOfFlow(db: SwitchboardDb, flowId: string, query: TrafficQuery): CanvasTraffic {
  const { from, to, simulated } = query;
  const ownerOf = createVersionOwners(db);
  const traffic = flowTraffic(db, { flowId, from, to, simulated });
  return canvasTrafficOf(traffic, (versionId) => ownerOf(versionId) === flowId, { from, to, simulated });
}

/** Which flow a version belongs to; versions never change, so a process remembers the answers. */
export function createVersionOwners(db: SwitchboardDb): (versionId: string) => string | null {
  const known = new Map<string, string | null>();
  return (versionId) => {
    if (isDraftVersionId(versionId)) return flowOfDraftVersionId(versionId);
    if (known.has(versionId)) return known.get(versionId)!;
    const owner = flowOfVersion(db, versionId);
    if (owner) known.set(versionId, owner);
    return owner;
  };
}

export function liveCountsOf(
  services: Pick<SwitchboardServices, 'db' | 'liveCalls'>,
  simulations: Pick<SimulationManager, 'liveCalls'>,
  flowId: string,
  ownerOf: (versionId: string) => string | null,
): LiveCounts {
  const counts: LiveCounts = { real: {}, simulated: {} };
  if (services.liveCalls) {
    // The call's current version: after a goto into this flow its calls count here, after one out of it they don't.
    for (const call of services.liveCalls().values()) {
      if (call.versionId && ownerOf(call.versionId) === flowId) countIn(counts.real, call.nodeId);
    }
  } else {
    for (const call of runningCallNodes(services.db, flowId)) {
      if (!call.versionId || ownerOf(call.versionId) === flowId) countIn(counts.real, call.nodeId);
    }
  }
  for (const call of simulations.liveCalls()) {
    if (ownerOf(call.versionId) === flowId) countIn(counts.simulated, call.nodeId);
  }
  return counts;
}

export function sameCounts(a: LiveCounts, b: LiveCounts): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
