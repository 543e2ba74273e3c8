import type { DraftNode, FlowEdge } from '#flows/document.ts';
import { nextEdgeId, nextNodeId } from './ids.ts';

/** What Ctrl+C keeps: copies of the chosen nodes and of the edges running between them. */
export interface ClipboardContent {
  nodes: DraftNode[];
  edges: FlowEdge[];
}

export interface CopyResult {
  content: ClipboardContent;
  /** Start nodes are never copied: a flow has exactly one. */
  skippedStart: boolean;
}

export function copyNodes(
  nodes: readonly DraftNode[],
  edges: readonly FlowEdge[],
  ids: ReadonlySet<string>,
): CopyResult {
  const chosen = nodes.filter((node) => ids.has(node.id));
  const copied = chosen.filter((node) => node.type !== 'start');
  const copiedIds = new Set(copied.map((node) => node.id));
  return {
    content: {
      nodes: structuredClone(copied),
      edges: structuredClone(edges.filter((edge) => copiedIds.has(edge.source) && copiedIds.has(edge.target))),
    },
    skippedStart: copied.length < chosen.length,
  };
}

/**
 * The nodes and edges a paste adds: fresh ids that collide with nothing on the canvas, positions moved by `offset`,
 * edges rewired to the new ids. The clipboard itself is left as it was, so pasting twice makes two copies.
 */
export function pasteContent(
  content: ClipboardContent,
  taken: { nodeIds: ReadonlySet<string>; edgeIds: ReadonlySet<string> },
  offset: { x: number; y: number },
): ClipboardContent {
  const nodeIds = new Set(taken.nodeIds);
  const edgeIds = new Set(taken.edgeIds);
  const renamed = new Map<string, string>();
  const nodes = content.nodes.map((node) => {
    const id = nextNodeId(node.type, nodeIds);
    nodeIds.add(id);
    renamed.set(node.id, id);
    return {
      id,
      type: node.type,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      data: structuredClone(node.data),
    };
  });
  const edges = content.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source === undefined || target === undefined) return [];
    const id = nextEdgeId(source, edge.sourceBranch, edgeIds);
    edgeIds.add(id);
    return [{ id, source, sourceBranch: edge.sourceBranch, target }];
  });
  return { nodes, edges };
}
