import type { Connection, EdgeChange, NodeChange, OnBeforeDelete, ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type Dispatch, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isNodeType, type NodeType } from '#flows/catalogue.ts';
import type { FlowDocument } from '#flows/document.ts';
import { copyNodes, type ClipboardContent } from './clipboard.ts';
import type { EditorAction } from './editor-state.ts';
import { layoutLeftToRight } from './layout.ts';
import type { CanvasEdge, CanvasNode } from './model.ts';
import { PALETTE_DRAG_TYPE } from './palette.tsx';
import { useEditorShortcuts } from './use-shortcuts.ts';

/** Size assumed for a node React Flow has not measured yet (for layout and for placing new nodes). */
const FALLBACK_NODE_SIZE = { width: 240, height: 120 };
const PASTE_STEP = 40;
const NOTICE_MS = 4000;

export interface CanvasCommandsInput {
  dispatch: Dispatch<EditorAction>;
  reactFlow: ReactFlowInstance<CanvasNode, CanvasEdge>;
  document: FlowDocument;
  nodes: readonly CanvasNode[];
  edges: readonly CanvasEdge[];
  selectedNodes: readonly CanvasNode[];
  selectedEdges: readonly CanvasEdge[];
  readOnly: boolean;
  /** The canvas element: new steps from the palette go to its centre. */
  canvasRef: RefObject<HTMLDivElement | null>;
  /** Called when the whole flow is fitted on screen (Fit, Tidy up). */
  onFit: () => void;
}

/**
 * What can be done to the canvas, by React Flow's events, the toolbar, the palette and the keyboard: each a single
 * editor action (editor-state.ts), so each is one undo step. Copying says what it did in a short notice.
 */
export function useCanvasCommands({
  dispatch,
  reactFlow,
  document,
  nodes,
  edges,
  selectedNodes,
  selectedEdges,
  readOnly,
  canvasRef,
  onFit,
}: CanvasCommandsInput) {
  const clipboard = useRef<{ content: ClipboardContent; pastes: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation('editor');
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => dispatch({ type: 'nodes-changed', changes }),
    [dispatch],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => dispatch({ type: 'edges-changed', changes }),
    [dispatch],
  );
  const onConnect = useCallback((connection: Connection) => dispatch({ type: 'connect', connection }), [dispatch]);
  // React Flow would delete nodes and their edges in two separate changes; one 'delete' action is one undo step.
  const onBeforeDelete = useCallback<OnBeforeDelete<CanvasNode, CanvasEdge>>(
    async ({ nodes: deleted, edges: deletedEdges }) => {
      dispatch({
        type: 'delete',
        nodeIds: deleted.map((node) => node.id),
        edgeIds: deletedEdges.map((edge) => edge.id),
      });
      return false;
    },
    [dispatch],
  );

  const addNode = useCallback(
    (type: NodeType, centre: { x: number; y: number }) => {
      let position = { x: centre.x - FALLBACK_NODE_SIZE.width / 2, y: centre.y - FALLBACK_NODE_SIZE.height / 2 };
      // Several additions at the viewport centre would pile up: each goes below the ones already there.
      const isTaken = (at: { x: number; y: number }) =>
        nodes.some((node) => {
          const width = node.measured?.width ?? FALLBACK_NODE_SIZE.width;
          const height = node.measured?.height ?? FALLBACK_NODE_SIZE.height;
          return (
            at.x < node.position.x + width &&
            node.position.x < at.x + FALLBACK_NODE_SIZE.width &&
            at.y < node.position.y + height + 10 &&
            node.position.y < at.y + 80
          );
        });
      for (let tries = 0; tries < 40 && isTaken(position); tries += 1) position = { x: position.x, y: position.y + 40 };
      dispatch({ type: 'add-node', nodeType: type, position });
    },
    [dispatch, nodes],
  );

  const addAtViewportCentre = useCallback(
    (type: NodeType) => {
      const box = canvasRef.current?.getBoundingClientRect();
      if (!box) return;
      addNode(type, reactFlow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }));
    },
    [addNode, canvasRef, reactFlow],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || !event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isNodeType(type)) return;
      event.preventDefault();
      const point = reactFlow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The pointer holds the node by its title bar, not its middle.
      dispatch({ type: 'add-node', nodeType: type, position: { x: point.x - 40, y: point.y - 20 } });
    },
    [dispatch, reactFlow],
  );

  const copy = useCallback(() => {
    if (selectedNodes.length === 0) return false;
    const { content, skippedStart } = copyNodes(
      document.nodes,
      document.edges,
      new Set(selectedNodes.map((node) => node.id)),
    );
    if (content.nodes.length > 0) clipboard.current = { content, pastes: 0 };
    setNotice(
      skippedStart
        ? t('notices.copiedWithoutStart', { count: content.nodes.length })
        : t('notices.copied', { count: content.nodes.length }),
    );
    return content.nodes.length > 0;
  }, [document, selectedNodes, t]);

  const deleteSelection = useCallback(() => {
    if (selectedNodes.length === 0 && selectedEdges.length === 0) return;
    dispatch({
      type: 'delete',
      nodeIds: selectedNodes.map((node) => node.id),
      edgeIds: selectedEdges.map((edge) => edge.id),
    });
  }, [dispatch, selectedNodes, selectedEdges]);

  const paste = useCallback(() => {
    const held = clipboard.current;
    if (!held) return;
    held.pastes += 1;
    dispatch({
      type: 'paste',
      content: held.content,
      offset: { x: PASTE_STEP * held.pastes, y: PASTE_STEP * held.pastes },
    });
  }, [dispatch]);

  const undo = useCallback(() => dispatch({ type: 'undo' }), [dispatch]);
  const redo = useCallback(() => dispatch({ type: 'redo' }), [dispatch]);

  const nothing = () => {};
  useEditorShortcuts({
    undo: readOnly ? nothing : undo,
    redo: readOnly ? nothing : redo,
    copy: () => void copy(),
    cut: () => {
      if (!readOnly && copy()) deleteSelection();
    },
    paste: readOnly ? nothing : paste,
    selectAll: () => dispatch({ type: 'select-all' }),
  });

  const fitAll = useCallback(() => {
    onFit();
    void reactFlow.fitView({ padding: 0.2, duration: 250, maxZoom: 1 });
  }, [reactFlow, onFit]);

  const tidyUp = useCallback(() => {
    const positions = layoutLeftToRight(
      nodes.map((node) => ({
        id: node.id,
        width: node.measured?.width ?? FALLBACK_NODE_SIZE.width,
        height: node.measured?.height ?? FALLBACK_NODE_SIZE.height,
      })),
      edges,
    );
    dispatch({ type: 'move-nodes', positions });
    requestAnimationFrame(fitAll);
  }, [dispatch, nodes, edges, fitAll]);

  return {
    onNodesChange,
    onEdgesChange,
    onConnect,
    onBeforeDelete,
    addAtViewportCentre,
    onDragOver,
    onDrop,
    deleteSelection,
    undo,
    redo,
    fitAll,
    tidyUp,
    notice,
  };
}
