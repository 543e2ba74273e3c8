import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublishControl } from './publish-panel.tsx';
import { SaveIndicator } from './save-indicator.tsx';
import { LanguagesToggle } from './languages/languages-toggle.tsx';
import type { SaveStatus } from './use-autosave.ts';

export interface EditorToolbarProps {
  flowName: string;
  historyUrl: string;
  actionUrl: string;
  readOnly: boolean;
  save: { status: SaveStatus; revision: number; retry: () => void };
  publishedVersion: number | null;
  /** Why publishing is not possible now (errors, unsaved edits), or null. */
  publishBlocker: string | null;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onTidyUp: () => void;
  onFit: () => void;
  testCallOpen: boolean;
  onToggleTestCall: () => void;
  trafficOpen: boolean;
  onToggleTraffic: () => void;
  languagesOpen: boolean;
  onToggleLanguages: () => void;
  paletteShown: boolean;
  onTogglePalette: () => void;
  inspectorShown: boolean;
  onToggleInspector: () => void;
}

/** The editor's top bar: back to the flow page, saving state, edit and view commands, panels, publishing. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { readOnly, historyUrl } = props;
  const { t } = useTranslation('editor');
  return (
    <header className="editor-toolbar">
      <Link to={historyUrl} className="editor-back" title={t('toolbar.back')}>
        ← {props.flowName || t('toolbar.untitled')}
      </Link>
      {readOnly ? (
        <span className="read-only-note" data-testid="read-only-note" role="status">
          {t('toolbar.readOnly')}
        </span>
      ) : (
        <SaveIndicator status={props.save.status} onRetry={props.save.retry} />
      )}
      <div className="toolbar-group" role="toolbar" aria-label={t('toolbar.editGroup')}>
        {readOnly ? null : (
          <>
            <button
              type="button"
              data-testid="undo"
              onClick={props.onUndo}
              disabled={!props.canUndo}
              title={t('toolbar.undoTitle')}
            >
              {t('toolbar.undo')}
            </button>
            <button
              type="button"
              data-testid="redo"
              onClick={props.onRedo}
              disabled={!props.canRedo}
              title={t('toolbar.redoTitle')}
            >
              {t('toolbar.redo')}
            </button>
            <button type="button" data-testid="auto-layout" onClick={props.onTidyUp} title={t('toolbar.tidyUpTitle')}>
              {t('toolbar.tidyUp')}
            </button>
          </>
        )}
        <button type="button" data-testid="fit-view" onClick={props.onFit} title={t('toolbar.fitTitle')}>
          {t('toolbar.fit')}
        </button>
        {readOnly ? null : (
          <button
            type="button"
            data-testid="test-call-open"
            aria-pressed={props.testCallOpen}
            onClick={props.onToggleTestCall}
            title={t('toolbar.testCallTitle')}
          >
            {t('toolbar.testCall')}
          </button>
        )}
        <button
          type="button"
          data-testid="traffic-open"
          aria-pressed={props.trafficOpen}
          onClick={props.onToggleTraffic}
          title={t('toolbar.trafficTitle')}
        >
          {t('toolbar.traffic')}
        </button>
        <LanguagesToggle open={props.languagesOpen} onToggle={props.onToggleLanguages} />
      </div>
      <div className="toolbar-group" role="toolbar" aria-label={t('toolbar.panelsGroup')}>
        {readOnly ? null : (
          <button
            type="button"
            data-testid="toggle-palette"
            aria-pressed={props.paletteShown}
            aria-controls="editor-palette"
            onClick={props.onTogglePalette}
            title={props.paletteShown ? t('toolbar.hideSteps') : t('toolbar.showSteps')}
          >
            {t('toolbar.steps')}
          </button>
        )}
        <button
          type="button"
          data-testid="toggle-inspector"
          aria-pressed={props.inspectorShown}
          aria-controls="editor-inspector"
          onClick={props.onToggleInspector}
          title={props.inspectorShown ? t('toolbar.hideInspector') : t('toolbar.showInspector')}
        >
          {t('toolbar.inspector')}
        </button>
      </div>
      {readOnly ? (
        <Link to={historyUrl} className="publish-control" data-testid="versions-link">
          {props.publishedVersion === null
            ? t('toolbar.neverPublished')
            : t('toolbar.live', { version: props.publishedVersion })}
        </Link>
      ) : (
        <PublishControl
          action={props.actionUrl}
          revision={props.save.revision}
          blocker={props.publishBlocker}
          historyUrl={historyUrl}
          publishedVersion={props.publishedVersion}
        />
      )}
    </header>
  );
}
