import type { FlowDocument } from '#flows/document.ts';

/**
 * Shown over the canvas when someone else saved the flow meanwhile: autosave has stopped, and the person chooses
 * between their version (downloaded first) and the one saved.
 */
export function ConflictBanner({
  flowId,
  message,
  document,
  onReload,
}: {
  flowId: string;
  message: string;
  /** The local version, not saved. */
  document: FlowDocument;
  onReload: () => void;
}) {
  return (
    <div className="conflict-banner" role="alert" data-testid="conflict-banner">
      <p>
        <strong>Someone else saved this flow while you were editing.</strong> Your changes below are not saved.{' '}
        {message}
      </p>
      <div className="conflict-actions">
        <button type="button" className="primary" data-testid="conflict-reload" onClick={onReload}>
          Load their version (drops your changes)
        </button>
        <a
          href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2))}`}
          download={`${flowId}-my-changes.json`}
          data-testid="conflict-download"
        >
          Download my version first
        </a>
      </div>
    </div>
  );
}
