import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { FlowDocument } from '#flows/document.ts';
import { markEdges, markNodes } from '#app/simulator/path.ts';
import { instantOfLocalInput, useCalendarVerdicts } from '#app/calendars/use-calendar-verdicts.ts';
import { TestCallPanel } from '#app/simulator/test-call-panel.tsx';
import { useSimulation } from '#app/simulator/use-simulation.ts';
import { dropOffByNode, labelEdges } from '#app/traffic/canvas-traffic.ts';
import { CanvasOverlayContext, type CanvasOverlay } from '#app/traffic/overlay-context.ts';
import { TrafficBar } from '#app/traffic/traffic-bar.tsx';
import { useLiveCounts } from '#app/traffic/use-live-counts.ts';
import { useTraffic } from '#app/traffic/use-traffic.ts';
import { canvasEdgeTypes } from './branch-edge.tsx';
import { canvasNodeTypes } from './canvas-node.tsx';
import { ConflictBanner } from './conflict-banner.tsx';
import { VISIBLE_ONLY_ABOVE } from './conversion.ts';
import { DiagnosticsPanel } from './diagnostics-panel.tsx';
import { LanguageMatrixPanel } from './languages/language-matrix-panel.tsx';
import {
  EditorContext,
  type CalendarReference,
  type EditorContextValue,
  type FlowReference,
} from './editor-context.ts';
import { createEditorState, editorReducer } from './editor-state.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { canRedo, canUndo } from './history.ts';
import { InspectorPane } from './inspector-pane.tsx';
import type { CanvasEdge, CanvasNode, FlowSettings } from './model.ts';
import { NodeFactsContext } from './node-facts.ts';
import { Palette } from './palette.tsx';
import { publishBlocker } from './publish-panel.tsx';
import { useAutosave } from './use-autosave.ts';
import { useInspectorFocus } from './use-inspector-focus.ts';
import { useCanvasCommands } from './use-canvas-commands.ts';
import { useLiveValidation } from './use-live-validation.ts';
import { useOpeningView } from './use-opening-view.ts';

// The flow editor's page, put together from its parts: the toolbar (editor-toolbar.tsx), the palette, the canvas
// with its commands (use-canvas-commands.ts), the conflict banner, the diagnostics under the canvas (checked live,
// use-live-validation.ts; a click on one leads to it, use-inspector-focus.ts) and the inspector pane
// (inspector-pane.tsx).

