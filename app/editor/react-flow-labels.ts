import type { AriaLabelConfig, Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * React Flow's own screen-reader texts (its controls, the help read on a node or an edge, each edge's name) in the
 * page's language: without them a French page would read "Zoom In" and "Edge from start to welcome".
 */
export function useReactFlowLabels() {
  const { t } = useTranslation(['editor']);
  return useMemo(() => {
    const ariaLabelConfig: Partial<AriaLabelConfig> = {
      'node.a11yDescription.default': t('reactFlow.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('reactFlow.nodeHelpKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('reactFlow.nodeMoved', { direction, x, y }),
      'edge.a11yDescription.default': t('reactFlow.edgeHelp'),
      'controls.ariaLabel': t('reactFlow.controls'),
      'controls.zoomIn.ariaLabel': t('reactFlow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('reactFlow.zoomOut'),
      'controls.fitView.ariaLabel': t('reactFlow.fitView'),
      'controls.interactive.ariaLabel': t('reactFlow.interactive'),
      'minimap.ariaLabel': t('reactFlow.minimap'),
      'handle.ariaLabel': t('reactFlow.handle'),
    };
    /** Edges named in the page's language; an edge that already has a name keeps it. */
    const nameEdges = <E extends Edge>(edges: E[]): E[] =>
      edges.map((edge) =>
        edge.ariaLabel
          ? edge
          : { ...edge, ariaLabel: t('reactFlow.edge', { source: edge.source, target: edge.target }) },
      );
    return { ariaLabelConfig, nameEdges };
  }, [t]);
}
