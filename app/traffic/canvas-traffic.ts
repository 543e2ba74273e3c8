import type { Edge } from '@xyflow/react';
import type { Translate } from '#i18n/translator.ts';

// The traffic and live counts as the canvas draws them: per node id and per (source, branch, target), whatever
// version of the flow the calls ran. The editor shows the draft, whose node ids are those of its versions; an edge or
// node the draft no longer has simply finds no count.

/** What /flows/:flowId/traffic answers: one flow's traffic over a period, versions added together. */
export interface CanvasTraffic {
  from: number;
  to: number;
  simulated: boolean;
  calls: number;
  edges: { source: string; branch: string; target: string; count: number }[];
  dropOff: { nodeId: string; count: number }[];
}

/** What /flows/:flowId/live streams: calls in progress per node, real and test calls apart. */
export interface LiveCounts {
  real: Record<string, number>;
  simulated: Record<string, number>;
  /**
   * Of those, the calls holding a place in a department's queue (waiting, agents ringing or not); the others in a
   * queue node are talking to an agent. Absent when no call of the flow waits in a queue.
   */
  waiting?: { real: Record<string, number>; simulated: Record<string, number> };
}

export const NO_LIVE_CALLS: LiveCounts = { real: {}, simulated: {} };

export function edgeKey(source: string, branch: string, target: string): string {
  return `${source}\u0000${branch}\u0000${target}`;
}

interface VersionedTraffic {
  calls: number;
  edges: { versionId: string; source: string; branch: string; target: string; count: number }[];
  dropOff: { versionId: string; nodeId: string; count: number }[];
}

/**
 * Keeps the versions of the flow drawn (a call sent on by a goto reports other flows' edges too) and adds the
 * versions together. A call runs one version of a flow, so the sums still count calls.
 */
export function canvasTrafficOf(
  traffic: VersionedTraffic,
  isFlowVersion: (versionId: string) => boolean,
  period: { from: number; to: number; simulated: boolean },
): CanvasTraffic {
  const edges = new Map<string, CanvasTraffic['edges'][number]>();
  for (const edge of traffic.edges) {
    if (!isFlowVersion(edge.versionId)) continue;
    const key = edgeKey(edge.source, edge.branch, edge.target);
    const known = edges.get(key);
    if (known) known.count += edge.count;
    else edges.set(key, { source: edge.source, branch: edge.branch, target: edge.target, count: edge.count });
  }
  const dropOff = new Map<string, number>();
  for (const node of traffic.dropOff) {
    if (isFlowVersion(node.versionId)) dropOff.set(node.nodeId, (dropOff.get(node.nodeId) ?? 0) + node.count);
  }
  return {
    ...period,
    calls: traffic.calls,
    edges: [...edges.values()],
    dropOff: [...dropOff].map(([nodeId, count]) => ({ nodeId, count })),
  };
}

/** Adds one call in `nodeId` to the counts. */
export function countIn(counts: Record<string, number>, nodeId: string | null): void {
  if (nodeId) counts[nodeId] = (counts[nodeId] ?? 0) + 1;
}

/**
 * Edges with their traffic as a label ("12 calls") and data-traffic-count (CSS, tests); edges nobody took say 0.
 * Without traffic the edges are returned as they are.
 */
export function labelEdges<E extends Edge>(edges: E[], traffic: CanvasTraffic | null, t: Translate): E[] {
  if (!traffic) return edges;
  const counts = new Map(traffic.edges.map((edge) => [edgeKey(edge.source, edge.branch, edge.target), edge.count]));
  return edges.map((edge) => {
    const count = edge.sourceHandle ? (counts.get(edgeKey(edge.source, edge.sourceHandle, edge.target)) ?? 0) : 0;
    return {
      ...edge,
      label: t('editor:traffic.edgeCalls', { count }),
      labelStyle: { fontWeight: 600, fill: count > 0 ? '#1d4ed8' : '#98a2b3' },
      labelBgStyle: { fill: '#eff6ff' },
      domAttributes: { ...edge.domAttributes, 'data-traffic-count': String(count) } as E['domAttributes'],
    };
  });
}

/** Node id -> how many callers hung up there. */
export function dropOffByNode(traffic: CanvasTraffic | null): ReadonlyMap<string, number> {
  return new Map((traffic?.dropOff ?? []).map((node) => [node.nodeId, node.count]));
}
