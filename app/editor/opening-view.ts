import type { Viewport } from '@xyflow/react';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The nodes a large flow opens on: its start and what follows it, up to this many steps away and this many nodes. */
const OPENING_DEPTH = 2;
const OPENING_NODES = 8;
/**
 * The smallest text a canvas node shows besides its id: the branch labels, `.canvas-node-branches li` in
 * app/styles/editor.css (0.76rem of 16 px). The summary is larger (0.82rem), the title larger still.
 */
export const NODE_TEXT_PX = 0.76 * 16;
/** What a person reads without leaning in: a flow opens with no node text smaller than this on screen. */
export const MIN_TEXT_ON_SCREEN_PX = 11;
/**
 * Zoom range of the opening view: readable text at the low end (fitting the whole 6003 IVR in a laptop's window
 * would draw its text 6 px high; a 500-node flow at ~20%), never magnified at the high end. Fit shows everything.
 */
export const READABLE_ZOOM = { min: MIN_TEXT_ON_SCREEN_PX / NODE_TEXT_PX, max: 1 };
const PADDING_PX = 40;

/**
 * The ids of the start node and its successors (breadth first, OPENING_DEPTH steps, at most OPENING_NODES nodes):
 * what a person opening a big flow reads first. Empty without a start node.
 */
export function openingNodeIds(
  nodes: readonly { id: string; type?: string }[],
  edges: readonly { source: string; target: string }[],
): string[] {
  const start = nodes.find((node) => node.type === 'start');
  if (!start) return [];
  const targets = new Map<string, string[]>();
  for (const edge of edges) targets.set(edge.source, [...(targets.get(edge.source) ?? []), edge.target]);
  const chosen = [start.id];
  let layer = [start.id];
  for (let depth = 0; depth < OPENING_DEPTH && chosen.length < OPENING_NODES; depth++) {
    const next: string[] = [];
    for (const id of layer) {
      for (const target of targets.get(id) ?? []) {
        if (chosen.length >= OPENING_NODES || chosen.includes(target)) continue;
        chosen.push(target);
        next.push(target);
      }
    }
    layer = next;
  }
  return chosen;
}

/**
 * The viewport a flow opens at: `bounds` (the whole flow, or the first steps of a big one) at the zoom that fits
 * them, kept within READABLE_ZOOM. Along an axis where they fit, they are centred. Where they do not, the view is
 * centred on `focus` (the start node), without leaving more than PADDING_PX of empty canvas beyond the flow's edge:
 * a start node on the flow's left edge ends up near the pane's left edge, with the steps after it beside it. Without
 * a focus, the top-left corner of `bounds` is kept on screen.
 */
export function openingViewport(bounds: Box, pane: { width: number; height: number }, focus?: Box): Viewport {
  const fitZoom = Math.min(
    (pane.width - 2 * PADDING_PX) / bounds.width,
    (pane.height - 2 * PADDING_PX) / bounds.height,
  );
  const zoom = Math.min(READABLE_ZOOM.max, Math.max(READABLE_ZOOM.min, fitZoom));
  const place = (start: number, size: number, paneSize: number, focusStart: number, focusSize: number) => {
    if (size * zoom <= paneSize - 2 * PADDING_PX) return paneSize / 2 - (start + size / 2) * zoom;
    const centred = paneSize / 2 - (focusStart + focusSize / 2) * zoom;
    // The flow's far edge at most PADDING_PX inside the pane, then its near edge likewise (the latter wins).
    return Math.min(PADDING_PX - start * zoom, Math.max(paneSize - PADDING_PX - (start + size) * zoom, centred));
  };
  const target = focus ?? { x: bounds.x, y: bounds.y, width: 0, height: 0 };
  return {
    x: place(bounds.x, bounds.width, pane.width, target.x, target.width),
    y: place(bounds.y, bounds.height, pane.height, target.y, target.height),
    zoom,
  };
}
