import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { branchKey, markEdges, markNodes, pathFromEvents } from './path.ts';

const events = [
  { kind: 'node-entered', at: 1000, nodeId: 'start' },
  { kind: 'node-left', at: 1000, nodeId: 'start', branch: 'next' },
  { kind: 'node-entered', at: 1000, nodeId: 'menu' },
  { kind: 'prompt-played', at: 3000, nodeId: 'menu' },
  { kind: 'node-left', at: 4500, nodeId: 'menu', branch: '2' },
  { kind: 'node-entered', at: 4500, nodeId: 'dial' },
];

describe('pathFromEvents', () => {
  it('follows nodes entered and branches left, and adds up the time per node', () => {
    const path = pathFromEvents(events);
    expect(path.current).toBe('dial');
    expect([...path.visited]).toEqual(['start', 'menu', 'dial']);
    expect(path.takenBranches).toEqual(new Set([branchKey('start', 'next'), branchKey('menu', '2')]));
    expect(path.timeByNode.get('menu')).toBe(3500);
  });

  it('marks the current and visited nodes and the edges taken', () => {
    const path = pathFromEvents(events);
    const nodes = markNodes(
      ['start', 'menu', 'dial', 'other'].map((id): Node => ({ id, position: { x: 0, y: 0 }, data: {} })),
      path,
    );
    expect(
      nodes.map((node) => (node.domAttributes as Record<string, string> | undefined)?.['data-sim-state'] ?? null),
    ).toEqual(['visited', 'visited', 'current', null]);
    const edges = markEdges<Edge>(
      [
        { id: 'a', source: 'menu', sourceHandle: '2', target: 'dial' },
        { id: 'b', source: 'menu', sourceHandle: '1', target: 'other' },
      ],
      path,
    );
    expect(edges[0]?.className).toBe('sim-taken');
    expect(edges[0]?.animated).toBe(true);
    expect(edges[1]?.className).toBeUndefined();
  });
});
