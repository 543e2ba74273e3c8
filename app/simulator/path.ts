import type { Edge, Node } from '@xyflow/react';

// The path a call took through a graph, from its events (live ones from a test call, or recorded ones in history):
// which node it is in, which nodes and edges it went through, and how long it spent in each node.

export interface PathEvent {
  kind: string;
  at: number;
  nodeId?: string | null;
  branch?: string | null;
}

export interface CallPath {
  /** The node the call is in now (null once it left the last one, or before the first). */
  current: string | null;
  visited: ReadonlySet<string>;
  /** Edges taken, as "source\u0000branch" (an edge is the branch of its source). */
  takenBranches: ReadonlySet<string>;
  /** Milliseconds spent per node, all visits added up (a node still being run counts up to its last event). */
  timeByNode: ReadonlyMap<string, number>;
}

export const EMPTY_PATH: CallPath = {
  current: null,
  visited: new Set(),
  takenBranches: new Set(),
  timeByNode: new Map(),
};

export function branchKey(source: string, branch: string): string {
  return `${source}\u0000${branch}`;
}

export function pathFromEvents(events: readonly PathEvent[]): CallPath {
  let current: string | null = null;
  let enteredAt = 0;
  const visited = new Set<string>();
  const takenBranches = new Set<string>();
  const timeByNode = new Map<string, number>();
  const addTime = (nodeId: string, ms: number) =>
    timeByNode.set(nodeId, (timeByNode.get(nodeId) ?? 0) + Math.max(0, ms));
  for (const event of events) {
    if (event.kind === 'node-entered' && event.nodeId) {
      current = event.nodeId;
      enteredAt = event.at;
      visited.add(event.nodeId);
    } else if (event.kind === 'node-left' && event.nodeId) {
      addTime(event.nodeId, event.at - enteredAt);
      if (event.branch) takenBranches.add(branchKey(event.nodeId, event.branch));
      if (current === event.nodeId) current = null;
    }
  }
  return { current, visited, takenBranches, timeByNode };
}

export type SimState = 'current' | 'visited';

export function nodeSimState(path: CallPath, nodeId: string): SimState | null {
  if (path.current === nodeId) return 'current';
  return path.visited.has(nodeId) ? 'visited' : null;
}

/**
 * Nodes marked for the canvas: data-sim-state="current|visited" on React Flow's node wrapper (CSS and tests read
 * it). Nodes off the path keep their identity, so React Flow does not re-render them.
 */
export function markNodes<N extends Node>(nodes: N[], path: CallPath): N[] {
  if (path.visited.size === 0) return nodes;
  return nodes.map((node) => {
    const state = nodeSimState(path, node.id);
    if (!state) return node;
    return { ...node, domAttributes: { ...node.domAttributes, 'data-sim-state': state } as N['domAttributes'] };
  });
}

/** Edges of the path drawn thicker and coloured, and animated toward the current node. */
export function markEdges<E extends Edge>(edges: E[], path: CallPath): E[] {
  if (path.takenBranches.size === 0) return edges;
  return edges.map((edge) => {
    if (!edge.sourceHandle || !path.takenBranches.has(branchKey(edge.source, edge.sourceHandle))) return edge;
    return {
      ...edge,
      className: `${edge.className ?? ''} sim-taken`.trim(),
      animated: edge.target === path.current,
      style: { ...edge.style, stroke: '#7c3aed', strokeWidth: 3 },
      domAttributes: { ...edge.domAttributes, 'data-sim-state': 'taken' } as E['domAttributes'],
    };
  });
}
