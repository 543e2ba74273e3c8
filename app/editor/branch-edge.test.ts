import { describe, expect, it } from 'vitest';
import { isBackEdge, loopPath } from './branch-edge.tsx';

describe('edges going back to an earlier step', () => {
  it('are the edges whose target lies left of their source (or right under it)', () => {
    expect(isBackEdge(500, 100)).toBe(true);
    expect(isBackEdge(500, 505)).toBe(true);
    expect(isBackEdge(500, 800)).toBe(false);
  });

  it('loop out to the right, under both nodes, and into the target from the left', () => {
    const { path, labelX, labelY } = loopPath({ x: 500, y: 80 }, { x: 100, y: 40 }, 300);
    const points = [...path.matchAll(/-?\d+(?:\.\d+)? -?\d+(?:\.\d+)?/g)].map((match) =>
      match[0].split(' ').map(Number),
    );
    expect(points[0]).toEqual([500, 80]);
    expect(points.at(-1)).toEqual([100, 40]);
    // Nothing of the loop lies between the two nodes above the floor line but its two sides, outside both nodes.
    const xs = points.map(([x]) => x!);
    expect(Math.max(...xs)).toBe(540);
    expect(Math.min(...xs)).toBe(60);
    expect(Math.max(...points.map(([, y]) => y!))).toBe(300);
    expect({ labelX, labelY }).toEqual({ labelX: 300, labelY: 300 });
  });
});
