import dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface LayoutOptions {
  /** Horizontal gap between columns (a call moves left to right). */
  columnGap?: number;
  /** Vertical gap between nodes of one column. */
  rowGap?: number;
}

/**
 * Left-to-right layered layout: Start on the left, each step one column further right, as staff read a call.
 * Returns the top-left corner of each node (React Flow's position), where dagre works with centres.
 */
export function layoutLeftToRight(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.columnGap ?? 90,
    nodesep: options.rowGap ?? 40,
    marginx: 0,
    marginy: 0,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  const known = new Set(nodes.map((node) => node.id));
  edges.forEach((edge, index) => {
    // An edge to a node that is not on the canvas (a broken import) would make dagre invent a node.
    if (known.has(edge.source) && known.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, `e${index}`);
  });
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, {
      x: Math.round((placed.x ?? 0) - node.width / 2),
      y: Math.round((placed.y ?? 0) - node.height / 2),
    });
  }
  return positions;
}
