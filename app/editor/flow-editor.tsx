import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnBeforeDelete,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { isNodeType, type NodeType } from '#flows/catalogue.ts';
import type { FlowDocument } from '#flows/document.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import { markEdges, markNodes } from '#app/simulator/path.ts';
import { TestCallPanel } from '#app/simulator/test-call-panel.tsx';
import { useSimulation } from '#app/simulator/use-simulation.ts';
import { dropOffByNode, labelEdges } from '#app/traffic/canvas-traffic.ts';
import { CanvasOverlayContext, type CanvasOverlay } from '#app/traffic/overlay-context.ts';
import { TrafficBar } from '#app/traffic/traffic-bar.tsx';
import { useLiveCounts } from '#app/traffic/use-live-counts.ts';
import { useTraffic } from '#app/traffic/use-traffic.ts';
import { canvasEdgeTypes } from './branch-edge.tsx';
import { canvasNodeTypes } from './canvas-node.tsx';
import { copyNodes, type ClipboardContent } from './clipboard.ts';
import { VISIBLE_ONLY_ABOVE } from './conversion.ts';
import { indexDiagnostics } from './diagnostics.ts';
import { DiagnosticsPanel } from './diagnostics-panel.tsx';
import { EditorContext, type EditorContextValue, type FlowReference } from './editor-context.ts';
import { createEditorState, editorReducer } from './editor-state.ts';
import { fieldInputId } from './forms/form-context.ts';
import { canRedo, canUndo } from './history.ts';
import { NodeInspector } from './inspector.tsx';
import { layoutLeftToRight } from './layout.ts';
import { estimateNodeBoxOf } from './node-view.ts';
import { openingNodeIds, openingViewport, type Box } from './opening-view.ts';
import { NodeFactsContext, NodeFactsStore } from './node-facts.ts';
import type { CanvasEdge, CanvasNode, FlowSettings } from './model.ts';
import { PALETTE_DRAG_TYPE, Palette } from './palette.tsx';
import { PublishControl, publishBlocker } from './publish-panel.tsx';
import { SaveIndicator } from './save-indicator.tsx';
import { SettingsForm } from './settings-form.tsx';
import { useAutosave } from './use-autosave.ts';
import { useEditorShortcuts } from './use-shortcuts.ts';

export interface FlowEditorProps {
  flowId: string;
  /** The saved draft and its revision, as the loader read them. */
  document: FlowDocument;
  revision: number;
  /** Numbers other published flows hold (number -> flow name), so validation here matches publishing's. */
  claimedNumbers: readonly (readonly [string, string])[];
  otherFlows: readonly FlowReference[];
  publishedVersion: number | null;
  /** The route whose action saves and publishes (intent=save / intent=publish). */
  actionUrl: string;
  /** The page listing published versions. */
  historyUrl: string;
  /** Throws the local edits away and loads the saved draft again (after a conflict). */
  onReload: () => void;
  /**
   * A viewer's page: the flow can be panned, zoomed and selected and the inspector shows each step's settings, but
   * nothing can be changed (no palette, no saving, no publishing). The server refuses their writes anyway.
   */
  readOnly: boolean;
}

/** Size assumed for a node React Flow has not measured yet (for layout and for placing new nodes). */
const FALLBACK_NODE_SIZE = { width: 240, height: 120 };
const PASTE_STEP = 40;
const EDGE_OPTIONS = {
  interactionWidth: 16,
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#98a2b3' },
};
const VALIDATION_DELAY_MS = 250;
// Props of <ReactFlow> made once: a new array or object on each render is copied into React Flow's store each time.
const DELETE_KEYS = ['Delete', 'Backspace'];
const SNAP_GRID: [number, number] = [10, 10];
const MIN_ZOOM = 0.2;
const MINIMAP_STYLE = { width: 160, height: 110 };
// Beside React Flow's controls (bottom left, 15 px in, 4 buttons of 27 px).
const LARGE_FLOW_HINT_STYLE = {
  position: 'absolute',
  left: 56,
  bottom: 15,
  zIndex: 5,
  padding: '4px 8px',
  borderRadius: 4,
  background: 'var(--panel)',
  border: '1px solid var(--line)',
  fontSize: 'var(--font-size-1)',
  color: 'var(--gray-11)',
  pointerEvents: 'none',
} as const;

