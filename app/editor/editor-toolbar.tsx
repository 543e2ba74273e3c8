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
  return (
    <header className="editor-toolbar">
      <Link to={historyUrl} className="editor-back" title="Flow page: versions and history">
        ← {props.flowName || 'Untitled flow'}
      </Link>
      {readOnly ? (
        <span className="read-only-note" data-testid="read-only-note" role="status">
          Read only: your role may look, not change
        </span>
      ) : (
        <SaveIndicator status={props.save.status} onRetry={props.save.retry} />
      )}
      <div className="toolbar-group" role="toolbar" aria-label="Edit">
        {readOnly ? null : (
          <>
            <button
              type="button"
              data-testid="undo"
              onClick={props.onUndo}
              disabled={!props.canUndo}
              title="Undo (Ctrl+Z)"
            >
              Undo
            </button>
            <button
              type="button"
              data-testid="redo"
              onClick={props.onRedo}
              disabled={!props.canRedo}
              title="Redo (Ctrl+Shift+Z)"
            >
              Redo
            </button>
            <button
              type="button"
              data-testid="auto-layout"
              onClick={props.onTidyUp}
              title="Arrange the steps from left to right"
            >
              Tidy up
            </button>
          </>
        )}
        <button type="button" data-testid="fit-view" onClick={props.onFit} title="Show the whole flow">
          Fit
        </button>
        {readOnly ? null : (
          <button
            type="button"
            data-testid="test-call-open"
            aria-pressed={props.testCallOpen}
            onClick={props.onToggleTestCall}
            title="Call this draft from the browser"
          >
            Test call
          </button>
        )}
        <button
          type="button"
          data-testid="traffic-open"
          aria-pressed={props.trafficOpen}
          onClick={props.onToggleTraffic}
          title="How many calls took each way, and where callers hung up"
        >
          Traffic
        </button>
        <LanguagesToggle open={props.languagesOpen} onToggle={props.onToggleLanguages} />
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="Panels">
        {readOnly ? null : (
          <button
            type="button"
            data-testid="toggle-palette"
            aria-pressed={props.paletteShown}
            aria-controls="editor-palette"
            onClick={props.onTogglePalette}
            title={props.paletteShown ? 'Hide the list of steps' : 'Show the list of steps'}
          >
            Steps
          </button>
        )}
        <button
          type="button"
          data-testid="toggle-inspector"
          aria-pressed={props.inspectorShown}
          aria-controls="editor-inspector"
          onClick={props.onToggleInspector}
          title={props.inspectorShown ? 'Hide the inspector' : 'Show the inspector'}
        >
          Inspector
        </button>
      </div>
      {readOnly ? (
        <Link to={historyUrl} className="publish-control" data-testid="versions-link">
          {props.publishedVersion === null ? 'Never published' : `Live: version ${props.publishedVersion}`}
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
