import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { isNodeType, nodeCatalogue } from '#flows/catalogue.ts';
import type { BranchSpec } from '#flows/node-definition.ts';
import { useEditorContext } from './editor-context.ts';
import { viewNodeData } from './editable-data.ts';
import type { CanvasNode } from './model.ts';
import { editorOf } from './nodes/index.ts';

interface NodeView {
  title: string;
  category: string;
  summary: string;
  branches: BranchSpec[];
  acceptsCalls: boolean;
}

function viewOf(flowType: string, value: unknown): NodeView {
  const view = viewNodeData(flowType, value);
  if (view.state === 'unknown-type') {
    return { title: `Unknown “${flowType}”`, category: 'unknown', summary: 'Switchboard has no node of this type.', branches: [], acceptsCalls: true };
  }
  const definition = nodeCatalogue[view.type];
  const base = { title: definition.title, category: definition.category.replace(/\s+/g, '-'), acceptsCalls: view.type !== 'start' };
  if (view.state === 'damaged') {
    return { ...base, summary: 'Its settings are damaged: open it in the inspector.', branches: [] };
  }
  // Two menu options on one key (being fixed) would make two handles with one id: draw the first, as validation
  // and the runtime read it.
  const branches = view.branches.filter((branch, index, all) => all.findIndex((other) => other.id === branch.id) === index);
  return { ...base, summary: editorOf(view.type).summary(view.data), branches };
}

/**
 * A node on the canvas: title, a line of what it does, and one labelled source handle per branch ("Key 1",
 * "No answer"...). Edges leaving from branches the node does not offer (a damaged node, a removed menu key) keep a
 * handle of their own, marked as unknown, so they stay visible until someone reconnects or deletes them.
 */
function CanvasNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const { diagnostics, branchesInUse } = useEditorContext();
  const view = useMemo(() => viewOf(data.flowType, data.value), [data.flowType, data.value]);
  const problems = diagnostics.byNode.get(id) ?? [];
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const known = new Set(view.branches.map((branch) => branch.id));
  const orphans = (branchesInUse.get(id) ?? []).filter((branch) => !known.has(branch));
  const rows = [
    ...view.branches.map((branch) => ({ ...branch, orphan: false })),
    ...orphans.map((branch) => ({ id: branch, label: `“${branch}” (no longer offered)`, required: false, orphan: true })),
  ];

  return (
    <div
      className={`canvas-node category-${view.category}${selected ? ' selected' : ''}${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}`}
      data-testid={`node-${id}`}
      data-node-type={data.flowType}
    >
      {view.acceptsCalls ? (
        <Handle type="target" position={Position.Left} className="target-handle" data-testid={`handle-${id}-in`} />
      ) : null}
      <div className="canvas-node-head">
        <span className="canvas-node-title">{view.title}</span>
        {errors ? (
          <span className="badge error" data-testid={`node-badge-${id}`} title={problems.map((problem) => problem.message).join('\n')}>
            {errors} error{errors === 1 ? '' : 's'}
          </span>
        ) : warnings ? (
          <span className="badge warning" data-testid={`node-badge-${id}`} title={problems.map((problem) => problem.message).join('\n')}>
            {warnings} warning{warnings === 1 ? '' : 's'}
          </span>
        ) : null}
      </div>
      <div className="canvas-node-id">{id}</div>
      <p className="canvas-node-summary">{view.summary}</p>
      {rows.length > 0 ? (
        <ul className="canvas-node-branches">
          {rows.map((branch) => (
            <li key={branch.id} className={branch.orphan ? 'orphan' : branch.required ? 'required' : undefined}>
              <span className="branch-label">{branch.label}</span>
              <Handle
                type="source"
                id={branch.id}
                position={Position.Right}
                className="branch-handle"
                data-testid={`handle-${id}-${branch.id}`}
                aria-label={`${view.title} ${id}: ${branch.label}`}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const CanvasNodeComponent = memo(CanvasNodeView);

/** React Flow node types: every catalogue type and "unknown" draw with the same component. */
export const canvasNodeTypes = Object.fromEntries(
  [...Object.keys(nodeCatalogue), 'unknown'].map((type) => [type, CanvasNodeComponent]),
);

export function titleOf(flowType: string): string {
  return isNodeType(flowType) ? nodeCatalogue[flowType].title : flowType;
}
