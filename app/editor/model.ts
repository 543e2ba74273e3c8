import type { Edge, Node } from '@xyflow/react';
import type { FlowDocument } from '#flows/document.ts';

/**
 * What a canvas node carries. `flowType` is the flow node type as written in the document ("menu"), kept even when
 * Switchboard does not know it, so an imported draft with a typo round-trips untouched; `value` is the node's data,
 * possibly half-finished (validation says what is wrong with it).
 */
export interface CanvasNodeData extends Record<string, unknown> {
  flowType: string;
  value: unknown;
}

/** React Flow's node type key for a flow node type the catalogue does not know. */
export const UNKNOWN_CANVAS_TYPE = 'unknown';

export type CanvasNode = Node<CanvasNodeData, string>;

/** An edge on the canvas: `sourceHandle` is the branch id of the source node ("1", "timeout", "next"). */
export type CanvasEdge = Edge<Record<string, never>>;

/** Everything of a document that is not its graph: what the "Flow settings" form edits. */
export type FlowSettings = Omit<FlowDocument, 'nodes' | 'edges'>;

export interface Canvas {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}
