import { describe, expect, it } from 'vitest';
import { cyclicComponents, reachableFrom } from './graph.ts';

describe('reachableFrom', () => {
  it('marks what the roots lead to, and nothing else', () => {
    // 0 -> 1 -> 2, 3 -> 0 (3 is not reached from 0)
    expect([...reachableFrom([[1], [2], [], [0]], [0])]).toEqual([1, 1, 1, 0]);
    expect([...reachableFrom([[1], [2], [], [0]], [])]).toEqual([0, 0, 0, 0]);
  });
});

describe('cyclicComponents', () => {
  it('finds each loop once, members sorted, loops in order of their first member', () => {
    // 0 -> 1 -> 2 -> 0 (a loop), 2 -> 3, 3 -> 4 -> 3 (another), 5 -> 5 (a node looping on itself), 6 alone
    const adjacency = [[1], [2], [0, 3], [4], [3], [5], []];
    expect(cyclicComponents(adjacency)).toEqual([[0, 1, 2], [3, 4], [5]]);
  });

  it('finds no loop in a tree', () => {
    expect(cyclicComponents([[1, 2], [3], [3], []])).toEqual([]);
  });

  it('walks a 100 000-node chain without recursion', () => {
    const adjacency = Array.from({ length: 100_000 }, (_, index) => (index + 1 < 100_000 ? [index + 1] : [0]));
    const [loop] = cyclicComponents(adjacency);
    expect(loop).toHaveLength(100_000);
  });
});
