import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './use-autosave.ts';

// Each state's words are editor:save.<state>.
export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const { t } = useTranslation('editor');
  return (
    <span
      className={`save-state ${status.state}`}
      data-testid="save-state"
      data-state={status.state}
      role="status"
      aria-live="polite"
    >
      <span className="save-dot" aria-hidden="true" />
      {t(`save.${status.state}`)}
      {status.state === 'failed' ? (
        <>
          <span className="save-reason" title={status.message}>
            {t('save.reason', { message: status.message })}
          </span>{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {t('save.retry')}
          </button>
        </>
      ) : null}
    </span>
  );
}
