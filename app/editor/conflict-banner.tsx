import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('editor');
  return (
    <div className="conflict-banner" role="alert" data-testid="conflict-banner">
      <p>
        <strong>{t('conflict.title')}</strong> {t('conflict.notSaved')} {message}
      </p>
      <div className="conflict-actions">
        <button type="button" className="primary" data-testid="conflict-reload" onClick={onReload}>
          {t('conflict.reload')}
        </button>
        <a
          href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2))}`}
          download={t('conflict.fileName', { flowId })}
          data-testid="conflict-download"
        >
          {t('conflict.download')}
        </a>
      </div>
    </div>
  );
}
