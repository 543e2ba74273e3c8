import type { SaveStatus } from './use-autosave.ts';

const WORDING: Record<SaveStatus['state'], string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Conflict: not saved',
  failed: 'Not saved',
};

export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  return (
    <span
      className={`save-state ${status.state}`}
      data-testid="save-state"
      data-state={status.state}
      role="status"
      aria-live="polite"
    >
      <span className="save-dot" aria-hidden="true" />
      {WORDING[status.state]}
      {status.state === 'failed' ? (
        <>
          <span className="save-reason" title={status.message}>
            : {status.message}
          </span>{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : null}
    </span>
  );
}
