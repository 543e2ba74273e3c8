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
/** Zoom range of the opening view: readable text (fitting the whole of a big flow would show it at ~20%). */
export const READABLE_ZOOM = { min: 0.8, max: 1 };
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
 * The viewport a big flow opens at: the opening nodes (`bounds`) at the zoom that fits them, kept between
 * READABLE_ZOOM's limits. When they do not fit at the smallest readable zoom, their top-left corner (where the start
 * node usually is: flows read left to right or top to bottom) is kept on screen, PADDING_PX from the pane's edge.
 */
export function openingViewport(bounds: Box, pane: { width: number; height: number }): Viewport {
  const fitZoom = Math.min(
    (pane.width - 2 * PADDING_PX) / bounds.width,
    (pane.height - 2 * PADDING_PX) / bounds.height,
  );
  const zoom = Math.min(READABLE_ZOOM.max, Math.max(READABLE_ZOOM.min, fitZoom));
  const place = (start: number, size: number, paneSize: number) =>
    size * zoom <= paneSize - 2 * PADDING_PX ? paneSize / 2 - (start + size / 2) * zoom : PADDING_PX - start * zoom;
  return { x: place(bounds.x, bounds.width, pane.width), y: place(bounds.y, bounds.height, pane.height), zoom };
}
