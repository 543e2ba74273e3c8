import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { defaultDataOf, type NodeType } from '#flows/catalogue.ts';
import type { FlowDocument } from '#flows/document.ts';
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from '#i18n/languages.ts';
import type { ClipboardContent } from './clipboard.ts';
import { pasteContent } from './clipboard.ts';
import { VISIBLE_ONLY_ABOVE, canvasToDocument, documentToCanvas, settingsOf } from './conversion.ts';
import { createHistory, record, redo, undo, type History } from './history.ts';
import { nextEdgeId, nextNodeId } from './ids.ts';
import type { Canvas, CanvasEdge, CanvasNode, FlowSettings } from './model.ts';

/**
 * The editor's whole state. `history.present` is the document as last committed: it is what gets validated and
 * saved. The canvas runs ahead of it only while a node is being dragged (positions change at every mouse move, but
 * one drag is one undo step).
 */
export interface EditorState extends Canvas {
  settings: FlowSettings;
  history: History<FlowDocument>;
  /** JSON of history.present, to tell cheaply whether an action changed the document. */
  presentJson: string;
  /** The page's language: estimated node sizes (a big flow, conversion.ts) depend on the summaries' length. */
  language: UiLanguage;
}

export type EditorAction =
  | { type: 'nodes-changed'; changes: NodeChange<CanvasNode>[] }
  | { type: 'edges-changed'; changes: EdgeChange<CanvasEdge>[] }
  | { type: 'connect'; connection: Connection }
  | { type: 'add-node'; nodeType: NodeType; position: { x: number; y: number } }
  | { type: 'update-node-data'; nodeId: string; data: unknown; coalesceKey?: string; at: number }
  | { type: 'update-settings'; settings: Partial<FlowSettings>; coalesceKey?: string; at: number }
  | { type: 'delete'; nodeIds: readonly string[]; edgeIds: readonly string[] }
  | { type: 'paste'; content: ClipboardContent; offset: { x: number; y: number } }
  | { type: 'select'; nodeIds: readonly string[]; edgeIds?: readonly string[] }
  | { type: 'select-all' }
  | { type: 'move-nodes'; positions: ReadonlyMap<string, { x: number; y: number }> }
  | { type: 'undo' }
  | { type: 'redo' };

export function createEditorState(document: FlowDocument, language: UiLanguage = DEFAULT_UI_LANGUAGE): EditorState {
  const canvas = documentToCanvas(document, undefined, {
    estimateSizes: document.nodes.length > VISIBLE_ONLY_ABOVE,
    language,
  });
  const settings = settingsOf(document);
  // The history starts from the canvas's own reading of the document (positions rounded...), so opening a flow
  // does not count as a change to save.
  const present = canvasToDocument(settings, canvas);
  return { ...canvas, settings, history: createHistory(present), presentJson: JSON.stringify(present), language };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'nodes-changed': {
      // Deletion goes through the 'delete' action (see onBeforeDelete in the canvas) so that a node and the edges
      // attached to it disappear in one undo step.
      const changes = action.changes.filter((change) => change.type !== 'remove');
      const next = { ...state, nodes: withoutEstimates(applyNodeChanges(changes, state.nodes), changes) };
      return changes.every(isScreenOnly) ? next : commit(state, next);
    }
    case 'edges-changed': {
      const changes = action.changes.filter((change) => change.type !== 'remove');
      const next = { ...state, edges: applyEdgeChanges(changes, state.edges) };
      return changes.every(isScreenOnly) ? next : commit(state, next);
    }
    case 'connect':
      return commit(state, connect(state, action.connection));
    case 'add-node': {
      const id = nextNodeId(action.nodeType, new Set(state.nodes.map((node) => node.id)));
      const node: CanvasNode = {
        id,
        type: action.nodeType,
        position: action.position,
        data: { flowType: action.nodeType, value: defaultDataOf(action.nodeType) },
        selected: true,
      };
      return commit(state, { ...state, nodes: [...deselectAll(state.nodes), node], edges: deselectAll(state.edges) });
    }
    case 'update-node-data': {
      const nodes = state.nodes.map((node) =>
        node.id === action.nodeId ? { ...node, data: { ...node.data, value: action.data } } : node,
      );
      return commit(state, { ...state, nodes }, { key: action.coalesceKey, at: action.at });
    }
    case 'update-settings':
      return commit(
        state,
        { ...state, settings: { ...state.settings, ...action.settings } },
        { key: action.coalesceKey, at: action.at },
      );
    case 'delete': {
      const nodeIds = new Set(action.nodeIds);
      const edgeIds = new Set(action.edgeIds);
      return commit(state, {
        ...state,
        nodes: state.nodes.filter((node) => !nodeIds.has(node.id)),
        edges: state.edges.filter(
          (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
        ),
      });
    }
    case 'paste': {
      const pasted = pasteContent(
        action.content,
        { nodeIds: new Set(state.nodes.map((node) => node.id)), edgeIds: new Set(state.edges.map((edge) => edge.id)) },
        action.offset,
      );
      const added = documentToCanvas({ ...state.history.present, nodes: pasted.nodes, edges: pasted.edges });
      return commit(state, {
        ...state,
        nodes: [...deselectAll(state.nodes), ...added.nodes.map((node) => ({ ...node, selected: true }))],
        edges: [...deselectAll(state.edges), ...added.edges],
      });
    }
    case 'select': {
      const nodeIds = new Set(action.nodeIds);
      const edgeIds = new Set(action.edgeIds ?? []);
      return {
        ...state,
        nodes: state.nodes.map((node) => withSelection(node, nodeIds.has(node.id))),
        edges: state.edges.map((edge) => withSelection(edge, edgeIds.has(edge.id))),
      };
    }
    case 'select-all':
      return {
        ...state,
        nodes: state.nodes.map((node) => withSelection(node, true)),
        edges: state.edges.map((edge) => withSelection(edge, true)),
      };
    case 'move-nodes': {
      const nodes = state.nodes.map((node) => {
        const position = action.positions.get(node.id);
        return position ? { ...node, position } : node;
      });
      return commit(state, { ...state, nodes });
    }
    case 'undo':
      return restore(state, undo(state.history));
    case 'redo':
      return restore(state, redo(state.history));
  }
}

