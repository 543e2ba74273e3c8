import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSRF_HEADER, useCsrfToken } from '#app/components/csrf-input.tsx';

export interface PromptToHear {
  text: string;
  language: string;
  voice?: string | undefined;
}

type ListenState = { kind: 'idle' } | { kind: 'rendering' } | { kind: 'ready' } | { kind: 'failed'; message: string };

/** The route that renders a prompt the way callers will hear it (app/routes/prompt-preview.ts). */
export const PROMPT_PREVIEW_URL = '/api/prompt-preview';

/** Renders the prompt on the server, with the voice callers will hear, and plays it. */
export function ListenButton({ prompt }: { prompt: PromptToHear }) {
  const { t } = useTranslation('editor');
  const [state, setState] = useState<ListenState>({ kind: 'idle' });
  const csrfToken = useCsrfToken();
  const audioRef = useRef<HTMLAudioElement>(null);
  const urlRef = useRef<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  async function listen() {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: 'rendering' });
    try {
      const response = await fetch(PROMPT_PREVIEW_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: csrfToken },
        body: JSON.stringify({
          text: prompt.text,
          language: prompt.language,
          ...(prompt.voice ? { voice: prompt.voice } : {}),
        }),
        signal: controller.signal,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? t('errors.serverAnswered', { status: response.status }));
      }
      const blob = await response.blob();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      urlRef.current = URL.createObjectURL(blob);
      const audio = audioRef.current;
      if (!audio) return;
      audio.src = urlRef.current;
      setState({ kind: 'ready' });
      await audio.play().catch(() => undefined); // autoplay refusal: the controls are there to press play
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const empty = prompt.text.trim() === '';
  return (
    <div className="listen">
      <button
        type="button"
        data-testid="listen-button"
        onClick={() => void listen()}
        disabled={empty || state.kind === 'rendering'}
        title={empty ? t('listen.typeFirst') : t('listen.hint')}
      >
        {state.kind === 'rendering' ? t('listen.rendering') : t('listen.listen')}
      </button>
      <audio ref={audioRef} controls data-testid="listen-audio" hidden={state.kind !== 'ready'} />
      {state.kind === 'failed' ? (
        <p className="field-error" role="alert">
          {t('listen.failed', { message: state.message })}
        </p>
      ) : null}
    </div>
  );
}
