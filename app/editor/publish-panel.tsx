import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useFetcher } from 'react-router';
import { CSRF_FIELD, useCsrfToken } from '#app/components/csrf-input.tsx';
import type { Translate } from '#i18n/translator.ts';
import type { EditorRequest, PublishResponse } from './protocol.ts';
import type { SaveStatus } from './use-autosave.ts';

/** Why publishing is not possible right now, in words; null when it is. */
export function publishBlocker(errors: number, save: SaveStatus, t: Translate): string | null {
  if (errors > 0) return t('editor:publish.blockedByErrors', { count: errors });
  if (save.state === 'conflict') return t('editor:publish.blockedByConflict');
  if (save.state === 'failed') return t('editor:publish.blockedBySaveFailure');
  if (save.state !== 'saved') return t('editor:publish.waitingForSave');
  return null;
}

/**
 * "Publish" with a comment. What is published is the saved draft at the revision on screen; the server validates
 * it again and renders every prompt before callers can hear it.
 */
export function PublishControl({
  action,
  revision,
  blocker,
  historyUrl,
  publishedVersion,
}: {
  action: string;
  revision: number;
  blocker: string | null;
  historyUrl: string;
  publishedVersion: number | null;
}) {
  const { t } = useTranslation('editor');
  const fetcher = useFetcher<PublishResponse>();
  const csrfToken = useCsrfToken();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const panelId = useId();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const result = fetcher.state === 'idle' ? fetcher.data : undefined;
  const publishing = fetcher.state !== 'idle';
  const latest = result?.ok ? result.versionNumber : publishedVersion;

  useEffect(() => {
    if (open) commentRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (result?.ok) setComment('');
  }, [result]);

  function publish() {
    const request: EditorRequest = { intent: 'publish', comment, revision };
    void fetcher.submit({ ...request, [CSRF_FIELD]: csrfToken } as never, {
      method: 'post',
      action,
      encType: 'application/json',
    });
  }

  return (
    <div className="publish-control">
      <span className="published-version muted" data-testid="published-version">
        {latest ? (
          <Link to={historyUrl} title={t('publish.seeVersions')}>
            {t('toolbar.live', { version: latest })}
          </Link>
        ) : (
          t('toolbar.neverPublished')
        )}
      </span>
      <button
        type="button"
        className="primary"
        data-testid="publish-open"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {t('publish.open')}
      </button>
      {open ? (
        <div
          className="publish-panel"
          id={panelId}
          role="dialog"
          aria-label={t('publish.dialog')}
          data-testid="publish-panel"
        >
          <label htmlFor={`${panelId}-comment`}>{t('publish.comment')}</label>
          <textarea
            id={`${panelId}-comment`}
            ref={commentRef}
            data-testid="publish-comment"
            rows={2}
            maxLength={500}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          {blocker ? (
            <p className="field-error" data-testid="publish-blocked">
              {blocker}
            </p>
          ) : null}
          <div className="publish-actions">
            <button
              type="button"
              className="primary"
              data-testid="publish-submit"
              disabled={blocker !== null || publishing}
              onClick={publish}
            >
              {publishing ? t('publish.publishing') : t('publish.submit')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('publish.close')}
            </button>
          </div>
          <div data-testid="publish-result" aria-live="polite">
            {result?.ok ? (
              <p className="publish-ok">
                {t('publish.done', { version: result.versionNumber })}{' '}
                <Link to={historyUrl}>{t('publish.seeHistory')}</Link>
              </p>
            ) : result ? (
              <div className="field-error">
                <p>{result.message}</p>
                {result.diagnostics?.length ? (
                  <ul>
                    {result.diagnostics
                      .filter((diagnostic) => diagnostic.severity === 'error')
                      .map((diagnostic, index) => (
                        <li key={index}>{diagnostic.message}</li>
                      ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
