import { useCallback, useEffect, useRef, useState } from 'react';
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
}: {
  action: string;
  document: FlowDocument;
  documentJson: string;
  initialRevision: number;
}) {
  const fetcher = useFetcher<SaveResponse>();
  const csrfToken = useCsrfToken();
  const submit = fetcher.submit;
  const [revision, setRevision] = useState(initialRevision);
  const [savedJson, setSavedJson] = useState(documentJson);
  const [failure, setFailure] = useState<Failure | null>(null);
  const sending = useRef<string | null>(null);
  const handled = useRef<SaveResponse | null>(null);
  const busy = fetcher.state !== 'idle';

  useEffect(() => {
    const response = fetcher.data;
    if (fetcher.state !== 'idle' || !response || handled.current === response) return;
    handled.current = response;
    const sent = sending.current ?? '';
    sending.current = null;
    if (response.ok) {
      setRevision(response.revision);
      setSavedJson(sent);
      setFailure(null);
    } else {
      // A draft whose very shape is refused (an empty name...) is also listed in the problems panel, in words.
      const message = response.reason === 'invalid' ? `fix the errors listed below (${response.message})` : response.message;
      setFailure({ kind: response.reason === 'conflict' ? 'conflict' : 'failed', message, json: sent });
    }
  }, [fetcher.state, fetcher.data]);

  const send = useCallback(() => {
    sending.current = documentJson;
    const request: EditorRequest = { intent: 'save', document, revision };
    void submit({ ...request, [CSRF_FIELD]: csrfToken } as never, { method: 'post', action, encType: 'application/json' });
  }, [action, csrfToken, document, documentJson, revision, submit]);

  useEffect(() => {
    if (busy || documentJson === savedJson) return;
    if (failure?.kind === 'conflict') return;
    if (failure?.kind === 'failed' && failure.json === documentJson) return;
    const timer = setTimeout(send, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [busy, documentJson, savedJson, failure, send]);

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
