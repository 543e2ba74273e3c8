import type { FlowDocument } from '#flows/document.ts';
import { isNodeType } from '#flows/catalogue.ts';
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from '#i18n/languages.ts';
import { UNKNOWN_CANVAS_TYPE, type Canvas, type CanvasEdge, type CanvasNode, type FlowSettings } from './model.ts';
import { estimateNodeBoxOf } from './node-view.ts';

// The document is the truth that is saved, validated and published; the canvas is React Flow's view of it, which
// adds what only the screen needs (selection, measured sizes). These two functions are the only bridge.

export function settingsOf(document: FlowDocument): FlowSettings {
  const { nodes: _nodes, edges: _edges, ...settings } = document;
  return settings;
}

/**
 * Past this many nodes the canvas draws only the nodes on screen (a 500-node flow is mostly off screen), and the
 * canvas starts from estimated node sizes so that even the first drawing skips the nodes off screen.
 */
export const VISIBLE_ONLY_ABOVE = 150;

/**
 * Builds the canvas for a document. `previous` (the canvas being replaced, e.g. on undo) lends its selection and
 * measured sizes to nodes that still exist, so undo neither flickers nor loses what the user had selected.
 * `estimateSizes` gives nodes never measured an estimated size and handles (node-view.ts) instead of none; the
 * estimate depends on the page's `language` (a summary's length decides the node's height).
 */
export function documentToCanvas(
  document: FlowDocument,
  previous?: Canvas,
  options: { estimateSizes?: boolean; language?: UiLanguage } = {},
): Canvas {
  const previousNodes = new Map(previous?.nodes.map((node) => [node.id, node]));
  const previousEdges = new Map(previous?.edges.map((edge) => [edge.id, edge]));
  const nodes = document.nodes.map((node): CanvasNode => {
    const before = previousNodes.get(node.id);
    const canvasNode: CanvasNode = {
      id: node.id,
      type: isNodeType(node.type) ? node.type : UNKNOWN_CANVAS_TYPE,
      position: { x: node.position.x, y: node.position.y },
      data: { flowType: node.type, value: node.data },
      ...(before?.selected ? { selected: true } : {}),
    };
    // Still an estimate (never drawn): lend it as it is, handles included, so it is still replaced when measured.
    if (before?.measured)
      return { ...canvasNode, measured: before.measured, ...(before.handles ? { handles: before.handles } : {}) };
    if (!options.estimateSizes) return canvasNode;
    const { width, height, handles } = estimateNodeBoxOf(node.type, node.data, options.language ?? DEFAULT_UI_LANGUAGE);
    return { ...canvasNode, measured: { width, height }, handles };
  });
  const edges = document.edges.map((edge): CanvasEdge => ({
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceBranch,
    target: edge.target,
    ...(previousEdges.get(edge.id)?.selected ? { selected: true } : {}),
  }));
  return { nodes, edges };
}

/** The document the canvas shows. Positions are rounded to whole pixels: nobody places a node at x = 103.4719. */
export function canvasToDocument(settings: FlowSettings, canvas: Canvas): FlowDocument {
  return {
    ...settings,
    nodes: canvas.nodes.map((node) => ({
      id: node.id,
      type: node.data.flowType,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data.value,
    })),
    edges: canvas.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceBranch: edge.sourceHandle ?? '',
      target: edge.target,
    })),
  };
}
