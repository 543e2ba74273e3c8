import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFetcher } from 'react-router';
import type { FlowDocument } from '#flows/document.ts';
import { CSRF_FIELD, useCsrfToken } from '#app/components/csrf-input.tsx';
import type { EditorRequest, SaveResponse } from './protocol.ts';

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'unsaved' }
  | { state: 'saving' }
  /** Someone saved another version meanwhile: nothing is saved until the user chooses. */
  | { state: 'conflict'; message: string }
  | { state: 'failed'; message: string };

export const AUTOSAVE_DELAY_MS = 800;

interface Failure {
  kind: 'conflict' | 'failed';
  message: string;
  /** The document that failed, so the same one is not sent again and again. */
  json: string;
}

/**
 * Saves the draft by itself, AUTOSAVE_DELAY_MS after the last change, through the route action (intent=save). One
 * save at a time: changes made while a save is under way are sent when it returns. A stale revision stops saving
 * until the page is reloaded: the local edits stay on screen, never silently overwriting someone else's.
 */
export function useAutosave({
  action,
  document,
  documentJson,
  initialRevision,
  enabled,
}: {
  action: string;
  document: FlowDocument;
  documentJson: string;
  initialRevision: number;
  /** False on a viewer's read-only page: nothing is ever sent. */
  enabled: boolean;
}) {
  const { t } = useTranslation('editor');
  const fetcher = useFetcher<SaveResponse>();
  const csrfToken = useCsrfToken();
  const submit = fetcher.submit;
  const [revision, setRevision] = useState(initialRevision);
  const [savedJson, setSavedJson] = useState(documentJson);
  const [failure, setFailure] = useState<Failure | null>(null);
  /** The JSON of the document the request under way carries. */
  const [sending, setSending] = useState<string | null>(null);
  const [handled, setHandled] = useState<SaveResponse | null>(null);
  const busy = fetcher.state !== 'idle';

  // The answer is taken in during the render that brings it, not in an effect: React renders again at once, before
  // drawing, so the indicator goes from "Saving…" straight to "All changes saved" (an effect would first draw one
  // frame of "Unsaved changes", and cost the whole editor one more render per save).
  const response = fetcher.data;
  if (fetcher.state === 'idle' && response && response !== handled) {
    setHandled(response);
    const sent = sending ?? '';
    setSending(null);
    if (response.ok) {
      setRevision(response.revision);
      setSavedJson(sent);
      setFailure(null);
    } else {
      // A draft whose very shape is refused (an empty name...) is also listed in the problems panel, in words.
      const message =
        response.reason === 'invalid' ? t('save.fixErrors', { message: response.message }) : response.message;
      setFailure({ kind: response.reason === 'conflict' ? 'conflict' : 'failed', message, json: sent });
    }
  }

  const send = useCallback(() => {
    setSending(documentJson);
    const request: EditorRequest = { intent: 'save', document, revision };
    // The answer carries the new revision; reloading every loader of the page after each save (the router's default
    // after an action) would only add a second round trip to each save.
    void submit({ ...request, [CSRF_FIELD]: csrfToken } as never, {
      method: 'post',
      action,
      encType: 'application/json',
      defaultShouldRevalidate: false,
    });
  }, [action, csrfToken, document, documentJson, revision, submit]);

  useEffect(() => {
    if (!enabled || busy || documentJson === savedJson) return;
    if (failure?.kind === 'conflict') return;
    if (failure?.kind === 'failed' && failure.json === documentJson) return;
    const timer = setTimeout(send, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [enabled, busy, documentJson, savedJson, failure, send]);

  let status: SaveStatus;
  if (failure?.kind === 'conflict') status = { state: 'conflict', message: failure.message };
  else if (busy) status = { state: 'saving' };
  else if (documentJson === savedJson) status = { state: 'saved' };
  else if (failure && failure.json === documentJson) status = { state: 'failed', message: failure.message };
  else status = { state: 'unsaved' };

  /** Sends the current draft at once (the "Try again" button after a failure). */
  const retry = useCallback(() => {
    setFailure(null);
    if (!busy) send();
  }, [busy, send]);

  return { status, revision, retry };
}
