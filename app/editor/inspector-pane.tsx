import { useTranslation } from 'react-i18next';
import type { DiagnosticsIndex } from './diagnostics.ts';
import { NodeInspector } from './inspector.tsx';
import type { CanvasNode, FlowSettings } from './model.ts';
import { SettingsForm } from './settings-form.tsx';

export type InspectorTab = 'step' | 'flow';

export interface InspectorPaneProps {
  /** The tab shown: "step" only when a step is selected. */
  tab: InspectorTab;
  onTab: (tab: InspectorTab) => void;
  selectedNodes: readonly CanvasNode[];
  readOnly: boolean;
  diagnostics: DiagnosticsIndex;
  settings: FlowSettings;
  onChangeNodeData: (nodeId: string, data: unknown, field: string) => void;
  onDeleteNodes: (nodeIds: string[]) => void;
  onDeleteSelection: () => void;
  onChangeSettings: (settings: Partial<FlowSettings>, field: string) => void;
}

/** The right-hand pane: the selected step's form, what to do with several, or the flow's own settings. */
export function InspectorPane({
  tab,
  onTab,
  selectedNodes,
  readOnly,
  diagnostics,
  settings,
  onChangeNodeData,
  onDeleteNodes,
  onDeleteSelection,
  onChangeSettings,
}: InspectorPaneProps) {
  const { t } = useTranslation('editor');
  const single = selectedNodes.length === 1 ? selectedNodes[0]! : null;
  return (
    <aside className="inspector" id="editor-inspector" data-testid="inspector" aria-label={t('pane.label')}>
      <div className="inspector-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'step'}
          data-testid="tab-step"
          disabled={selectedNodes.length === 0}
          onClick={() => onTab('step')}
        >
          {t('pane.stepTab')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'flow'}
          data-testid="tab-flow"
          onClick={() => onTab('flow')}
        >
          {t('pane.flowTab')}
        </button>
      </div>
      <div className="inspector-body" role="tabpanel">
        {/* A disabled fieldset disables every control inside: a viewer reads the forms, and cannot send them. */}
        <fieldset className="inspector-fieldset" disabled={readOnly} data-testid="inspector-fieldset">
          {tab === 'step' && single ? (
            <NodeInspector
              key={single.id}
              node={single}
              diagnostics={diagnostics.byNode.get(single.id) ?? []}
              onChange={onChangeNodeData}
              onDelete={onDeleteNodes}
            />
          ) : tab === 'step' && selectedNodes.length > 1 ? (
            <div className="multi-selection">
              <h2>{t('pane.selected', { count: selectedNodes.length })}</h2>
              <p className="muted">{t('pane.selectionHint')}</p>
              <button type="button" className="danger" onClick={onDeleteSelection}>
                {t('pane.deleteSelection', { count: selectedNodes.length })}
              </button>
            </div>
          ) : (
            <SettingsForm settings={settings} messages={diagnostics.settingsFields} onChange={onChangeSettings} />
          )}
        </fieldset>
      </div>
    </aside>
  );
}