export function FlowEditor(props: FlowEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorWorkspace {...props} />
    </ReactFlowProvider>
  );
}

/**
 * React Flow's pane keeps the browser from moving the focus on a click, so a text box of the inspector would keep
 * it, and Ctrl+Z or Delete pressed "on the canvas" would go to that text box. A press on the canvas leaves it.
 */
function leaveTextField() {
  const active = window.document.activeElement;
  if (active instanceof HTMLElement && active.closest('.inspector')) active.blur();
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * Opens the flow at a zoom where its text can be read (opening-view.ts), once the canvas has its size: the whole
 * flow when it fits, else centred on its start node; a big flow on its start node and the first steps after it,
 * since fitting hundreds of nodes would show them at 20%, each to be built and painted before the page answers, and
 * none readable. Fit still shows everything. Set at once (no animation, no waiting for React Flow to measure the
 * nodes), from the nodes' sizes, measured or estimated (node-view.ts).
 */
function useOpeningView(reactFlow: ReactFlowInstance<CanvasNode, CanvasEdge>, largeFlow: boolean) {
  const paneSize = useStore(
    (store) =>
      store.panZoom && store.width > 0 && store.height > 0 ? { width: store.width, height: store.height } : null,
    sameSize,
  );
  const placed = useRef(false);
  useLayoutEffect(() => {
    if (placed.current || !paneSize) return;
    placed.current = true;
    const nodes = reactFlow.getNodes();
    const opening = largeFlow ? new Set(openingNodeIds(nodes, reactFlow.getEdges())) : new Set<string>();
    const shown = opening.size > 0 ? nodes.filter((node) => opening.has(node.id)) : nodes;
    if (shown.length === 0) return;
    const start = nodes.find((node) => node.data.flowType === 'start');
    void reactFlow.setViewport(openingViewport(boundsOf(shown.map(boxOf)), paneSize, start ? boxOf(start) : undefined));
  }, [largeFlow, paneSize, reactFlow]);
}

function boxOf(node: CanvasNode): Box {
  const size =
    node.measured?.width && node.measured.height
      ? { width: node.measured.width, height: node.measured.height }
      : estimateNodeBoxOf(node.data.flowType, node.data.value);
  return { x: node.position.x, y: node.position.y, width: size.width, height: size.height };
}

function boundsOf(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const sameSize = (a: { width: number; height: number } | null, b: { width: number; height: number } | null) =>
  a === b || (a !== null && b !== null && a.width === b.width && a.height === b.height);

function EditorWorkspace({
  flowId,
  document: savedDocument,
  revision: savedRevision,
  claimedNumbers,
  otherFlows,
  publishedVersion,
  actionUrl,
  historyUrl,
  onReload,
  readOnly,
}: FlowEditorProps) {
  const [state, dispatch] = useReducer(editorReducer, savedDocument, createEditorState);
  const document = state.history.present;
  const reactFlow = useReactFlow<CanvasNode, CanvasEdge>();
  const largeFlow = savedDocument.nodes.length > VISIBLE_ONLY_ABOVE;
  useOpeningView(reactFlow, largeFlow);
  // Until the person has seen the whole flow once.
  const [fitHintShown, setFitHintShown] = useState(largeFlow);
  const hideFitHint = useCallback(() => setFitHintShown(false), []);
  const canvasRef = useRef<HTMLDivElement>(null);
  const clipboard = useRef<{ content: ClipboardContent; pastes: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<'step' | 'flow'>('flow');
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  // The "Test call" panel (app/simulator): runs the draft as shown, and marks its path on the canvas.
  const [testCallOpen, setTestCallOpen] = useState(false);
  // The side panels fold away, so a narrow screen (1024 px) keeps a canvas wide enough to read nodes at full size.
  const [paletteShown, setPaletteShown] = useState(true);
  const [inspectorShown, setInspectorShown] = useState(true);
  const simulation = useSimulation({ flowId, document });
  const shownNodes = useMemo(() => markNodes(state.nodes, simulation.path), [state.nodes, simulation.path]);
  // Where calls went over a period (edge labels, hang-ups per node) and calls in progress per node (app/traffic).
  const [trafficOpen, setTrafficOpen] = useState(false);
  const traffic = useTraffic(flowId, trafficOpen);
  const trafficShown = trafficOpen ? traffic.shown : null;
  const liveCounts = useLiveCounts(flowId);
  const overlay = useMemo<CanvasOverlay>(
    () => ({ live: liveCounts, dropOff: trafficShown ? dropOffByNode(trafficShown) : null }),
    [liveCounts, trafficShown],
  );
  const shownEdges = useMemo(
    () => labelEdges(markEdges(state.edges, simulation.path), trafficShown),
    [state.edges, simulation.path, trafficShown],
  );

  // Validation follows the edits a moment later, so typing stays smooth on big flows.
  const checkedDocument = useDebounced(document, VALIDATION_DELAY_MS);
  const claimed = useMemo(() => new Map(claimedNumbers), [claimedNumbers]);
  const diagnostics = useMemo(
    () => validateFlow(checkedDocument, { claimedNumbers: claimed }).diagnostics,
    [checkedDocument, claimed],
  );
  const diagnosticsIndex = useMemo(() => indexDiagnostics(diagnostics), [diagnostics]);
  const branchesInUse = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const edge of state.edges) {
      if (!edge.sourceHandle) continue;
      map.set(edge.source, [...(map.get(edge.source) ?? []), edge.sourceHandle]);
    }
    return map;
  }, [state.edges]);
  const context = useMemo<EditorContextValue>(
    () => ({ otherFlows, diagnostics: diagnosticsIndex }),
    [otherFlows, diagnosticsIndex],
  );
  // Canvas nodes read their own problems and branches from this store (node-facts.ts), so that re-validating after
  // an edit re-renders only the nodes whose badges changed. Filled during the first render (the server's HTML has
  // the badges), then before each paint.
  const [nodeFacts] = useState(() => {
    const store = new NodeFactsStore();
    store.update(diagnosticsIndex.byNode, branchesInUse);
    return store;
  });
  useLayoutEffect(
    () => nodeFacts.update(diagnosticsIndex.byNode, branchesInUse),
    [nodeFacts, diagnosticsIndex, branchesInUse],
  );

  const autosave = useAutosave({
    action: actionUrl,
    document,
    documentJson: state.presentJson,
    initialRevision: savedRevision,
    enabled: !readOnly,
  });
  const saveState = autosave.status.state;

  // Leaving the page with edits not yet on the server asks first.
  useEffect(() => {
    if (saveState === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveState]);

  const selectedNodes = useMemo(() => state.nodes.filter((node) => node.selected), [state.nodes]);
  const selectedEdges = useMemo(() => state.edges.filter((edge) => edge.selected), [state.edges]);
  const selectionKey = selectedNodes.map((node) => node.id).join(' ');
  useEffect(() => {
    if (selectionKey) setTab('step');
  }, [selectionKey]);

  useEffect(() => {
    if (!pendingFocus) return;
    const frame = requestAnimationFrame(() => {
      const input = window.document.getElementById(pendingFocus);
      input?.focus();
      input?.scrollIntoView({ block: 'center' });
      setPendingFocus(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingFocus, tab, selectionKey]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => dispatch({ type: 'nodes-changed', changes }),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => dispatch({ type: 'edges-changed', changes }),
    [],
  );
  const onConnect = useCallback((connection: Connection) => dispatch({ type: 'connect', connection }), []);
  // React Flow would delete nodes and their edges in two separate changes; one 'delete' action is one undo step.
  const onBeforeDelete = useCallback<OnBeforeDelete<CanvasNode, CanvasEdge>>(async ({ nodes, edges }) => {
    dispatch({ type: 'delete', nodeIds: nodes.map((node) => node.id), edgeIds: edges.map((edge) => edge.id) });
    return false;
  }, []);

  const addNode = useCallback(
    (type: NodeType, centre: { x: number; y: number }) => {
      let position = { x: centre.x - FALLBACK_NODE_SIZE.width / 2, y: centre.y - FALLBACK_NODE_SIZE.height / 2 };
      // Several additions at the viewport centre would pile up: each goes below the ones already there.
      const isTaken = (at: { x: number; y: number }) =>
        state.nodes.some((node) => {
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
    [state.nodes],
  );

  const addAtViewportCentre = useCallback(
    (type: NodeType) => {
      const box = canvasRef.current?.getBoundingClientRect();
      if (!box) return;
      addNode(type, reactFlow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }));
    },
    [addNode, reactFlow],
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
    [reactFlow],
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
        ? `Copied ${content.nodes.length} step${content.nodes.length === 1 ? '' : 's'}; the Start step is never copied.`
        : `Copied ${content.nodes.length} step${content.nodes.length === 1 ? '' : 's'}.`,
    );
    return content.nodes.length > 0;
  }, [document, selectedNodes]);

  const deleteSelection = useCallback(() => {
    if (selectedNodes.length === 0 && selectedEdges.length === 0) return;
    dispatch({
      type: 'delete',
      nodeIds: selectedNodes.map((node) => node.id),
      edgeIds: selectedEdges.map((edge) => edge.id),
    });
  }, [selectedNodes, selectedEdges]);

  const paste = useCallback(() => {
    const held = clipboard.current;
    if (!held) return;
    held.pastes += 1;
    dispatch({
      type: 'paste',
      content: held.content,
      offset: { x: PASTE_STEP * held.pastes, y: PASTE_STEP * held.pastes },
    });
  }, []);

  const undoStep = useCallback(() => dispatch({ type: 'undo' }), []);
  const redoStep = useCallback(() => dispatch({ type: 'redo' }), []);

  const nothing = () => {};
  useEditorShortcuts({
    undo: readOnly ? nothing : undoStep,
    redo: readOnly ? nothing : redoStep,
    copy: () => void copy(),
    cut: () => {
      if (!readOnly && copy()) deleteSelection();
    },
    paste: readOnly ? nothing : paste,
    selectAll: () => dispatch({ type: 'select-all' }),
  });

  const fitAll = useCallback(() => {
    hideFitHint();
    void reactFlow.fitView({ padding: 0.2, duration: 250, maxZoom: 1 });
  }, [reactFlow, hideFitHint]);

  const autoLayout = useCallback(() => {
    const positions = layoutLeftToRight(
      state.nodes.map((node) => ({
        id: node.id,
        width: node.measured?.width ?? FALLBACK_NODE_SIZE.width,
        height: node.measured?.height ?? FALLBACK_NODE_SIZE.height,
      })),
      state.edges,
    );
    dispatch({ type: 'move-nodes', positions });
    requestAnimationFrame(fitAll);
  }, [state.nodes, state.edges, fitAll]);

  const focusDiagnostic = useCallback(
    (diagnostic: Diagnostic) => {
      if (diagnostic.nodeId !== undefined) {
        const nodeId = diagnostic.nodeId;
        dispatch({ type: 'select', nodeIds: [nodeId] });
        setTab('step');
        void reactFlow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1, padding: 0.6 });
        if (diagnostic.field) setPendingFocus(fieldInputId(nodeId, diagnostic.field));
      } else if (diagnostic.edgeId !== undefined) {
        const edge = state.edges.find((candidate) => candidate.id === diagnostic.edgeId);
        dispatch({ type: 'select', nodeIds: [], edgeIds: [diagnostic.edgeId] });
        if (edge)
          void reactFlow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1 });
      } else if (diagnostic.field !== undefined) {
        dispatch({ type: 'select', nodeIds: [] });
        setTab('flow');
        setPendingFocus(fieldInputId('flow', diagnostic.field));
      }
    },
    [reactFlow, state.edges],
  );

  const changeNodeData = useCallback(
    (nodeId: string, data: unknown, field: string) =>
      dispatch({ type: 'update-node-data', nodeId, data, coalesceKey: `${nodeId}:${field}`, at: Date.now() }),
    [],
  );
  const changeSettings = useCallback(
    (settings: Partial<FlowSettings>, field: string) =>
      dispatch({ type: 'update-settings', settings, coalesceKey: `flow:${field}`, at: Date.now() }),
    [],
  );
  const deleteNodes = useCallback((nodeIds: string[]) => dispatch({ type: 'delete', nodeIds, edgeIds: [] }), []);

  const blocker = publishBlocker(diagnosticsIndex.errors, autosave.status);
  const single = selectedNodes.length === 1 ? selectedNodes[0]! : null;
  // With nothing selected the step tab has nothing to show: the settings are shown, and marked as shown.
  const shownTab = tab === 'step' && selectedNodes.length > 0 ? 'step' : 'flow';

  return (
    <EditorContext.Provider value={context}>
      <NodeFactsContext.Provider value={nodeFacts}>
        <CanvasOverlayContext.Provider value={overlay}>
          <div
            className="flow-editor"
            data-testid="flow-editor"
            data-palette={paletteShown ? 'shown' : 'hidden'}
            data-inspector={inspectorShown ? 'shown' : 'hidden'}
          >
            <header className="editor-toolbar">
              <Link to={historyUrl} className="editor-back" title="Flow page: versions and history">
                ← {state.settings.name || 'Untitled flow'}
              </Link>
              {readOnly ? (
                <span className="read-only-note" data-testid="read-only-note" role="status">
                  Read only: your role may look, not change
                </span>
              ) : (
                <SaveIndicator status={autosave.status} onRetry={autosave.retry} />
              )}
              <div className="toolbar-group" role="toolbar" aria-label="Edit">
                {readOnly ? null : (
                  <>
                    <button
                      type="button"
                      data-testid="undo"
                      onClick={undoStep}
                      disabled={!canUndo(state.history)}
                      title="Undo (Ctrl+Z)"
                    >
                      Undo
                    </button>
                    <button
                      type="button"
                      data-testid="redo"
                      onClick={redoStep}
                      disabled={!canRedo(state.history)}
                      title="Redo (Ctrl+Shift+Z)"
                    >
                      Redo
                    </button>
                    <button
                      type="button"
                      data-testid="auto-layout"
                      onClick={autoLayout}
                      title="Arrange the steps from left to right"
                    >
                      Tidy up
                    </button>
                  </>
                )}
                <button type="button" data-testid="fit-view" onClick={fitAll} title="Show the whole flow">
                  Fit
                </button>
                {readOnly ? null : (
                  <button
                    type="button"
                    data-testid="test-call-open"
                    aria-pressed={testCallOpen}
                    onClick={() => setTestCallOpen((open) => !open)}
                    title="Call this draft from the browser"
                  >
                    Test call
                  </button>
                )}
                <button
                  type="button"
                  data-testid="traffic-open"
                  aria-pressed={trafficOpen}
                  onClick={() => setTrafficOpen((open) => !open)}
                  title="How many calls took each way, and where callers hung up"
                >
                  Traffic
                </button>
              </div>
              <div className="toolbar-group" role="toolbar" aria-label="Panels">
                {readOnly ? null : (
                  <button
                    type="button"
                    data-testid="toggle-palette"
                    aria-pressed={paletteShown}
                    aria-controls="editor-palette"
                    onClick={() => setPaletteShown((shown) => !shown)}
                    title={paletteShown ? 'Hide the list of steps' : 'Show the list of steps'}
                  >
                    Steps
                  </button>
                )}
                <button
                  type="button"
                  data-testid="toggle-inspector"
                  aria-pressed={inspectorShown}
                  aria-controls="editor-inspector"
                  onClick={() => setInspectorShown((shown) => !shown)}
                  title={inspectorShown ? 'Hide the inspector' : 'Show the inspector'}
                >
                  Inspector
                </button>
              </div>
              {readOnly ? (
                <Link to={historyUrl} className="publish-control" data-testid="versions-link">
                  {publishedVersion === null ? 'Never published' : `Live: version ${publishedVersion}`}
                </Link>
              ) : (
                <PublishControl
                  action={actionUrl}
                  revision={autosave.revision}
                  blocker={blocker}
                  historyUrl={historyUrl}
                  publishedVersion={publishedVersion}
                />
              )}
            </header>

            <div className="editor-body">
              {readOnly ? null : <Palette onAdd={addAtViewportCentre} />}

              <div className="editor-centre">
                <div
                  className="editor-canvas"
                  ref={canvasRef}
                  onDragOver={onDragOver}
                  onDrop={onDrop}
                  onPointerDownCapture={leaveTextField}
                  data-testid="canvas"
                >
                  {autosave.status.state === 'conflict' ? (
                    <div className="conflict-banner" role="alert" data-testid="conflict-banner">
                      <p>
                        <strong>Someone else saved this flow while you were editing.</strong> Your changes below are not
                        saved. {autosave.status.message}
                      </p>
                      <div className="conflict-actions">
                        <button type="button" className="primary" data-testid="conflict-reload" onClick={onReload}>
                          Load their version (drops your changes)
                        </button>
                        <a
                          href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2))}`}
                          download={`${flowId}-my-changes.json`}
                          data-testid="conflict-download"
                        >
                          Download my version first
                        </a>
                      </div>
                    </div>
                  ) : null}
                  {trafficOpen ? <TrafficBar traffic={traffic} onClose={() => setTrafficOpen(false)} /> : null}
                  {notice ? (
                    <div className="editor-notice" role="status">
                      {notice}
                    </div>
                  ) : null}
                  <ReactFlow<CanvasNode, CanvasEdge>
                    nodes={shownNodes}
                    edges={shownEdges}
                    nodeTypes={canvasNodeTypes}
                    edgeTypes={canvasEdgeTypes}
                    onNodesChange={onNodesChange}
                    onEdgesChange={onEdgesChange}
                    onConnect={readOnly ? undefined : onConnect}
                    onBeforeDelete={onBeforeDelete}
                    deleteKeyCode={readOnly ? null : DELETE_KEYS}
                    nodesDraggable={!readOnly}
                    nodesConnectable={!readOnly}
                    edgesReconnectable={false}
                    snapToGrid
                    snapGrid={SNAP_GRID}
                    minZoom={MIN_ZOOM}
                    maxZoom={2}
                    onlyRenderVisibleElements={state.nodes.length > VISIBLE_ONLY_ABOVE}
                    defaultEdgeOptions={EDGE_OPTIONS}
                  >
                    <Background gap={20} />
                    <MiniMap pannable zoomable ariaLabel="Overview of the flow" style={MINIMAP_STYLE} />
                    <Controls showInteractive={false} onFitView={hideFitHint} />
                  </ReactFlow>
                  {fitHintShown ? (
                    // Placed over the canvas (absolute), from the server's HTML on: no layout jump.
                    <div
                      className="large-flow-hint"
                      style={LARGE_FLOW_HINT_STYLE}
                      data-testid="large-flow-hint"
                      role="note"
                    >
                      Large flow: press Fit to see all of it
                    </div>
                  ) : null}
                </div>
                <DiagnosticsPanel diagnostics={diagnostics} onFocus={focusDiagnostic} />
                {testCallOpen ? <TestCallPanel simulation={simulation} onClose={() => setTestCallOpen(false)} /> : null}
              </div>

              <aside className="inspector" id="editor-inspector" data-testid="inspector" aria-label="Inspector">
                <div className="inspector-tabs" role="tablist">
                  <button
                    type="button"
                    role="tab"
                    aria-selected={shownTab === 'step'}
                    data-testid="tab-step"
                    disabled={selectedNodes.length === 0}
                    onClick={() => setTab('step')}
                  >
                    Selected step
                  </button>
                  <button
                    type="button"
                    role="tab"
                    aria-selected={shownTab === 'flow'}
                    data-testid="tab-flow"
                    onClick={() => setTab('flow')}
                  >
                    Flow settings
                  </button>
                </div>
                <div className="inspector-body" role="tabpanel">
                  {/* A disabled fieldset disables every control inside: a viewer reads the forms, and cannot send them. */}
                  <fieldset className="inspector-fieldset" disabled={readOnly} data-testid="inspector-fieldset">
                    {shownTab === 'step' && single ? (
                      <NodeInspector
                        key={single.id}
                        node={single}
                        diagnostics={diagnosticsIndex.byNode.get(single.id) ?? []}
                        onChange={changeNodeData}
                        onDelete={deleteNodes}
                      />
                    ) : shownTab === 'step' && selectedNodes.length > 1 ? (
                      <div className="multi-selection">
                        <h2>{selectedNodes.length} steps selected</h2>
                        <p className="muted">Drag one to move them all; Ctrl+C copies them, Ctrl+V pastes the copy.</p>
                        <button type="button" className="danger" onClick={deleteSelection}>
                          Delete these {selectedNodes.length} steps
                        </button>
                      </div>
                    ) : (
                      <SettingsForm
                        settings={state.settings}
                        messages={diagnosticsIndex.settingsFields}
                        onChange={changeSettings}
                      />
                    )}
                  </fieldset>
                </div>
              </aside>
            </div>
          </div>
        </CanvasOverlayContext.Provider>
      </NodeFactsContext.Provider>
    </EditorContext.Provider>
  );
}