export interface FlowEditorProps {
  flowId: string;
  /** The saved draft and its revision, as the loader read them. */
  document: FlowDocument;
  revision: number;
  /** Numbers other published flows hold (number -> flow name), so validation here matches publishing's. */
  claimedNumbers: readonly (readonly [string, string])[];
  otherFlows: readonly FlowReference[];
  /** Every calendar (id, name), for business-hours nodes and validation. */
  calendars: readonly CalendarReference[];
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

const EDGE_OPTIONS = {
  interactionWidth: 16,
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#98a2b3' },
};
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

function EditorWorkspace({
  flowId,
  document: savedDocument,
  revision: savedRevision,
  claimedNumbers,
  otherFlows,
  calendars,
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
  // The "Test call" panel (app/simulator): runs the draft as shown, and marks its path on the canvas.
  const [testCallOpen, setTestCallOpen] = useState(false);
  // The side panels fold away, so a narrow screen (1024 px) keeps a canvas wide enough to read nodes at full size.
  const [paletteShown, setPaletteShown] = useState(true);
  const [inspectorShown, setInspectorShown] = useState(true);
  const simulation = useSimulation({ flowId, document });
  // "What happens at time T": the test call's date-time (empty: now), and each calendar's branch then, shown on the
  // business-hours nodes.
  const [testCallAt, setTestCallAt] = useState('');
  const testCallInstant = instantOfLocalInput(testCallAt);
  const calendarVerdicts = useCalendarVerdicts(testCallOpen ? testCallInstant : null);
  const shownNodes = useMemo(() => markNodes(state.nodes, simulation.path), [state.nodes, simulation.path]);
  // Where calls went over a period (edge labels, hang-ups per node) and calls in progress per node (app/traffic).
  const [trafficOpen, setTrafficOpen] = useState(false);
  // The language matrix (app/editor/languages): each prompt in each language the flow speaks.
  const [languagesOpen, setLanguagesOpen] = useState(false);
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

  const { diagnostics, diagnosticsIndex, nodeFacts } = useLiveValidation(
    document,
    state.edges,
    claimedNumbers,
    readOnly,
    calendars,
  );
  const context = useMemo<EditorContextValue>(
    () => ({ otherFlows, calendars, calendarVerdicts, diagnostics: diagnosticsIndex }),
    [otherFlows, calendars, calendarVerdicts, diagnosticsIndex],
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
  const { shownTab, setTab, focusDiagnostic } = useInspectorFocus({
    dispatch,
    reactFlow,
    edges: state.edges,
    selectedNodes,
  });

  const commands = useCanvasCommands({
    dispatch,
    reactFlow,
    document,
    nodes: state.nodes,
    edges: state.edges,
    selectedNodes,
    selectedEdges,
    readOnly,
    canvasRef,
    onFit: hideFitHint,
  });

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
            <EditorToolbar
              flowName={state.settings.name}
              historyUrl={historyUrl}
              actionUrl={actionUrl}
              readOnly={readOnly}
              save={autosave}
              publishedVersion={publishedVersion}
              publishBlocker={publishBlocker(diagnosticsIndex.errors, autosave.status)}
              canUndo={canUndo(state.history)}
              canRedo={canRedo(state.history)}
              onUndo={commands.undo}
              onRedo={commands.redo}
              onTidyUp={commands.tidyUp}
              onFit={commands.fitAll}
              testCallOpen={testCallOpen}
              onToggleTestCall={() => setTestCallOpen((open) => !open)}
              trafficOpen={trafficOpen}
              onToggleTraffic={() => setTrafficOpen((open) => !open)}
              languagesOpen={languagesOpen}
              onToggleLanguages={() => setLanguagesOpen((open) => !open)}
              paletteShown={paletteShown}
              onTogglePalette={() => setPaletteShown((shown) => !shown)}
              inspectorShown={inspectorShown}
              onToggleInspector={() => setInspectorShown((shown) => !shown)}
            />

            <div className="editor-body">
              {readOnly ? null : <Palette onAdd={commands.addAtViewportCentre} />}

              <div className="editor-centre">
                <div
                  className="editor-canvas"
                  ref={canvasRef}
                  onDragOver={commands.onDragOver}
                  onDrop={commands.onDrop}
                  onPointerDownCapture={leaveTextField}
                  data-testid="canvas"
                >
                  {autosave.status.state === 'conflict' ? (
                    <ConflictBanner
                      flowId={flowId}
                      message={autosave.status.message}
                      document={document}
                      onReload={onReload}
                    />
                  ) : null}
                  {trafficOpen ? <TrafficBar traffic={traffic} onClose={() => setTrafficOpen(false)} /> : null}
                  {commands.notice ? (
                    <div className="editor-notice" role="status">
                      {commands.notice}
                    </div>
                  ) : null}
                  <ReactFlow<CanvasNode, CanvasEdge>
                    nodes={shownNodes}
                    edges={shownEdges}
                    nodeTypes={canvasNodeTypes}
                    edgeTypes={canvasEdgeTypes}
                    onNodesChange={commands.onNodesChange}
                    onEdgesChange={commands.onEdgesChange}
                    onConnect={readOnly ? undefined : commands.onConnect}
                    onBeforeDelete={commands.onBeforeDelete}
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
                {languagesOpen ? (
                  <LanguageMatrixPanel
                    document={document}
                    readOnly={readOnly}
                    onChangeNodeData={changeNodeData}
                    onSelectNode={(nodeId) =>
                      focusDiagnostic({ severity: 'warning', code: 'prompt-language-missing', message: '', nodeId })
                    }
                    onClose={() => setLanguagesOpen(false)}
                  />
                ) : null}
                {testCallOpen ? (
                  <TestCallPanel
                    simulation={simulation}
                    onClose={() => setTestCallOpen(false)}
                    at={testCallAt}
                    onAtChange={setTestCallAt}
                  />
                ) : null}
              </div>

              <InspectorPane
                tab={shownTab}
                onTab={setTab}
                selectedNodes={selectedNodes}
                readOnly={readOnly}
                diagnostics={diagnosticsIndex}
                settings={state.settings}
                onChangeNodeData={changeNodeData}
                onDeleteNodes={deleteNodes}
                onDeleteSelection={commands.deleteSelection}
                onChangeSettings={changeSettings}
              />
            </div>
          </div>
        </CanvasOverlayContext.Provider>
      </NodeFactsContext.Provider>
    </EditorContext.Provider>
  );
}
