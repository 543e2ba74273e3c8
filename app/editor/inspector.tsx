import { defaultDataOf, type NodeDataMap, type NodeType } from '#flows/catalogue.ts';
import { nodeSummary, nodeTitle } from '#flows/node-texts.ts';
import { translatorFor } from '#i18n/translator.ts';
import type { Diagnostic } from '#flows/validate.ts';
import { fieldMessage, nodeFieldMessages } from './diagnostics.ts';
import { viewNodeData } from './editable-data.ts';
import { FieldMessagesContext, FieldScopeContext } from './forms/form-context.ts';
import type { CanvasNode } from './model.ts';
import { nodeEditors } from './nodes/index.ts';

export interface NodeInspectorProps {
  node: CanvasNode;
  diagnostics: readonly Diagnostic[];
  onChange: (nodeId: string, data: unknown, field: string) => void;
  onDelete: (nodeIds: string[]) => void;
}

/** The form of the one selected node, with the problems validation found in it. */
export function NodeInspector({ node, diagnostics, onChange, onDelete }: NodeInspectorProps) {
  const view = viewNodeData(node.data.flowType, node.data.value);
  const general = diagnostics.filter((diagnostic) => diagnostic.field === undefined);
  const fieldCount = diagnostics.length - general.length;
  const heading =
    view.state === 'unknown-type' ? `Unknown type “${view.type}”` : nodeTitle(view.type, translatorFor('en'));

  return (
    <FieldScopeContext.Provider value={node.id}>
      <FieldMessagesContext.Provider value={nodeFieldMessages(diagnostics, node.data.flowType)}>
        <div className="node-inspector" data-testid="node-inspector" data-node-id={node.id}>
          <div className="inspector-head">
            <h2>
              {heading} <span className="muted node-id">{node.id}</span>
            </h2>
            {view.state !== 'unknown-type' ? (
              <p className="muted small">{nodeSummary(view.type, translatorFor('en'))}</p>
            ) : null}
          </div>
          {general.length > 0 || fieldCount > 0 ? (
            <ul className="inspector-problems" aria-label="Problems with this step">
              {general.map((diagnostic, index) => (
                <li key={index} className={diagnostic.severity}>
                  {fieldMessage(diagnostic, node.data.flowType)}
                </li>
              ))}
              {fieldCount > 0 ? (
                <li className="error">
                  {fieldCount} field{fieldCount === 1 ? '' : 's'} below need{fieldCount === 1 ? 's' : ''} attention.
                </li>
              ) : null}
            </ul>
          ) : null}
          {view.state === 'editable' ? (
            <NodeForm nodeId={node.id} view={view} onChange={onChange} />
          ) : view.state === 'damaged' ? (
            <div className="damaged">
              <p>This step's settings cannot be shown in the form:</p>
              <ul>
                {view.problems.map((problem) => (
                  <li key={problem}>
                    <code>{problem}</code>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => onChange(node.id, defaultDataOf(view.type), '*reset')}>
                Start again from the usual settings
              </button>
            </div>
          ) : (
            <p>Switchboard does not know this kind of step: delete it, or replace it with a known one.</p>
          )}
          <div className="inspector-actions">
            <button type="button" className="danger" data-testid="delete-node" onClick={() => onDelete([node.id])}>
              Delete this step
            </button>
          </div>
        </div>
      </FieldMessagesContext.Provider>
    </FieldScopeContext.Provider>
  );
}

function NodeForm({
  nodeId,
  view,
  onChange,
}: {
  nodeId: string;
  view: Extract<ReturnType<typeof viewNodeData>, { state: 'editable' }>;
  onChange: NodeInspectorProps['onChange'];
}) {
  return (
    <form className="node-form" onSubmit={(event) => event.preventDefault()}>
      <TypedInspector type={view.type} nodeId={nodeId} data={view.data} onChange={onChange} />
    </form>
  );
}

/** The inspector of the node's own type, given the data in that type's shape (checked by viewNodeData). */
function TypedInspector<T extends NodeType>({
  type,
  nodeId,
  data,
  onChange,
}: {
  type: T;
  nodeId: string;
  data: NodeDataMap[T];
  onChange: NodeInspectorProps['onChange'];
}) {
  const { Inspector } = nodeEditors[type];
  return <Inspector nodeId={nodeId} data={data} onChange={(next, field) => onChange(nodeId, next, field)} />;
}
