// Graph algorithms over node indices (0..n-1) and adjacency lists. Iterative on purpose: a generated or imported
// flow may hold thousands of nodes in one long chain, which would overflow the call stack of a recursive walk.

export type Adjacency = readonly (readonly number[])[];

/** Marks every node reachable from the given roots (breadth-first). */
export function reachableFrom(adjacency: Adjacency, roots: readonly number[]): Uint8Array {
  const reached = new Uint8Array(adjacency.length);
  const queue: number[] = [];
  for (const root of roots) {
    if (!reached[root]) {
      reached[root] = 1;
      queue.push(root);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency[queue[head]!]!) {
      if (!reached[next]) {
        reached[next] = 1;
        queue.push(next);
      }
    }
  }
  return reached;
}

/**
 * The cycles of a graph, as Tarjan's strongly connected components that contain a cycle: components of two or
 * more nodes, and single nodes with an edge to themselves. Each component's members come in ascending index
 * order, and the components are sorted by their smallest member, so results are stable for a given document.
 */
export function cyclicComponents(adjacency: Adjacency): number[][] {
  const count = adjacency.length;
  const UNVISITED = -1;
  const index = new Int32Array(count).fill(UNVISITED);
  const lowLink = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const componentStack: number[] = [];
  const components: number[][] = [];
  // Each frame of the explicit call stack is a node and the position of the next edge to explore from it.
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  let nextIndex = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== UNVISITED) continue;
    frameNode.push(root);
    frameEdge.push(0);
    index[root] = lowLink[root] = nextIndex++;
    componentStack.push(root);
    onStack[root] = 1;

    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const node = frameNode[top]!;
      const edges = adjacency[node]!;
      const edgePosition = frameEdge[top]!;
      if (edgePosition < edges.length) {
        frameEdge[top] = edgePosition + 1;
        const next = edges[edgePosition]!;
        if (index[next] === UNVISITED) {
          index[next] = lowLink[next] = nextIndex++;
          componentStack.push(next);
          onStack[next] = 1;
          frameNode.push(next);
          frameEdge.push(0);
        } else if (onStack[next]) {
          lowLink[node] = Math.min(lowLink[node]!, index[next]!);
        }
        continue;
      }
      // Every edge of `node` explored: return to the caller frame.
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1]!;
        lowLink[parent] = Math.min(lowLink[parent]!, lowLink[node]!);
      }
      if (lowLink[node] !== index[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = componentStack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.includes(node)) components.push(component.sort((a, b) => a - b));
    }
  }
  return components.sort((a, b) => a[0]! - b[0]!);
}
