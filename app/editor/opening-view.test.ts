import { describe, expect, it } from 'vitest';
import { generateLargeFlow } from '#flows/testing/documents.ts';
import { readFileSync } from 'node:fs';
import { MIN_TEXT_ON_SCREEN_PX, NODE_TEXT_PX, READABLE_ZOOM, openingNodeIds, openingViewport } from './opening-view.ts';

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
    const viewport = openingViewport({ x: 0, y: 0, width: 760, height: 200 }, pane);
    expect(viewport.zoom).toBeCloseTo((800 - 80) / 760);
    expect(380 * viewport.zoom + viewport.x).toBeCloseTo(400);
  });

  it('never zooms out so far that node text drops under 11 px on screen', () => {
    const viewport = openingViewport({ x: 0, y: 0, width: 5000, height: 3000 }, pane);
    expect(viewport.zoom).toBeCloseTo(READABLE_ZOOM.min);
    expect(NODE_TEXT_PX * viewport.zoom).toBeGreaterThanOrEqual(MIN_TEXT_ON_SCREEN_PX - 1e-9);
  });

  it('centres on the start node along an axis where the flow does not fit', () => {
    // A flow 2000 px high with its start in the middle of its height: too high to fit, so the start is centred.
    const flow = { x: 0, y: -1000, width: 1200, height: 2000 };
    const start = { x: 0, y: -50, width: 240, height: 100 };
    const viewport = openingViewport(flow, pane, start);
    expect(viewport.zoom).toBe(READABLE_ZOOM.min);
    expect(0 * viewport.zoom + viewport.y).toBeCloseTo(300);
    // Too wide as well, but the start is on the left edge: the flow starts 40 px into the pane, not at its middle.
    expect(0 * viewport.zoom + viewport.x).toBeCloseTo(40);
  });

  it('keeps the far edge of the flow in the pane when the start node sits near it', () => {
    const flow = { x: 0, y: 0, width: 2000, height: 200 };
    const start = { x: 1760, y: 50, width: 240, height: 100 };
    const viewport = openingViewport(flow, pane, start);
    // The flow's right edge lands 40 px before the pane's right edge rather than at its centre.
    expect(2000 * viewport.zoom + viewport.x).toBeCloseTo(800 - 40);
  });

  it('stays readable for a wide group, keeping its top-left corner (the start node) on screen', () => {
    const viewport = openingViewport({ x: -30, y: 10, width: 1800, height: 100 }, pane);
    expect(viewport.zoom).toBe(READABLE_ZOOM.min);
    expect(-30 * viewport.zoom + viewport.x).toBeCloseTo(40);
    // Its height fits: centred vertically.
    expect(60 * viewport.zoom + viewport.y).toBeCloseTo(300);
  });
});

describe('the readable zoom', () => {
  it('matches the smallest node text of editor.css but the id, so no such text opens under 11 px', () => {
    const css = readFileSync(new URL('../styles/editor.css', import.meta.url), 'utf8');
    const remOf = (selector: string) => {
      const rule = css.slice(css.indexOf(`${selector} {`));
      return Number(/font-size:\s*([\d.]+)rem/.exec(rule.slice(0, rule.indexOf('}')))![1]);
    };
    const nodeTexts = ['.canvas-node', '.canvas-node-title', '.canvas-node-branches li'].map((selector) =>
      remOf(selector),
    );
    expect(Math.min(...nodeTexts) * 16).toBeCloseTo(NODE_TEXT_PX);
    expect(READABLE_ZOOM.min * NODE_TEXT_PX).toBeCloseTo(MIN_TEXT_ON_SCREEN_PX);
  });
});
