import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DialOutcome } from '#runtime/call-port.ts';
import { isNodeType } from '#flows/catalogue.ts';
import { nodeTitle } from '#flows/node-texts.ts';
import { DIAL_OUTCOMES } from '#runtime/simulator/events.ts';
import { instantOfLocalInput } from '#app/calendars/use-calendar-verdicts.ts';
import { useUiLanguage } from '#app/editor/use-ui-language.ts';
import { FORMATTING_LOCALE } from '#i18n/languages.ts';
import { describePrompt, describeState } from './describe.ts';
import { parsePresetVariables } from './preset-variables.ts';
import './test-call.css';
import type { useSimulation } from './use-simulation.ts';

// The editor's "Test call" panel: a caller number, a keypad and the call's story, step by step. The prompts are
// heard in the browser: each one the call starts playing is queued on one <audio> element, played in order.

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
// Marks of the steps' lines, and an example variable: flow data, written the same whatever the reader's language.
const HEARD = '🔈';
const PRESSED = '⌨';
const VARIABLES_EXAMPLE = 'client_vip=oui';

type Simulation = ReturnType<typeof useSimulation>;

export function TestCallPanel({
  simulation,
  onClose,
  at,
  onAtChange,
}: {
  simulation: Simulation;
  onClose: () => void;
  /** The date-time the test call happens at (datetime-local, the browser's zone); empty: now. */
  at: string;
  onAtChange: (at: string) => void;
}) {
  const { view } = simulation;
  const { t } = useTranslation(['simulator', 'nodes']);
  const language = useUiLanguage();
  // The steps' times to the second, in the reader's way of writing the time of day.
  const stepTime = useMemo(
    () => new Intl.DateTimeFormat(FORMATTING_LOCALE[language], { timeStyle: 'medium' }),
    [language],
  );
  const [callerNumber, setCallerNumber] = useState('0600000000');
  const [dialOutcome, setDialOutcome] = useState<DialOutcome | 'ask'>('ask');
  const [variablesText, setVariablesText] = useState('');
  const presetVariables = parsePresetVariables(variablesText, t);
  const running = view.status === 'running';
  const audio = useRef<HTMLAudioElement | null>(null);
  usePromptAudio(audio, view.wait?.kind === 'play' ? view.wait.hash : null, view.status);

  const state = describeState(view, t);

  return (
    <section className="floating-panel test-call-panel" data-testid="test-call-panel" aria-label={t('title')}>
      <header>
        <h2>{t('title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('close')} disabled={running}>
          ×
        </button>
      </header>
      <div className="test-call-setup">
        <label>
          {t('callerNumber')}
          <input
            data-testid="test-call-caller"
            value={callerNumber}
            onChange={(event) => setCallerNumber(event.target.value)}
            disabled={running}
            inputMode="tel"
          />
        </label>
        <label>
          {t('dialPreset')}
          <select
            data-testid="test-call-dial-preset"
            value={dialOutcome}
            onChange={(event) => setDialOutcome(event.target.value as DialOutcome | 'ask')}
            disabled={running}
          >
            <option value="ask">{t('askMe')}</option>
            {DIAL_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`dialOutcomes.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('at')}
          <input
            type="datetime-local"
            data-testid="test-call-at"
            value={at}
            onChange={(event) => onAtChange(event.target.value)}
            disabled={running}
          />
        </label>
        <label className="test-call-variables">
          {t('variables')}
          <textarea
            data-testid="test-call-variables"
            value={variablesText}
            onChange={(event) => setVariablesText(event.target.value)}
            disabled={running}
            rows={2}
            placeholder={VARIABLES_EXAMPLE}
            aria-invalid={!presetVariables.ok}
            aria-describedby="test-call-variables-error"
          />
        </label>
        {presetVariables.ok ? null : (
          <p
            className="test-call-error"
            id="test-call-variables-error"
            data-testid="test-call-variables-error"
            role="alert"
          >
            {presetVariables.error}
          </p>
        )}
        <button
          type="button"
          className="primary"
          data-testid="test-call-start"
          disabled={running || view.status === 'starting' || !presetVariables.ok}
          onClick={() => {
            if (presetVariables.ok)
              void simulation.start({
                callerNumber,
                dialOutcome,
                variables: presetVariables.variables,
                at: instantOfLocalInput(at),
              });
          }}
        >
          {view.status === 'ended' ? t('callAgain') : t('start')}
        </button>
      </div>

      <p
        className="test-call-state"
        data-testid="test-call-state"
        data-status={view.status}
        data-wait={view.wait?.kind ?? ''}
        role="status"
      >
        {state}
      </p>
      {view.error ? (
        <div className="test-call-error" role="alert" data-testid="test-call-error">
          <p>{view.error}</p>
          {view.diagnostics.length > 0 ? (
            <ul>
              {view.diagnostics.map((message, index) => (
                <li key={index}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {view.question ? (
        <div
          className="dial-question"
          data-testid="dial-question"
          role="group"
          aria-label={t('question.label', { endpoint: view.question.endpoint })}
        >
          <p>
            <Trans
              t={t}
              i18nKey="question.text"
              values={{ endpoint: view.question.endpoint }}
              components={{ strong: <strong /> }}
            />
          </p>
          {view.question.outcomes.map((outcome) => (
            <button
              key={outcome}
              type="button"
              data-testid={`dial-answer-${outcome}`}
              onClick={() => void simulation.answer(view.question!.questionId, outcome)}
            >
              {t(`dialOutcomes.${outcome}`)}
            </button>
          ))}
        </div>
      ) : null}

      <div className="keypad" role="group" aria-label={t('keypad')}>
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            data-testid={`keypad-${key}`}
            disabled={!running}
            onClick={() => void simulation.pressKey(key)}
          >
            {key}
          </button>
        ))}
      </div>
      <div className="test-call-actions">
        <button
          type="button"
          data-testid="test-call-skip"
          disabled={!running}
          onClick={() => void simulation.skip()}
          title={t('skipTitle')}
        >
          {t('skip')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="test-call-hangup"
          disabled={!running}
          onClick={() => void simulation.hangUp()}
        >
          {t('hangUp')}
        </button>
        {view.status === 'ended' && view.callId ? (
          <a href={`/calls/${view.callId}`} data-testid="test-call-history">
            {t('history')}
          </a>
        ) : null}
      </div>

      <audio ref={audio} data-testid="test-call-audio" preload="auto" />
      <ol className="test-call-steps" data-testid="test-call-steps">
        {view.steps.map((step, index) => (
          <li key={index} data-node-id={step.nodeId}>
            <span className="step-node">{step.nodeId}</span>{' '}
            <span className="muted">
              {step.nodeType && isNodeType(step.nodeType) ? nodeTitle(step.nodeType, t) : step.nodeType}
            </span>{' '}
            <time className="muted">{stepTime.format(step.at)}</time>
            {step.prompts.map((prompt, promptIndex) => (
              <div key={promptIndex} className="step-prompt">
                {HEARD} {describePrompt(prompt, t)}
              </div>
            ))}
            {step.digits.map((digits, digitsIndex) => (
              <div key={digitsIndex} className="step-digits">
                {PRESSED} {digits || t('steps.noDigits')}
              </div>
            ))}
            {step.branch ? <div className="muted">→ {step.branch}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Plays each prompt the call starts (by hash) after the ones already queued; when the call stops or moves past a
 * prompt the caller interrupted, the queue is dropped so the browser never talks over what comes next.
 */
function usePromptAudio(audio: RefObject<HTMLAudioElement | null>, hash: string | null, status: string) {
  const queue = useRef<string[]>([]);
  const playing = useRef(false);

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    const next = () => {
      const upcoming = queue.current.shift();
      if (!upcoming) {
        playing.current = false;
        return;
      }
      playing.current = true;
      element.src = `/prompts/${upcoming}.wav`;
      // Autoplay may be refused (no user gesture yet, headless browsers): the call goes on without sound.
      element.play().catch(() => next());
    };
    element.addEventListener('ended', next);
    element.addEventListener('error', next);
    (element as HTMLAudioElement & { playNext?: () => void }).playNext = next;
    return () => {
      element.pause();
      element.removeEventListener('ended', next);
      element.removeEventListener('error', next);
    };
  }, [audio]);

  useEffect(() => {
    if (!hash) return;
    queue.current.push(hash);
    const element = audio.current as (HTMLAudioElement & { playNext?: () => void }) | null;
    if (element && !playing.current) element.playNext?.();
  }, [audio, hash]);

  useEffect(() => {
    if (status === 'running') return;
    queue.current = [];
    audio.current?.pause();
    playing.current = false;
  }, [audio, status]);
}
