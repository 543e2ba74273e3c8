import { useTranslation } from 'react-i18next';
import { defaultDataOf, type NodeDataMap, type NodeType } from '#flows/catalogue.ts';
import { nodeSummary, nodeTitle } from '#flows/node-texts.ts';
import type { Diagnostic } from '#flows/validate.ts';
import { fieldMessage, nodeFieldMessages } from './diagnostics.ts';
import { viewNodeData } from './editable-data.ts';
import { FieldMessagesContext, FieldScopeContext } from './forms/form-context.ts';
import type { CanvasNode } from './model.ts';
import { nodeEditors } from './nodes/index.ts';
import { useUiLanguage } from './use-ui-language.ts';

export interface NodeInspectorProps {
  node: CanvasNode;
  diagnostics: readonly Diagnostic[];
  onChange: (nodeId: string, data: unknown, field: string) => void;
  onDelete: (nodeIds: string[]) => void;
}

/** The form of the one selected node, with the problems validation found in it. */
export function NodeInspector({ node, diagnostics, onChange, onDelete }: NodeInspectorProps) {
  const { t } = useTranslation(['editor', 'nodes']);
  const language = useUiLanguage();
  const view = viewNodeData(node.data.flowType, node.data.value);
  const general = diagnostics.filter((diagnostic) => diagnostic.field === undefined);
  const fieldCount = diagnostics.length - general.length;
  const heading =
    view.state === 'unknown-type' ? t('inspector.unknownType', { type: view.type }) : nodeTitle(view.type, t);

  return (
    <FieldScopeContext.Provider value={node.id}>
      <FieldMessagesContext.Provider value={nodeFieldMessages(diagnostics, node.data.flowType, language)}>
        <div className="node-inspector" data-testid="node-inspector" data-node-id={node.id}>
          <div className="inspector-head">
            <h2>
              {heading} <span className="muted node-id">{node.id}</span>
            </h2>
            {view.state !== 'unknown-type' ? <p className="muted small">{nodeSummary(view.type, t)}</p> : null}
          </div>
          {general.length > 0 || fieldCount > 0 ? (
            <ul className="inspector-problems" aria-label={t('inspector.problems')}>
              {general.map((diagnostic, index) => (
                <li key={index} className={diagnostic.severity}>
                  {fieldMessage(diagnostic, node.data.flowType, language)}
                </li>
              ))}
              {fieldCount > 0 ? <li className="error">{t('inspector.fieldsToFix', { count: fieldCount })}</li> : null}
            </ul>
          ) : null}
          {view.state === 'editable' ? (
            <NodeForm nodeId={node.id} view={view} onChange={onChange} />
          ) : view.state === 'damaged' ? (
            <div className="damaged">
              <p>{t('inspector.damaged')}</p>
              <ul>
                {view.problems.map((problem) => (
                  <li key={problem}>
                    <code>{problem}</code>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => onChange(node.id, defaultDataOf(view.type), '*reset')}>
                {t('inspector.reset')}
              </button>
            </div>
          ) : (
            <p>{t('inspector.unknownKind')}</p>
          )}
          <div className="inspector-actions">
            <button type="button" className="danger" data-testid="delete-node" onClick={() => onDelete([node.id])}>
              {t('inspector.delete')}
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
