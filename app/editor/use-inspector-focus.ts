import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useState, type Dispatch } from 'react';
import type { Diagnostic } from '#flows/validate.ts';
import type { EditorAction } from './editor-state.ts';
import { fieldInputId } from './forms/form-context.ts';
import type { InspectorTab } from './inspector-pane.tsx';
import type { CanvasEdge, CanvasNode } from './model.ts';

/**
 * Which tab of the inspector shows, and where a click on a problem leads: selecting a step opens its tab; a problem
 * of a step selects it, brings it into view and puts the cursor in the field at fault; a problem of a connection
 * selects it; a problem of the flow's settings opens them at the field.
 */
export function useInspectorFocus({
  dispatch,
  reactFlow,
  edges,
  selectedNodes,
}: {
  dispatch: Dispatch<EditorAction>;
  reactFlow: ReactFlowInstance<CanvasNode, CanvasEdge>;
  edges: readonly CanvasEdge[];
  selectedNodes: readonly CanvasNode[];
}) {
  const [tab, setTab] = useState<InspectorTab>('flow');
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
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

  const focusDiagnostic = useCallback(
    (diagnostic: Diagnostic) => {
      if (diagnostic.nodeId !== undefined) {
        const nodeId = diagnostic.nodeId;
        dispatch({ type: 'select', nodeIds: [nodeId] });
        setTab('step');
        void reactFlow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1, padding: 0.6 });
        if (diagnostic.field) setPendingFocus(fieldInputId(nodeId, diagnostic.field));
      } else if (diagnostic.edgeId !== undefined) {
        const edge = edges.find((candidate) => candidate.id === diagnostic.edgeId);
        dispatch({ type: 'select', nodeIds: [], edgeIds: [diagnostic.edgeId] });
        if (edge)
          void reactFlow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1 });
      } else if (diagnostic.field !== undefined) {
        dispatch({ type: 'select', nodeIds: [] });
        setTab('flow');
        setPendingFocus(fieldInputId('flow', diagnostic.field));
      }
    },
    [dispatch, reactFlow, edges],
  );

  // With nothing selected the step tab has nothing to show: the settings are shown, and marked as shown.
  const shownTab: InspectorTab = tab === 'step' && selectedNodes.length > 0 ? 'step' : 'flow';
  return { shownTab, setTab, focusDiagnostic };
}
