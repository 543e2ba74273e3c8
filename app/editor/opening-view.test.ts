import { describe, expect, it } from 'vitest';
import { generateLargeFlow } from '#flows/testing/documents.ts';
import { READABLE_ZOOM, openingNodeIds, openingViewport } from './opening-view.ts';

describe('openingNodeIds', () => {
  it('takes the start node and its successors two steps deep, breadth first', () => {
    const flow = generateLargeFlow(500);
    expect(openingNodeIds(flow.nodes, flow.edges)).toEqual(['start', 'menu-0', 'say-0', 'dial-0', 'set-0']);
  });

  it('stops at eight nodes however wide the flow fans out', () => {
    const nodes = [
      { id: 'entry', type: 'start' },
      ...Array.from({ length: 20 }, (_, index) => ({ id: `n${index}`, type: 'say' })),
    ];
    const edges = nodes.slice(1).map((node) => ({ source: 'entry', target: node.id }));
    expect(openingNodeIds(nodes, edges)).toEqual(['entry', 'n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
  });

  it('follows loops without repeating a node', () => {
    const nodes = [
      { id: 'a', type: 'start' },
      { id: 'b', type: 'menu' },
    ];
    expect(
      openingNodeIds(nodes, [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ]),
    ).toEqual(['a', 'b']);
  });

  it('is empty for a flow without a start node', () => {
    expect(openingNodeIds([{ id: 'x', type: 'say' }], [])).toEqual([]);
  });
});

describe('openingViewport', () => {
  const pane = { width: 800, height: 600 };

  it('centres a small group at zoom 1, never zooming in further', () => {
    const viewport = openingViewport({ x: 100, y: 50, width: 240, height: 100 }, pane);
    expect(viewport.zoom).toBe(1);
    // The group's centre (220, 100) lands on the pane's centre (400, 300).
    expect(220 * viewport.zoom + viewport.x).toBeCloseTo(400);
    expect(100 * viewport.zoom + viewport.y).toBeCloseTo(300);
  });

  it('zooms out to fit a group that fits at a readable zoom', () => {
    const viewport = openingViewport({ x: 0, y: 0, width: 900, height: 200 }, pane);
    expect(viewport.zoom).toBeCloseTo((800 - 80) / 900);
    expect(450 * viewport.zoom + viewport.x).toBeCloseTo(400);
  });

  it('stays readable for a wide group, keeping its top-left corner (the start node) on screen', () => {
    const viewport = openingViewport({ x: -30, y: 10, width: 1800, height: 100 }, pane);
    expect(viewport.zoom).toBe(READABLE_ZOOM.min);
    expect(-30 * viewport.zoom + viewport.x).toBeCloseTo(40);
    // Its height fits: centred vertically.
    expect(60 * viewport.zoom + viewport.y).toBeCloseTo(300);
  });
});
