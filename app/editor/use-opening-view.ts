import { useStore, type ReactFlowInstance } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import type { CanvasEdge, CanvasNode } from './model.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { estimateNodeBoxOf } from './node-view.ts';
import { openingNodeIds, openingViewport, type Box } from './opening-view.ts';
import { useUiLanguage } from './use-ui-language.ts';

/**
 * Opens the flow at a zoom where its text can be read (opening-view.ts), once the canvas has its size: the whole
 * flow when it fits, else centred on its start node; a big flow on its start node and the first steps after it,
 * since fitting hundreds of nodes would show them at 20%, each to be built and painted before the page answers, and
 * none readable. Fit still shows everything. Set at once (no animation, no waiting for React Flow to measure the
 * nodes), from the nodes' sizes, measured or estimated (node-view.ts).
 */
export function useOpeningView(reactFlow: ReactFlowInstance<CanvasNode, CanvasEdge>, largeFlow: boolean) {
  const paneSize = useStore(
    (store) =>
      store.panZoom && store.width > 0 && store.height > 0 ? { width: store.width, height: store.height } : null,
    sameSize,
  );
  const placed = useRef(false);
  const language = useUiLanguage();
  useLayoutEffect(() => {
    if (placed.current || !paneSize) return;
    placed.current = true;
    const nodes = reactFlow.getNodes();
    const opening = largeFlow ? new Set(openingNodeIds(nodes, reactFlow.getEdges())) : new Set<string>();
    const shown = opening.size > 0 ? nodes.filter((node) => opening.has(node.id)) : nodes;
    if (shown.length === 0) return;
    const start = nodes.find((node) => node.data.flowType === 'start');
    const box = (node: CanvasNode) => boxOf(node, language);
    void reactFlow.setViewport(openingViewport(boundsOf(shown.map(box)), paneSize, start ? box(start) : undefined));
  }, [largeFlow, paneSize, reactFlow, language]);
}

const sameSize = (a: { width: number; height: number } | null, b: { width: number; height: number } | null) =>
  a === b || (a !== null && b !== null && a.width === b.width && a.height === b.height);

function boxOf(node: CanvasNode, language: UiLanguage): Box {
  const size =
    node.measured?.width && node.measured.height
      ? { width: node.measured.width, height: node.measured.height }
      : estimateNodeBoxOf(node.data.flowType, node.data.value, language);
  return { x: node.position.x, y: node.position.y, width: size.width, height: size.height };
}

function boundsOf(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