/** A branch leads to one place: connecting a branch that already has an edge moves that edge. */
function connect(state: EditorState, connection: Connection): EditorState {
  const branch = connection.sourceHandle;
  if (!branch || !connection.source || !connection.target) return state;
  const kept = state.edges.filter((edge) => !(edge.source === connection.source && edge.sourceHandle === branch));
  const id = nextEdgeId(connection.source, branch, new Set(kept.map((edge) => edge.id)));
  const edge: CanvasEdge = { id, source: connection.source, sourceHandle: branch, target: connection.target };
  return { ...state, edges: [...kept, edge] };
}

/**
 * A selection or a measure changes nothing of the document: no need to rebuild and compare it (a click on a node
 * of a 500-node flow would otherwise serialise the whole flow).
 */
const isScreenOnly = (change: NodeChange<CanvasNode> | EdgeChange<CanvasEdge>) =>
  change.type === 'select' || change.type === 'dimensions';

/** Records the new document in the history when the action changed it (and no drag is under way). */
function commit(previous: EditorState, next: EditorState, options: { key?: string; at?: number } = {}): EditorState {
  if (next.nodes.some((node) => node.dragging)) return next;
  const document = canvasToDocument(next.settings, next);
  const json = JSON.stringify(document);
  if (json === previous.presentJson) return next;
  return { ...next, history: record(previous.history, document, options), presentJson: json };
}

function restore(state: EditorState, history: History<FlowDocument>): EditorState {
  if (history === state.history) return state;
  const canvas = documentToCanvas(history.present, state, {
    estimateSizes: history.present.nodes.length > VISIBLE_ONLY_ABOVE,
    language: state.language,
  });
  return {
    ...canvas,
    language: state.language,
    settings: settingsOf(history.present),
    history,
    presentJson: JSON.stringify(history.present),
  };
}

/**
 * A node React Flow has just measured keeps the measure and loses its estimated handles (conversion.ts): the
 * handles React Flow read from the page are the true ones, and estimated handles on the node would replace them
 * whenever the node changes.
 */
function withoutEstimates(nodes: CanvasNode[], changes: NodeChange<CanvasNode>[]): CanvasNode[] {
  const measured = new Set(
    changes.flatMap((change) => (change.type === 'dimensions' && change.dimensions ? [change.id] : [])),
  );
  if (measured.size === 0) return nodes;
  return nodes.map((node) => {
    if (!measured.has(node.id) || !node.handles) return node;
    const { handles: _estimated, ...rest } = node;
    return rest;
  });
}

function withSelection<T extends { selected?: boolean }>(item: T, selected: boolean): T {
  return Boolean(item.selected) === selected ? item : { ...item, selected };
}

function deselectAll<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((item) => withSelection(item, false));
}
