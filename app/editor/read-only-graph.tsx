import '@xyflow/react/dist/style.css';
import '../styles/editor.css';
import { Background, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useMemo } from 'react';
import { canvasEdgeTypes } from './branch-edge.tsx';
import { canvasNodeTypes } from './canvas-node.tsx';
import { useReactFlowLabels } from './react-flow-labels.ts';

/** A flow drawn as in the editor but frozen: published versions and the paths calls took. */
export function ReadOnlyGraph({ nodes, edges, testId }: { nodes: Node[]; edges: Edge[]; testId: string }) {
  const labels = useReactFlowLabels();
  const namedEdges = useMemo(() => labels.nameEdges(edges), [labels, edges]);
  return (
    <section className="panel call-graph" data-testid={testId} style={{ height: 460 }}>
      <ReactFlow
        nodes={nodes}
        edges={namedEdges}
        ariaLabelConfig={labels.ariaLabelConfig}
        nodeTypes={canvasNodeTypes}
        edgeTypes={canvasEdgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
