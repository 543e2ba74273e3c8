import { describe, expect, it } from 'vitest';
import { layoutLeftToRight } from './layout.ts';

const box = (id: string) => ({ id, width: 200, height: 100 });

describe('layoutLeftToRight', () => {
  it('puts each step in a column to the right of the one before', () => {
    const positions = layoutLeftToRight(
      [box('start'), box('menu'), box('sales'), box('support')],
      [
        { source: 'start', target: 'menu' },
        { source: 'menu', target: 'sales' },
        { source: 'menu', target: 'support' },
      ],
    );
    const start = positions.get('start')!;
    const menu = positions.get('menu')!;
    const sales = positions.get('sales')!;
    const support = positions.get('support')!;
    expect(menu.x).toBeGreaterThanOrEqual(start.x + 200);
    expect(sales.x).toBeGreaterThanOrEqual(menu.x + 200);
    expect(sales.x).toBe(support.x);
    // Two branches of one menu share a column without overlapping.
    expect(Math.abs(sales.y - support.y)).toBeGreaterThanOrEqual(100);
  });

  it('handles loops back (a menu replayed after an invalid key) and several edges between two nodes', () => {
    const positions = layoutLeftToRight(
      [box('menu'), box('say')],
      [
        { source: 'menu', target: 'say' },
        { source: 'menu', target: 'say' },
        { source: 'say', target: 'menu' },
      ],
    );
    expect(positions.size).toBe(2);
    expect(positions.get('menu')!.x).not.toBe(positions.get('say')!.x);
  });

  it('ignores edges to nodes that are not there instead of inventing them', () => {
    const positions = layoutLeftToRight([box('a')], [{ source: 'a', target: 'ghost' }]);
    expect([...positions.keys()]).toEqual(['a']);
  });

  it('returns whole-pixel top-left corners', () => {
    const positions = layoutLeftToRight([{ id: 'odd', width: 101, height: 33 }], []);
    const { x, y } = positions.get('odd')!;
    expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
  });
});
