import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Diagnostic } from '#flows/validate.ts';

// What a canvas node shows besides its own data: the problems validation found in it and the branches its edges
// leave from. Every edit re-validates the whole flow; if each node read these from one React context, all 500 nodes
// of a big flow would re-render each time. Here each node subscribes to its own entry and re-renders only when
// that entry changes.

export interface NodeFacts {
  problems: readonly Diagnostic[];
  /** Branch ids its edges leave from, so a node keeps a handle for an edge it no longer offers. */
  branchesInUse: readonly string[];
}

const NO_FACTS: NodeFacts = { problems: [], branchesInUse: [] };

function sameProblems(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return (
    a.length === b.length &&
    a.every((problem, index) => {
      const other = b[index]!;
      return (
        problem.code === other.code &&
        problem.severity === other.severity &&
        problem.message === other.message &&
        problem.field === other.field
      );
    })
  );
}

const sameBranches = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);

export class NodeFactsStore {
  private facts = new Map<string, NodeFacts>();
  private listeners = new Map<string, Set<() => void>>();

  get(nodeId: string): NodeFacts {
    return this.facts.get(nodeId) ?? NO_FACTS;
  }

  subscribe(nodeId: string, listener: () => void): () => void {
    const set = this.listeners.get(nodeId) ?? new Set();
    set.add(listener);
    this.listeners.set(nodeId, set);
    return () => set.delete(listener);
  }

  /** Replaces every node's facts; only the nodes whose facts changed are told. */
  update(
    problemsByNode: ReadonlyMap<string, readonly Diagnostic[]>,
    branchesByNode: ReadonlyMap<string, readonly string[]>,
  ) {
    const ids = new Set([...this.facts.keys(), ...problemsByNode.keys(), ...branchesByNode.keys()]);
    const changed: string[] = [];
    const next = new Map<string, NodeFacts>();
    for (const id of ids) {
      const before = this.get(id);
      const problems = problemsByNode.get(id) ?? NO_FACTS.problems;
      const branchesInUse = branchesByNode.get(id) ?? NO_FACTS.branchesInUse;
      const same = sameProblems(before.problems, problems) && sameBranches(before.branchesInUse, branchesInUse);
      if (problems.length > 0 || branchesInUse.length > 0) next.set(id, same ? before : { problems, branchesInUse });
      if (!same) changed.push(id);
    }
    this.facts = next;
    for (const id of changed) for (const listener of this.listeners.get(id) ?? []) listener();
  }
}

export const NodeFactsContext = createContext<NodeFactsStore>(new NodeFactsStore());

export function useNodeFacts(nodeId: string): NodeFacts {
  const store = useContext(NodeFactsContext);
  const subscribe = useCallback((listener: () => void) => store.subscribe(nodeId, listener), [store, nodeId]);
  const read = useCallback(() => store.get(nodeId), [store, nodeId]);
  return useSyncExternalStore(subscribe, read, read);
}
