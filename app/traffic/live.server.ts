import { flowOfVersion, flowTraffic, runningCallNodes } from '#db/call-stats.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { getFlow } from '#db/flows.ts';
import { savedQueuePlaces } from '#db/queues.ts';
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

/** A test call as the live counts need it (SimulationManager.liveCalls gives more). */
type SimulatedLiveCall = { nodeId: string; versionId: string; waitingInQueue?: boolean };

export function liveCountsOf(
  services: Pick<SwitchboardServices, 'db' | 'liveCalls'>,
  simulations: { liveCalls(): SimulatedLiveCall[] },
  flowId: string,
  ownerOf: (versionId: string) => string | null,
): LiveCounts {
  const counts: LiveCounts = { real: {}, simulated: {} };
  const waiting = { real: {} as Record<string, number>, simulated: {} as Record<string, number> };
  // Callers holding a place in a queue, as the runtime saves them (whichever process it runs in); read only when a
  // call of this flow is in progress.
  let placed: Set<string> | null = null;
  const holdsPlace = (callId: string | null | undefined) => {
    placed ??= new Set(
      savedQueuePlaces(services.db).flatMap((place) => (place.kind === 'caller' && place.callId ? [place.callId] : [])),
    );
    return callId ? placed.has(callId) : false;
  };
  const real = services.liveCalls
    ? // The call's current version: after a goto into this flow its calls count here, after one out of it they don't.
      [...services.liveCalls().values()].filter((call) => call.versionId && ownerOf(call.versionId) === flowId)
    : runningCallNodes(services.db, flowId).filter((call) => !call.versionId || ownerOf(call.versionId) === flowId);
  for (const call of real) {
    countIn(counts.real, call.nodeId);
    if (holdsPlace(call.callId)) countIn(waiting.real, call.nodeId);
  }
  for (const call of simulations.liveCalls()) {
    if (ownerOf(call.versionId) !== flowId) continue;
    countIn(counts.simulated, call.nodeId);
    if (call.waitingInQueue) countIn(waiting.simulated, call.nodeId);
  }
  if (Object.keys(waiting.real).length > 0 || Object.keys(waiting.simulated).length > 0) counts.waiting = waiting;
  return counts;
}

export function sameCounts(a: LiveCounts, b: LiveCounts): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
